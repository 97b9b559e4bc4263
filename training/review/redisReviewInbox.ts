import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { conflict, notFound } from '../../platform/errors';
import type { ReviewInbox, ReviewResolution } from './reviewInbox';
import { queryItems, reviewItemSchema, type NewReviewItem, type ReviewItem, type ReviewQuery } from './reviewItem';

/** Adds an item and drops the oldest beyond the cap, atomically. KEYS: order, seq, item; ARGV: id, json, max, item key prefix. */
const ADD = `
local s = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[3], ARGV[2])
redis.call('ZADD', KEYS[1], s, ARGV[1])
local n = redis.call('ZCARD', KEYS[1])
local max = tonumber(ARGV[3])
if n > max then
  local old = redis.call('ZRANGE', KEYS[1], 0, n - max - 1)
  for _, id in ipairs(old) do redis.call('DEL', ARGV[4] .. id) end
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, n - max - 1)
end
return s
`;

/** Replaces an item only if it is still exactly what was read: 1 done, 0 changed meanwhile, -1 gone. */
const CAS = `
local cur = redis.call('GET', KEYS[1])
if not cur then return -1 end
if cur ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1
`;

type Commands = Redis & {
  pawReviewAdd(order: string, seq: string, item: string, id: string, json: string, max: number, itemPrefix: string): Promise<number>;
  pawReviewCas(item: string, expected: string, next: string): Promise<number>;
};

/**
 * {@link ReviewInbox} on Redis, shared by every instance: one string per item
 * (`<prefix>review:item:<id>`) and a sorted set of ids by arrival (`<prefix>review:order`);
 * adding and dropping the oldest run in one Lua script, reviews are compare-and-set.
 */
export class RedisReviewInbox implements ReviewInbox {
  private readonly redis: Commands;

  constructor(
    redis: Redis,
    private readonly prefix = '',
    private readonly max = 5000,
  ) {
    this.redis = redis as Commands;
    if (!(redis as unknown as { pawReviewAdd?: unknown }).pawReviewAdd) {
      redis.defineCommand('pawReviewAdd', { numberOfKeys: 3, lua: ADD });
      redis.defineCommand('pawReviewCas', { numberOfKeys: 1, lua: CAS });
    }
  }

  private get order() {
    return `${this.prefix}review:order`;
  }
  private item(id: string) {
    return `${this.prefix}review:item:${id}`;
  }

  async add(item: NewReviewItem): Promise<ReviewItem> {
    const stored: ReviewItem = { ...item, id: randomUUID(), status: 'open' };
    await this.redis.pawReviewAdd(this.order, `${this.prefix}review:seq`, this.item(stored.id), stored.id, JSON.stringify(stored), this.max, `${this.prefix}review:item:`);
    return stored;
  }

  async get(id: string): Promise<ReviewItem | undefined> {
    const raw = await this.redis.get(this.item(id));
    return raw ? reviewItemSchema.parse(JSON.parse(raw)) : undefined;
  }

  /** Every item, newest first. */
  private async all(): Promise<ReviewItem[]> {
    const ids = await this.redis.zrevrange(this.order, 0, -1);
    const out: ReviewItem[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const raws = await this.redis.mget(chunk.map((id) => this.item(id)));
      for (const raw of raws) if (raw) out.push(reviewItemSchema.parse(JSON.parse(raw)));
    }
    return out;
  }

  async list(query: ReviewQuery = {}): Promise<{ items: ReviewItem[]; total: number }> {
    return queryItems(await this.all(), query);
  }

  /** Read, change, compare-and-set; again if someone else wrote in between. */
  private async update(id: string, change: (item: ReviewItem) => ReviewItem): Promise<ReviewItem> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const raw = await this.redis.get(this.item(id));
      if (!raw) throw notFound('There is no such item in the review inbox (it may have been dropped).');
      const next = change(reviewItemSchema.parse(JSON.parse(raw)));
      const r = await this.redis.pawReviewCas(this.item(id), raw, JSON.stringify(next));
      if (r === 1) return next;
      if (r === -1) throw notFound('There is no such item in the review inbox (it may have been dropped).');
    }
    throw conflict('The item keeps changing: try again.');
  }

  resolve(id: string, resolution: ReviewResolution): Promise<ReviewItem> {
    return this.update(id, (item) => {
      if (item.status !== 'open') throw conflict(`This item was already reviewed (${item.status}${item.resolution ? ` by ${item.resolution.by}` : ''}).`);
      return { ...item, status: resolution.status, resolution: { ...(resolution.intent ? { intent: resolution.intent } : {}), by: resolution.by, at: resolution.at.toISOString() } };
    });
  }

  async labelConversation(conversationId: string, intent: string, by: string): Promise<number> {
    const mine = (await this.all()).filter((i) => i.conversationId === conversationId);
    let n = 0;
    for (const item of mine) {
      try {
        await this.update(item.id, (i) => ({ ...i, agentLabel: intent, agentLabelledBy: by }));
        n += 1;
      } catch {
        // Dropped meanwhile: nothing to label.
      }
    }
    return n;
  }

  async size(): Promise<number> {
    return this.redis.zcard(this.order);
  }

  async close(): Promise<void> {}
}
