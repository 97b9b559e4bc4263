/**
 * Token buckets per key (a conversation, a client address): `capacity` requests at once,
 * refilled at `capacity` per window. Implementations: {@link ./memoryRateLimiter} (one process)
 * and {@link ./redisRateLimiter} (shared by every instance); both pass
 * `test/contracts/rateLimiter.contract.ts`.
 */
export interface RateLimiter {
  /** @throws AppError 429 with `Retry-After` when `key` has used its allowance. */
  take(key: string): Promise<void>;
}

export interface RateLimit {
  capacity: number;
  windowMs: number;
  /** Shown in the 429 detail: "messages in this conversation", "new conversations"… */
  what: string;
}
