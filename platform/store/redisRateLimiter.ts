import type { Redis } from 'ioredis';
import { tooManyRequests } from '../errors';
import type { RateLimit, RateLimiter } from './rateLimiter';

/**
 * One token bucket, refilled by elapsed time on Redis's own clock (so instances with skewed
 * clocks agree). KEYS[1] the bucket; ARGV capacity, tokens per ms, ttl ms. Returns
 * {1, 0} when a token was taken, else {0, ms until the next token}.
 */
const TAKE = `
local capacity = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or capacity
local at = tonumber(b[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * perMs)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if allowed == 1 then return {1, 0} end
return {0, math.ceil((1 - tokens) / perMs)}
`;

/** {@link RateLimiter} shared by every instance through Redis (one hash per key, expiring when idle). */
export class RedisRateLimiter implements RateLimiter {
  private readonly perMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly limit: RateLimit,
    private readonly prefix = 'ratelimit:',
  ) {
    this.perMs = limit.capacity / limit.windowMs;
    if (!(redis as unknown as { pawRateTake?: unknown }).pawRateTake) redis.defineCommand('pawRateTake', { numberOfKeys: 1, lua: TAKE });
  }

  async take(key: string): Promise<void> {
    const [allowed, waitMs] = await (this.redis as unknown as { pawRateTake(k: string, ...a: (string | number)[]): Promise<[number, number]> }).pawRateTake(
      this.prefix + key,
      this.limit.capacity,
      this.perMs,
      this.limit.windowMs * 2,
    );
    if (allowed !== 1) throw tooManyRequests(`Too many ${this.limit.what}; slow down.`, waitMs / 1000);
  }
}
