import { tooManyRequests } from '../../../platform/errors';

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets per key (a conversation, a client address), in this process: `capacity`
 * requests at once, refilled at `capacity` per `windowMs`. Idle keys are forgotten.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly capacity: number,
    windowMs: number,
    /** Shown in the 429 detail: "messages", "new conversations"... */
    private readonly what: string,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = capacity / windowMs;
  }

  /** @throws AppError 429 with `Retry-After` when `key` has used its allowance. */
  take(key: string): void {
    const now = this.now();
    let b = this.buckets.get(key);
    if (b) b.tokens = Math.min(this.capacity, b.tokens + (now - b.at) * this.perMs);
    else b = { tokens: this.capacity, at: now };
    b.at = now;
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      throw tooManyRequests(`Too many ${this.what}; slow down.`, (1 - b.tokens) / this.perMs / 1000);
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    if (this.buckets.size > 10_000) this.prune(now);
  }

  private prune(now: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + (now - b.at) * this.perMs >= this.capacity) this.buckets.delete(k);
  }
}
