import type { Redis } from 'ioredis';
import { serviceUnavailable } from '../errors';
import { assertWritesWithin, type Doc, type DocStore, type TxResult, type TxSnapshot } from './docStore';

/**
 * Compare-and-set over several hashes `{v, d}`: KEYS are the transaction's keys; ARGV[1..n]
 * their expected versions ("0" = absent), then triples (key index, json or "" to delete, ttl).
 */
const CAS = `
local n = #KEYS
for i = 1, n do
  local v = redis.call('HGET', KEYS[i], 'v')
  if (v or '0') ~= ARGV[i] then return 0 end
end
local j = n + 1
while j <= #ARGV do
  local idx = tonumber(ARGV[j]); local json = ARGV[j + 1]; local ttl = tonumber(ARGV[j + 2])
  local key = KEYS[idx]
  if json == '' then
    redis.call('DEL', key)
  else
    redis.call('HSET', key, 'v', tonumber(ARGV[idx]) + 1, 'd', json)
    if ttl > 0 then redis.call('EXPIRE', key, ttl) else redis.call('PERSIST', key) end
  end
  j = j + 3
end
return 1
`;

const MAX_ATTEMPTS = 1000;

/** {@link DocStore} on Redis hashes with a Lua compare-and-set; safe across processes. */
export class RedisDocStore implements DocStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = '',
  ) {
    if (!(redis as unknown as { pawCas?: unknown }).pawCas) redis.defineCommand('pawCas', { lua: CAS });
  }

  private k(key: string): string {
    return this.prefix + key;
  }

  async get<T>(key: string): Promise<Doc<T> | undefined> {
    return (await this.getMany<T>([key]))[0];
  }

  async getMany<T>(keys: string[]): Promise<(Doc<T> | undefined)[]> {
    if (keys.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const key of keys) pipe.hmget(this.k(key), 'v', 'd');
    const rows = (await pipe.exec()) ?? [];
    return rows.map(([err, row]) => {
      if (err) throw err;
      const [v, d] = row as [string | null, string | null];
      return v === null || d === null ? undefined : { version: Number(v), value: JSON.parse(d) as T };
    });
  }

  async transact<R>(keys: string[], fn: (read: TxSnapshot) => TxResult<R> | Promise<TxResult<R>>): Promise<R> {
    const unique = [...new Set(keys)];
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const docs = await this.getMany(unique);
      const snapshot = new Map(unique.map((k, i) => [k, docs[i]]));
      const out = await fn(<T>(key: string) => {
        if (!snapshot.has(key)) throw new Error(`transaction read "${key}" which it did not declare`);
        return snapshot.get(key) as Doc<T> | undefined;
      });
      assertWritesWithin(unique, out.writes);
      // A read of one key is consistent as read; a read-only transaction over several keys still
      // goes through the compare-and-set so its snapshot is consistent across them.
      if (!out.writes?.length && unique.length <= 1) return out.result;
      const argv: (string | number)[] = unique.map((k) => String(snapshot.get(k)?.version ?? 0));
      for (const w of out.writes ?? []) argv.push(unique.indexOf(w.key) + 1, w.value === null ? '' : JSON.stringify(w.value), w.ttlSeconds ?? 0);
      const ok = await (this.redis as unknown as { pawCas(n: number, ...a: (string | number)[]): Promise<number> }).pawCas(
        unique.length,
        ...unique.map((k) => this.k(k)),
        ...argv,
      );
      if (ok === 1) return out.result;
      // Back off a little so a crowd of writers does not spin in lockstep.
      if (attempt > 3) await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, attempt * 2)));
    }
    throw serviceUnavailable('The store is too busy right now; please retry.');
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
