import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Express, RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import type { Config } from './config';
import { RedisRateLimiter } from '../platform/store/redisRateLimiter';
import { createHttpApp } from '../platform/http/createHttpApp';
import { finishHttpApp } from '../platform/http/finishHttpApp';
import type { Logger } from '../platform/logger';
import { chatPageRouter } from '../web/chat/chatPage';
import type { TurnBot } from '../bot/adapter/inProcessAdapter';
import type { ActivityLog } from '../bot/channels/activityLog';
import { chatApiRouter, type DemoCustomer } from '../bot/channels/chatApiRouter';
import { DirectLineChannel } from '../bot/channels/directLine/directLineChannel';
import { directLineRouter, uploadErrors } from '../bot/channels/directLine/directLineRouter';

export interface ChatServerDeps {
  config: Config;
  logger: Logger;
  /** The bot: a botbuilder `ActivityHandler` (or anything with `run(context)`). */
  bot: TurnBot;
  /** Conversations and their history (see `createActivityLog`); closing it is the caller's job. */
  activityLog: ActivityLog;
  /** Demo customers for the page's picker (the sandbox's `GET /v1/customers`). */
  listCustomers?: () => Promise<DemoCustomer[]>;
  /** Typing indicator after this many ms of a slow turn (default 600; 0 = off). */
  typingDelayMs?: number;
  /** With Redis, the rate limits are shared by every instance instead of counted per process. */
  redis?: Redis;
  /** More surfaces of the same server (consoles, admin, metrics), mounted before the 404 fallback. */
  routers?: (channel: DirectLineChannel) => RequestHandler[];
  /** Middleware run before every route (log context, metrics, the shutdown guard). */
  front?: RequestHandler[];
}

export interface ChatServer {
  /** Page, token endpoints and Direct Line REST, with the shared problem+json handling. */
  app: Express;
  /** Conversations, proactive messages, user-activity hook. */
  channel: DirectLineChannel;
  /** For `server.on('upgrade', …)`: serves the activity stream, refuses anything else. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Wires {@link handleUpgrade} into an http.Server. */
  attach(server: Server): void;
  /**
   * Waits for running bot turns (at most `graceMs`, default 5 s), then closes the activity
   * streams with a reconnect hint (1012 "service restart").
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * The web chat server: `/` (the chat page), `/api/chat/token` (host sites), `/api/demo/*`
 * (demo mode), `/v3/directline/*` (Direct Line 3.0 for the official clients) and the
 * WebSocket stream. Usage: `const chat = createChatServer(deps); const server =
 * http.createServer(chat.app); chat.attach(server); server.listen(...)`.
 */
export function createChatServer(deps: ChatServerDeps): ChatServer {
  const { config, logger } = deps;
  const channel = new DirectLineChannel({
    logger,
    log: deps.activityLog,
    bot: deps.bot,
    botName: config.CHAT_BOT_NAME,
    tokenSecret: config.DIRECTLINE_TOKEN_SECRET,
    tokenTtlSeconds: config.DIRECTLINE_TOKEN_TTL_SECONDS,
    keepAliveSeconds: config.DIRECTLINE_KEEPALIVE_SECONDS,
    publicUrl: config.PUBLIC_URL,
    typingDelayMs: deps.typingDelayMs,
    rateLimiter: deps.redis ? (limit) => new RedisRateLimiter(deps.redis!, limit, `${config.REDIS_PREFIX}ratelimit:`) : undefined,
    limits: {
      messagesPerSecond: config.DIRECTLINE_MESSAGES_PER_SECOND,
      conversationsPerMinute: config.DIRECTLINE_CONVERSATIONS_PER_MINUTE,
      maxTextLength: config.DIRECTLINE_MAX_TEXT_LENGTH,
      maxBodyBytes: config.DIRECTLINE_MAX_BODY_BYTES,
    },
  });

  const app = createHttpApp({ logger, bodyLimit: config.DIRECTLINE_MAX_BODY_BYTES });
  for (const f of deps.front ?? []) app.use(f);
  app.use('/v3/directline', directLineRouter(channel));
  app.use(chatApiRouter({ channel, apiSecret: config.CHAT_API_SECRET, demoMode: config.DEMO_MODE, listCustomers: deps.listCustomers }));
  app.use(chatPageRouter({ demoMode: config.DEMO_MODE }));
  app.use(uploadErrors);
  for (const r of deps.routers?.(channel) ?? []) app.use(r);
  finishHttpApp(app, logger);

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (channel.handleUpgrade(req, socket, head)) return;
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  };
  return {
    app,
    channel,
    handleUpgrade,
    attach: (server) => void server.on('upgrade', handleUpgrade),
    close: (graceMs) => channel.close(graceMs),
  };
}
