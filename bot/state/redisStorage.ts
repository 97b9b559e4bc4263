import type { Storage, StoreItems } from 'botbuilder';
import type { Redis } from 'ioredis';

/**
 * Write `item` (with a fresh eTag) only if the stored eTag equals ARGV[1], or ARGV[1] is "*"
 * or empty (last writer wins, as botbuilder's MemoryStorage does).
 */
const WRITE = `
local expected = ARGV[1]
if expected ~= '' and expected ~= '*' then
  local current = redis.call('HGET', KEYS[1], 'e')
  if current and current ~= expected then return 0 end
end
local etag = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[1], 'e', tostring(etag), 'd', ARGV[2])
if tonumber(ARGV[3]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
return etag
`;

/**
 * botbuilder `Storage` on Redis (conversation and user state shared by every instance), with
 * the same eTag semantics as `MemoryStorage`: a write with a stale eTag is refused.
 */
export class RedisStorage implements Storage {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'botstate:',
    /** Idle state expires after this many seconds (0 = never). */
    private readonly ttlSeconds = 0,
  ) {
    if (!(redis as unknown as { pawStateWrite?: unknown }).pawStateWrite) redis.defineCommand('pawStateWrite', { numberOfKeys: 2, lua: WRITE });
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const out: StoreItems = {};
    if (keys.length === 0) return out;
    const pipe = this.redis.pipeline();
    for (const k of keys) pipe.hmget(this.prefix + k, 'e', 'd');
    const rows = (await pipe.exec()) ?? [];
    rows.forEach(([err, row], i) => {
      if (err) throw err;
      const [e, d] = row as [string | null, string | null];
      if (d !== null) out[keys[i]!] = { ...JSON.parse(d), eTag: e ?? undefined };
    });
    return out;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...data } = (item ?? {}) as { eTag?: string };
      const ok = await (this.redis as unknown as { pawStateWrite(...a: (string | number)[]): Promise<number> }).pawStateWrite(
        this.prefix + key,
        `${this.prefix}__etag`,
        eTag ?? '',
        JSON.stringify(data),
        this.ttlSeconds,
      );
      if (ok === 0) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length) await this.redis.del(...keys.map((k) => this.prefix + k));
  }
}
