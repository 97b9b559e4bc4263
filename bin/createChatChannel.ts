import type { TurnBot } from '../bot/adapter/inProcessAdapter';
import type { ActivityLog } from '../bot/channels/activityLog';
import { DirectLineChannel } from '../bot/channels/directLine/directLineChannel';
import type { Logger } from '../platform/logger';
import type { RateLimit, RateLimiter } from '../platform/store/rateLimiter';
import type { Config } from './config';

export interface ChatChannelDeps {
  config: Config;
  logger: Logger;
  /** The bot: a botbuilder `ActivityHandler` (or anything with `run(context)`). */
  bot: TurnBot;
  /** Conversations and their history (`Stores.activityLog`); closing it is the caller's job. */
  activityLog: ActivityLog;
  /** Typing indicator after this many ms of a slow turn (default 600; 0 = off). */
  typingDelayMs?: number;
  /** `Stores.rateLimiter`: shared by every instance with Redis (default: counted in this process). */
  rateLimiter?: (limit: RateLimit, name: string) => RateLimiter;
}

/**
 * The web chat's Direct Line channel from config: conversations, tokens, limits, the activity
 * stream, proactive messages. Its HTTP surface is mounted by `createServerApp`.
 */
export function createChatChannel(deps: ChatChannelDeps): DirectLineChannel {
  const { config, rateLimiter } = deps;
  return new DirectLineChannel({
    logger: deps.logger,
    log: deps.activityLog,
    bot: deps.bot,
    botName: config.CHAT_BOT_NAME,
    tokenSecret: config.DIRECTLINE_TOKEN_SECRET,
    tokenTtlSeconds: config.DIRECTLINE_TOKEN_TTL_SECONDS,
    keepAliveSeconds: config.DIRECTLINE_KEEPALIVE_SECONDS,
    publicUrl: config.PUBLIC_URL,
    typingDelayMs: deps.typingDelayMs,
    rateLimiter: rateLimiter ? (limit) => rateLimiter(limit, 'directline') : undefined,
    limits: {
      messagesPerSecond: config.DIRECTLINE_MESSAGES_PER_SECOND,
      conversationsPerMinute: config.DIRECTLINE_CONVERSATIONS_PER_MINUTE,
      maxTextLength: config.DIRECTLINE_MAX_TEXT_LENGTH,
      maxBodyBytes: config.DIRECTLINE_MAX_BODY_BYTES,
    },
  });
}
