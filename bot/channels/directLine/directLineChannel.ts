import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ConversationReference, Middleware, MiddlewareHandler, TurnContext } from 'botbuilder';
import { badRequest, forbidden, notFound } from '../../../platform/errors';
import type { Logger } from '../../../platform/logger';
import { maskSecretAnswer, maskText } from '../../../platform/mask';
import { InProcessAdapter, type TurnBot } from '../../adapter/inProcessAdapter';
import { stampIdentity, type CustomerIdentity } from '../../identity';
import { isSecretPrompt } from '../../secretPrompt';
import { type ActivityLog, type ChatAccount, type ChatActivity, type ConversationInfo, type NewChatActivity } from '../activityLog';
import { DirectLineStreamServer } from './directLineStream';
import { DirectLineTokens, type ChatClaims } from './directLineTokens';
import { isDroppedClientEvent, parseInboundActivity } from './inboundActivity';
import { MemoryRateLimiter } from '../../../platform/store/memoryRateLimiter';
import type { RateLimit, RateLimiter } from '../../../platform/store/rateLimiter';
import { wireActivity } from './wireActivity';
import { directLineSink } from './directLineSink';

export const CHANNEL_ID = 'directline';
const CONVERSATION_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Most activities one polling answer carries; the client comes back for the rest. */
const PAGE = 200;
/** How far back a post looks for the bot's latest message (typing and events may come after it). */
const SECRET_LOOKBACK = 6;

export interface DirectLineLimits {
  /** Posted activities per second per conversation. */
  messagesPerSecond: number;
  /** New conversations per minute per client address. */
  conversationsPerMinute: number;
  /** Longest message text, in characters. */
  maxTextLength: number;
  /** Largest request body, in bytes. */
  maxBodyBytes: number;
}

export interface DirectLineChannelOptions {
  logger: Logger;
  /** Where conversations live; shared by all instances when it is the Redis one. */
  log: ActivityLog;
  /** HS256 secret of the chat tokens (≥ 32 characters). */
  tokenSecret: string;
  tokenTtlSeconds?: number;
  limits: DirectLineLimits;
  /** The bot: a botbuilder `ActivityHandler` or anything with its `run(context)`. */
  bot: TurnBot;
  botName?: string;
  /** Seconds between keep-alive frames on the WebSocket stream. */
  keepAliveSeconds?: number;
  /** Public base URL (`https://chat.example.com`); otherwise stream URLs follow the request's Host. */
  publicUrl?: string;
  /** Typing indicator after this many ms of a slow turn; 0 = off. */
  typingDelayMs?: number;
  /** Builds the rate limiters (default: in this process; pass Redis-backed ones so every instance shares them). */
  rateLimiter?: (limit: RateLimit) => RateLimiter;
}

/** A user activity, once it is in the log. */
export interface UserActivityEvent {
  conversationId: string;
  activity: ChatActivity;
  identity: CustomerIdentity;
}

export interface OpenedConversation {
  conversationId: string;
  token: string;
  expires_in: number;
}

/** Chooses which conversation a customer's chat opens ({@link DirectLineChannel.pickConversationsWith}). */
export interface ConversationPicker {
  /** An existing conversation of the customer to open instead of a new one, if any. */
  pick(customerId: string): Promise<string | undefined>;
  /** The customer opened a chat in a new conversation. */
  opened(customerId: string, conversationId: string): Promise<void>;
}

/** Who a proactive message is from, e.g. a human agent: `{ id: 'agent:17', name: 'Maria' }`. */
export interface Sender {
  id: string;
  name?: string;
}

/**
 * A Direct Line 3.0 compatible channel hosted by us: conversations, tokens, the bot's turns
 * (in-process through botbuilder's CloudAdapter) and the WebSocket stream. The REST surface
 * is {@link ./directLineRouter}; this class is what it calls.
 */
export class DirectLineChannel {
  readonly tokens: DirectLineTokens;
  readonly log: ActivityLog;
  readonly limits: DirectLineLimits;
  readonly logger: Logger;
  readonly bot: ChatAccount;
  private readonly adapter: InProcessAdapter;
  private readonly stream: DirectLineStreamServer;
  private readonly messageLimiter: RateLimiter;
  private readonly typingLimiter: RateLimiter;
  private readonly conversationLimiter: RateLimiter;
  private readonly turns = new Map<string, Promise<void>>();
  private readonly userListeners = new Set<(e: UserActivityEvent) => void>();
  private readonly publicUrl?: string;
  private picker?: ConversationPicker;

  constructor(options: DirectLineChannelOptions) {
    this.logger = options.logger;
    this.log = options.log;
    this.limits = options.limits;
    this.publicUrl = options.publicUrl?.replace(/\/$/, '');
    this.tokens = new DirectLineTokens(options.tokenSecret, options.tokenTtlSeconds ?? 1800);
    this.bot = { id: 'pawsupport-bot', name: options.botName ?? 'PawSupport', role: 'bot' };
    const limiter = options.rateLimiter ?? ((limit: RateLimit) => new MemoryRateLimiter(limit));
    this.messageLimiter = limiter({ capacity: options.limits.messagesPerSecond, windowMs: 1000, what: 'messages in this conversation' });
    this.typingLimiter = limiter({ capacity: options.limits.messagesPerSecond, windowMs: 1000, what: 'typing indicators in this conversation' });
    this.conversationLimiter = limiter({ capacity: options.limits.conversationsPerMinute, windowMs: 60_000, what: 'new conversations from your address' });
    this.adapter = new InProcessAdapter({ bot: options.bot, sink: directLineSink({ channelId: CHANNEL_ID, bot: this.bot, log: this.log, conversation: (id) => this.conversation(id) }), logger: options.logger, typingDelayMs: options.typingDelayMs });
    this.stream = new DirectLineStreamServer({ log: options.log, tokens: this.tokens, logger: options.logger, keepAliveMs: (options.keepAliveSeconds ?? 20) * 1000 });
  }

  // ── conversations and tokens ────────────────────────────────────────

  /**
   * Creates a conversation for a customer (null = anonymous) and a token for it: what
   * `POST /api/chat/token` hands the host site. The bot hears of it when the client starts it.
   */
  /** Adds botbuilder middleware to every turn of this channel (handoff hub, metrics…). */
  use(...middleware: (Middleware | MiddlewareHandler)[]): this {
    this.adapter.cloud.use(...middleware);
    return this;
  }

  async openConversation(identity: CustomerIdentity): Promise<OpenedConversation> {
    let claims = await this.pickedConversation(identity);
    if (!claims) {
      claims = await this.createConversation(identity);
      if (claims.customerId) await this.picker?.opened(claims.customerId, claims.conversationId);
    }
    const { token, expiresIn } = await this.tokens.issue(claims);
    return { conversationId: claims.conversationId, token, expires_in: expiresIn };
  }

  /**
   * Creates a conversation for a customer without a token yet: a proactive message can wait in
   * it until the customer opens the chat (see {@link pickConversationsWith}).
   */
  async createConversation(identity: CustomerIdentity): Promise<ChatClaims> {
    const claims: ChatClaims = {
      conversationId: DirectLineTokens.newConversationId(),
      userId: this.tokens.userIdFor(identity.customerId),
      customerId: identity.customerId,
      ...(identity.name ? { name: identity.name } : {}),
    };
    const created = await this.log.createConversation({
      conversationId: claims.conversationId,
      userId: claims.userId,
      customerId: claims.customerId,
      ...(claims.name ? { name: claims.name } : {}),
      createdAt: new Date().toISOString(),
    });
    if (!created) throw new Error('conversation id collision');
    return claims;
  }

  /** Lets a feature choose the conversation a customer's next chat opens (where proactive messages wait) and hear of new ones. */
  pickConversationsWith(picker: ConversationPicker): void {
    this.picker = picker;
  }

  /** The existing conversation the picker chose for this customer, if it is still theirs. */
  private async pickedConversation(identity: CustomerIdentity): Promise<ChatClaims | undefined> {
    const id = identity.customerId ? await this.picker?.pick(identity.customerId) : undefined;
    const meta = id ? (await this.log.getConversation(id))?.meta : undefined;
    if (!meta || meta.customerId !== identity.customerId) return undefined;
    // A conversation made for a proactive message has no name yet: the shop's sign-in gives it.
    const name = identity.name ?? meta.name;
    return { conversationId: meta.conversationId, userId: meta.userId, customerId: meta.customerId, ...(name ? { name } : {}) };
  }

  /** Counts one new conversation against the caller's address. @throws AppError 429 */
  async limitNewConversations(address: string): Promise<void> {
    await this.conversationLimiter.take(address);
  }

  /** The token's claims; the path's conversation must be the token's. @throws AppError 401/403 */
  async authorize(bearer: string | undefined, conversationId?: string): Promise<ChatClaims> {
    const claims = await this.tokens.verify(bearer);
    if (conversationId !== undefined && conversationId !== claims.conversationId) throw forbidden('This token is for another conversation.');
    return claims;
  }

  /** @throws AppError 404 when the conversation does not exist (never did, ended or expired). */
  async conversation(conversationId: string): Promise<ConversationInfo> {
    const info = CONVERSATION_ID.test(conversationId) ? await this.log.getConversation(conversationId) : undefined;
    if (!info) throw notFound('This conversation does not exist or has ended.');
    return info;
  }

  /**
   * Starts the token's conversation if nobody has: the bot gets `conversationUpdate` with the
   * user in `membersAdded` (once, across all instances). @returns whether this call started it.
   */
  async start(claims: ChatClaims): Promise<boolean> {
    const info = await this.conversation(claims.conversationId);
    if (info.started || !(await this.log.markStarted(claims.conversationId))) return false;
    const user = this.userAccount(claims);
    const update: { channelData?: Record<string, unknown>; [key: string]: unknown } = {
      type: 'conversationUpdate',
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      channelId: CHANNEL_ID,
      from: user,
      recipient: this.bot,
      conversation: { id: claims.conversationId },
      membersAdded: [user],
    };
    this.enqueueTurn(claims.conversationId, () => this.adapter.deliver(stampIdentity(update, identityOf(claims))));
    return true;
  }

  async refreshToken(claims: ChatClaims): Promise<OpenedConversation> {
    const { token, expiresIn } = await this.tokens.issue(claims);
    return { conversationId: claims.conversationId, token, expires_in: expiresIn };
  }

  /** `ws(s)://…/v3/directline/conversations/{id}/stream?watermark=…&t=<short-lived stream token>` */
  async streamUrl(claims: ChatClaims, watermark: number, requestBase: { protocol: string; host: string | undefined }): Promise<string> {
    let base = this.publicUrl;
    if (!base) {
      const host = requestBase.host ?? '';
      if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) throw badRequest('The Host header is not valid.');
      base = `${requestBase.protocol}://${host}`;
    }
    const t = await this.tokens.issueStreamToken(claims);
    const ws = base.replace(/^http/i, 'ws');
    return `${ws}/v3/directline/conversations/${encodeURIComponent(claims.conversationId)}/stream?watermark=${watermark}&t=${encodeURIComponent(t)}`;
  }

  // ── activities ──────────────────────────────────────────────────────

  /**
   * Logs a user's activity (who and where come from the token, never the body), answers with
   * its id at once and queues the bot's turn. @throws AppError 404/413/422/429
   */
  async post(claims: ChatClaims, body: unknown, clientAddress?: string): Promise<{ id: string }> {
    const inbound = parseInboundActivity(body, this.limits.maxTextLength);
    // Web Chat sends a typing activity as the customer types: it must not use up the budget of the message that follows.
    if (inbound.type === 'typing') await this.typingLimiter.take(`typing:${claims.conversationId}`);
    else await this.messageLimiter.take(claims.conversationId);
    const info = await this.conversation(claims.conversationId);
    // Answered like any post (clients expect an id) but never logged or shown to the bot.
    if (isDroppedClientEvent(inbound)) return { id: `${claims.conversationId}|dropped-${randomUUID()}` };
    if (!info.started) await this.start(claims);
    const activity: NewChatActivity = {
      ...inbound,
      channelId: CHANNEL_ID,
      from: this.userAccount(claims),
      recipient: this.bot,
      conversation: { id: claims.conversationId },
    };
    // The history keeps what people typed masked (card numbers, PINs, e-mails, phones; every
    // digit of an answer to a secret prompt); the bot's turn gets the text as typed, once.
    const typed = typeof inbound.text === 'string' ? inbound.text : undefined;
    if (typed !== undefined) activity.text = (await this.answersSecretPrompt(claims.conversationId, info.lastSeq)) ? maskSecretAnswer(typed) : maskText(typed);
    const entry = await this.log.append(claims.conversationId, activity);
    const identity = identityOf(claims);
    const event: UserActivityEvent = { conversationId: claims.conversationId, activity: entry.activity, identity };
    for (const l of this.userListeners) {
      try {
        l(structuredClone(event));
      } catch (err) {
        this.logger.warn({ err }, 'user activity listener failed');
      }
    }
    const delivered = { ...entry.activity, ...(typed !== undefined ? { text: typed } : {}) };
    this.enqueueTurn(claims.conversationId, () => this.adapter.deliver(stampIdentity(delivered, { ...identity, ...(clientAddress ? { clientAddress } : {}) })));
    return { id: entry.activity.id };
  }

  /** Was the bot's latest message in the conversation a question for a secret ({@link isSecretPrompt})? */
  private async answersSecretPrompt(conversationId: string, lastSeq: number): Promise<boolean> {
    if (lastSeq <= 0) return false;
    const recent = await this.log.read(conversationId, Math.max(0, lastSeq - SECRET_LOOKBACK), SECRET_LOOKBACK);
    const lastBotMessage = recent.map((e) => e.activity).filter((a) => a.type === 'message' && a.from.role === 'bot').at(-1);
    return !!lastBotMessage && isSecretPrompt(lastBotMessage);
  }

  /** Activities after a watermark, as Direct Line polling returns them. */
  async activities(conversationId: string, afterSeq: number): Promise<{ activities: ChatActivity[]; watermark: string }> {
    const entries = await this.log.read(conversationId, afterSeq, PAGE);
    const last = entries.length ? entries[entries.length - 1]!.seq : afterSeq;
    return { activities: entries.map(wireActivity), watermark: String(last) };
  }

  // ── proactive messages and hooks for later work (human handoff) ─────

  /**
   * Sends an activity into a conversation outside of a user's turn, through the adapter, e.g. a
   * human agent's message with `from = { id: 'agent:17', name: 'Maria' }`. @returns its id.
   * @throws AppError 404 when the conversation does not exist.
   */
  async sendProactive(conversationId: string, activity: Partial<ChatActivity> & { type?: string }, from?: Sender): Promise<{ id: string }> {
    let id = '';
    await this.continueConversation(
      conversationId,
      async (context) => {
        const r = await context.sendActivity(activity as Parameters<TurnContext['sendActivity']>[0]);
        id = r?.id ?? '';
      },
      from,
    );
    return { id };
  }

  /** Runs `logic` in a proactive turn of the conversation (botbuilder's `continueConversationAsync`). */
  async continueConversation(conversationId: string, logic: (context: TurnContext) => Promise<void>, from?: Sender): Promise<void> {
    const { meta } = await this.conversation(conversationId);
    const reference: Partial<ConversationReference> = {
      channelId: CHANNEL_ID,
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      user: { id: meta.userId, name: meta.name ?? '', role: 'user' },
      bot: from ? { id: from.id, name: from.name ?? this.bot.name ?? '', role: 'bot' } : { id: this.bot.id, name: this.bot.name ?? '', role: 'bot' },
    };
    await this.adapter.continueConversation(reference, logic);
  }

  /**
   * Called for each user activity this instance logs (each one is logged by exactly one
   * instance). @returns a function that removes the listener.
   */
  onUserActivity(listener: (event: UserActivityEvent) => void): () => void {
    this.userListeners.add(listener);
    return () => this.userListeners.delete(listener);
  }

  // ── plumbing ────────────────────────────────────────────────────────

  /** Handles the stream's WebSocket upgrade; false when the request is not for the stream. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    return this.stream.handleUpgrade(req, socket, head);
  }

  /**
   * Waits (at most `graceMs`) for running bot turns, including ones queued meanwhile, so their
   * replies reach the log and the open streams; then closes the streams. The log is the caller's.
   */
  async close(graceMs = 5000): Promise<void> {
    const deadline = Date.now() + graceMs;
    while (this.turns.size && Date.now() < deadline) {
      await Promise.race([Promise.allSettled([...this.turns.values()]), new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())).unref())]);
    }
    await this.stream.close();
  }

  /** Bot turns of one conversation run one after another, in arrival order. */
  private enqueueTurn(conversationId: string, turn: () => Promise<void>): void {
    const previous = this.turns.get(conversationId) ?? Promise.resolve();
    const next = previous
      .then(turn)
      .catch((err: unknown) => this.logger.error({ err, conversationId }, 'bot turn could not run'))
      .finally(() => {
        if (this.turns.get(conversationId) === next) this.turns.delete(conversationId);
      });
    this.turns.set(conversationId, next);
  }

  private userAccount(claims: ChatClaims): ChatAccount {
    return { id: claims.userId, ...(claims.name ? { name: claims.name } : {}), role: 'user' };
  }
}

function identityOf(claims: ChatClaims): CustomerIdentity {
  return { customerId: claims.customerId, ...(claims.name ? { name: claims.name } : {}) };
}
