import { tooManyRequests } from '../errors';
import type { RateLimit, RateLimiter } from './rateLimiter';

interface Bucket {
  tokens: number;
  at: number;
}

/** {@link RateLimiter} in this process; idle keys are forgotten. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = limit.capacity / limit.windowMs;
  }

  async take(key: string): Promise<void> {
    const now = this.now();
    let b = this.buckets.get(key);
    if (b) b.tokens = Math.min(this.limit.capacity, b.tokens + (now - b.at) * this.perMs);
    else b = { tokens: this.limit.capacity, at: now };
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens < 1) throw tooManyRequests(`Too many ${this.limit.what}; slow down.`, (1 - b.tokens) / this.perMs / 1000);
    b.tokens -= 1;
    if (this.buckets.size > 10_000) this.prune(now);
  }

  private prune(now: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + (now - b.at) * this.perMs >= this.limit.capacity) this.buckets.delete(k);
  }
}
