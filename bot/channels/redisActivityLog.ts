import type { Redis } from 'ioredis';
import { notFound, storeUnavailable } from '../../platform/errors';
import type { Logger } from '../../platform/logger';
import {
  activityIdFor,
  type ActivityLog,
  type ActivityLogOptions,
  type AppendOptions,
  type ConversationInfo,
  type ConversationMeta,
  type LogEntry,
  type LogListener,
  type NewChatActivity,
  type SubscribeOptions,
  type Unsubscribe,
} from './activityLog';

/**
 * KEYS: conversation hash, stream. ARGV: activity json, replaced id or "", ttl, maxlen, channel,
 * deadline (epoch ms, 0 = none). One script so the seq, the stream entry and the publication
 * happen together: publication order is seq order, which lets followers detect gaps. Past the
 * deadline the caller has already given up (its command timed out, its request failed), so the
 * script refuses instead of applying a write nobody was told about.
 */
const APPEND = `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local now = redis.call('TIME')
local ms = now[1] .. string.format('%03d', math.floor(tonumber(now[2]) / 1000))
if tonumber(ARGV[6]) > 0 and tonumber(ms) > tonumber(ARGV[6]) then return {-1, ms} end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
local last = redis.call('HGET', KEYS[1], 'ts')
if last and tonumber(last) > tonumber(ms) then ms = last end
redis.call('HSET', KEYS[1], 'ts', ms)
redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[4], seq .. '-0', 'a', ARGV[1], 't', ms, 'r', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[3])
redis.call('PUBLISH', ARGV[5], '{"seq":' .. seq .. ',"t":' .. ms .. ',"r":' .. cjson.encode(ARGV[2]) .. ',"a":' .. ARGV[1] .. '}')
return {seq, ms}
`;

/** KEYS: conversation hash. ARGV: meta json, ttl. */
const CREATE = `
if redis.call('HSETNX', KEYS[1], 'meta', ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'seq', 0, 'started', 0)
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1
`;

/** KEYS: conversation hash. → -1 absent, 0 already started, 1 started now. */
const START = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('HGET', KEYS[1], 'started') == '1' then return 0 end
redis.call('HSET', KEYS[1], 'started', 1)
return 1
`;

interface Scripts {
  pawDlAppend(k1: string, k2: string, json: string, replaces: string, ttl: number, maxlen: number, channel: string, deadline: number): Promise<[number, string] | null>;
  pawDlCreate(k1: string, json: string, ttl: number): Promise<number>;
  pawDlStart(k1: string): Promise<number>;
}

interface Channel {
  listeners: Set<{ listener: LogListener; options?: SubscribeOptions }>;
  ready: Promise<unknown>;
}

export interface RedisActivityLogOptions extends ActivityLogOptions {
  /** Key and channel prefix, e.g. `paw:`. */
  prefix?: string;
  /**
   * The connection's command timeout: an append that reaches Redis later than this after it
   * was sent is refused, since its caller already failed. Assumes the instances' and Redis's
   * clocks agree to well within it (NTP).
   */
  commandTimeoutMs?: number;
  logger?: Logger;
}

/**
 * {@link ActivityLog} on Redis, shared by every server instance: a hash per conversation
 * (meta, seq, started), a stream per conversation whose entry ids are the seqs, and a pub/sub
 * channel per conversation for live fan-out. Subscriptions use one extra connection.
 */
export class RedisActivityLog implements ActivityLog {
  private readonly prefix: string;
  private subscriber: Redis | undefined;
  private readonly channels = new Map<string, Channel>();
  private closed = false;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisActivityLogOptions,
  ) {
    this.prefix = `${options.prefix ?? ''}dl:`;
    const r = redis as unknown as Record<string, unknown>;
    if (!r.pawDlAppend) {
      redis.defineCommand('pawDlAppend', { numberOfKeys: 2, lua: APPEND });
      redis.defineCommand('pawDlCreate', { numberOfKeys: 1, lua: CREATE });
      redis.defineCommand('pawDlStart', { numberOfKeys: 1, lua: START });
    }
  }

  private get scripts(): Scripts {
    return this.redis as unknown as Scripts;
  }
  private convKey(id: string): string {
    return `${this.prefix}c:${id}`;
  }
  private logKey(id: string): string {
    return `${this.prefix}l:${id}`;
  }
  private channelName(id: string): string {
    return `${this.prefix}p:${id}`;
  }

  async createConversation(meta: ConversationMeta): Promise<boolean> {
    return (await this.scripts.pawDlCreate(this.convKey(meta.conversationId), JSON.stringify(meta), this.options.retentionSeconds)) === 1;
  }

  async getConversation(conversationId: string): Promise<ConversationInfo | undefined> {
    const [meta, seq, started] = await this.redis.hmget(this.convKey(conversationId), 'meta', 'seq', 'started');
    if (!meta) return undefined;
    return { meta: JSON.parse(meta) as ConversationMeta, started: started === '1', lastSeq: Number(seq ?? 0) };
  }

  async markStarted(conversationId: string): Promise<boolean> {
    const r = await this.scripts.pawDlStart(this.convKey(conversationId));
    if (r === -1) throw notFound('There is no such conversation.');
    return r === 1;
  }

  async append(conversationId: string, activity: NewChatActivity, options: AppendOptions = {}): Promise<LogEntry> {
    const json = JSON.stringify(activity);
    const r = await this.scripts.pawDlAppend(
      this.convKey(conversationId),
      this.logKey(conversationId),
      json,
      options.replacesId ?? '',
      this.options.retentionSeconds,
      this.options.maxActivities,
      this.channelName(conversationId),
      this.options.commandTimeoutMs ? Date.now() + this.options.commandTimeoutMs : 0,
    );
    if (!r) throw notFound('There is no such conversation.');
    if (Number(r[0]) < 0) throw storeUnavailable();
    return entryOf(conversationId, Number(r[0]), Number(r[1]), options.replacesId ?? '', JSON.parse(json) as NewChatActivity);
  }

  async read(conversationId: string, afterSeq: number, limit: number): Promise<LogEntry[]> {
    if (limit <= 0) return [];
    const rows = await this.redis.xrange(this.logKey(conversationId), `${Math.max(0, Math.floor(afterSeq)) + 1}-0`, '+', 'COUNT', limit);
    return rows.map(([id, fields]) => {
      const f: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
      return entryOf(conversationId, Number(id.split('-')[0]), Number(f.t), f.r ?? '', JSON.parse(f.a ?? '{}') as NewChatActivity);
    });
  }

  private subscriberConnection(): Redis {
    if (this.subscriber) return this.subscriber;
    const sub = this.redis.duplicate();
    let readyOnce = false;
    sub.on('error', (err: Error) => this.options.logger?.warn({ err: err.message }, 'activity log subscriber error'));
    sub.on('ready', () => {
      // ioredis resubscribes by itself after a reconnect, but whatever was published while
      // the connection was down is lost: tell followers to re-read.
      if (readyOnce) for (const ch of this.channels.values()) for (const s of ch.listeners) s.options?.onResync?.();
      readyOnce = true;
    });
    sub.on('message', (channel: string, message: string) => {
      const ch = this.channels.get(channel);
      if (!ch) return;
      let entry: LogEntry;
      try {
        const env = JSON.parse(message) as { seq: number; t: number; r: string; a: NewChatActivity };
        entry = entryOf(channel.slice(`${this.prefix}p:`.length), env.seq, env.t, env.r, env.a);
      } catch (err) {
        this.options.logger?.warn({ err: (err as Error).message }, 'unreadable activity log publication');
        return;
      }
      for (const s of ch.listeners) {
        try {
          s.listener(structuredClone(entry));
        } catch {
          // One failing follower must not stop the others.
        }
      }
    });
    this.subscriber = sub;
    return sub;
  }

  async subscribe(conversationId: string, listener: LogListener, options?: SubscribeOptions): Promise<Unsubscribe> {
    if (this.closed) throw new Error('activity log is closed');
    const name = this.channelName(conversationId);
    const sub = this.subscriberConnection();
    let ch = this.channels.get(name);
    if (!ch) {
      ch = { listeners: new Set(), ready: sub.subscribe(name) };
      this.channels.set(name, ch);
    }
    const handle = { listener, options };
    ch.listeners.add(handle);
    const current = ch;
    try {
      await current.ready;
    } catch (err) {
      current.listeners.delete(handle);
      if (current.listeners.size === 0 && this.channels.get(name) === current) this.channels.delete(name);
      throw err;
    }
    let done = false;
    return async () => {
      if (done) return;
      done = true;
      current.listeners.delete(handle);
      if (current.listeners.size === 0 && this.channels.get(name) === current) {
        this.channels.delete(name);
        // One connection keeps commands in order: a later SUBSCRIBE to the same channel wins.
        await sub.unsubscribe(name).catch(() => undefined);
      }
    };
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /** Closes the subscriber connection; the main connection belongs to the caller. */
  async close(): Promise<void> {
    this.closed = true;
    this.channels.clear();
    const sub = this.subscriber;
    this.subscriber = undefined;
    sub?.disconnect();
  }
}

function entryOf(conversationId: string, seq: number, ms: number, replacesId: string, activity: NewChatActivity): LogEntry {
  return { seq, activity: { ...activity, id: replacesId || activityIdFor(conversationId, seq), timestamp: new Date(ms).toISOString() } };
}
