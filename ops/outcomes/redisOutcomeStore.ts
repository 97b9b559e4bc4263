import type { Redis } from 'ioredis';
import { serviceUnavailable } from '../../platform/errors';
import { idleCandidate, isOpen, type ConversationOutcome } from './conversationOutcome';
import { DEFAULT_OUTCOME_RETENTION_DAYS, type OutcomeChange, type OutcomeStore, type OutcomeUpdate } from './outcomeStore';

/**
 * Compare-and-set of one record plus its index entries, atomically.
 * KEYS: record hash {v, d}, started zset, open zset, idle zset.
 * ARGV: expected version ("0" = absent), json, ttl seconds, id, started score, open score or "",
 * idle score or "", prune-before score (index entries older than the retention).
 */
const CAS = `
local v = redis.call('HGET', KEYS[1], 'v')
if (v or '0') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'v', tonumber(ARGV[1]) + 1, 'd', ARGV[2])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[4])
if ARGV[6] == '' then redis.call('ZREM', KEYS[3], ARGV[4]) else redis.call('ZADD', KEYS[3], ARGV[6], ARGV[4]) end
if ARGV[7] == '' then redis.call('ZREM', KEYS[4], ARGV[4]) else redis.call('ZADD', KEYS[4], ARGV[7], ARGV[4]) end
local prune = '(' .. ARGV[8]
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', prune)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', prune)
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', prune)
return 1
`;

const MAX_ATTEMPTS = 200;
const PAGE = 500;

interface Scripts {
  pawOutcomeCas(k1: string, k2: string, k3: string, k4: string, ...argv: (string | number)[]): Promise<number>;
}

/**
 * {@link OutcomeStore} on Redis, shared by every instance: each record is a hash `{v, d}`
 * written by a Lua compare-and-set that also maintains three sorted sets (by start time, open
 * by last activity, idle-sweep candidates by last activity). Records expire after the retention.
 */
export class RedisOutcomeStore implements OutcomeStore {
  private readonly retentionSeconds: number;

  constructor(
    private readonly redis: Redis,
    private readonly prefix = '',
    options: { retentionDays?: number } = {},
  ) {
    this.retentionSeconds = Math.round((options.retentionDays ?? DEFAULT_OUTCOME_RETENTION_DAYS) * 86_400);
    if (!(redis as unknown as { pawOutcomeCas?: unknown }).pawOutcomeCas) redis.defineCommand('pawOutcomeCas', { numberOfKeys: 4, lua: CAS });
  }

  private key(id: string): string {
    return `${this.prefix}outcome:${id}`;
  }
  private get started(): string {
    return `${this.prefix}outcomes:started`;
  }
  private get open(): string {
    return `${this.prefix}outcomes:open`;
  }
  private get idle(): string {
    return `${this.prefix}outcomes:idle`;
  }

  private async read(id: string): Promise<{ version: number; record?: ConversationOutcome }> {
    const [v, d] = await this.redis.hmget(this.key(id), 'v', 'd');
    return v === null || d === null ? { version: 0 } : { version: Number(v), record: JSON.parse(d) as ConversationOutcome };
  }

  async get(conversationId: string): Promise<ConversationOutcome | undefined> {
    return (await this.read(conversationId)).record;
  }

  async update(conversationId: string, change: OutcomeChange): Promise<OutcomeUpdate> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { version, record: previous } = await this.read(conversationId);
      const next = change(previous && structuredClone(previous));
      if (next === undefined) return { previous, current: previous, changed: false };
      const last = Date.parse(next.lastActivityAt);
      const ok = await (this.redis as unknown as Scripts).pawOutcomeCas(
        this.key(conversationId),
        this.started,
        this.open,
        this.idle,
        String(version),
        JSON.stringify(next),
        this.retentionSeconds,
        conversationId,
        Date.parse(next.startedAt),
        isOpen(next) ? last : '',
        idleCandidate(next) ? last : '',
        Date.now() - this.retentionSeconds * 1000,
      );
      if (ok === 1) return { previous, current: next, changed: true };
    }
    throw serviceUnavailable('Too many concurrent changes to this conversation; try again.');
  }

  async listStarted(from: Date, to: Date): Promise<ConversationOutcome[]> {
    const out: ConversationOutcome[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const ids = await this.redis.zrangebyscore(this.started, from.getTime(), `(${to.getTime()}`, 'LIMIT', offset, PAGE);
      if (ids.length === 0) break;
      const pipe = this.redis.pipeline();
      for (const id of ids) pipe.hget(this.key(id), 'd');
      for (const [err, d] of (await pipe.exec()) ?? []) {
        if (err) throw err;
        if (typeof d === 'string') out.push(JSON.parse(d) as ConversationOutcome);
      }
      if (ids.length < PAGE) break;
    }
    return out;
  }

  async idleCandidates(before: Date, limit: number): Promise<string[]> {
    // Entries of records that expired are older than the retention: drop them first.
    await this.redis.zremrangebyscore(this.idle, '-inf', `(${Date.now() - this.retentionSeconds * 1000}`);
    return this.redis.zrangebyscore(this.idle, '-inf', before.getTime(), 'LIMIT', 0, limit);
  }

  async countOpen(since: Date): Promise<number> {
    return this.redis.zcount(this.open, since.getTime(), '+inf');
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {}
}
