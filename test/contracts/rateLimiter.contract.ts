import assert from 'node:assert/strict';
import { AppError } from '../../platform/errors';
import type { RateLimit, RateLimiter } from '../../platform/store/rateLimiter';

const refused = (e: unknown) => e instanceof AppError && e.status === 429 && Number(e.headers['Retry-After']) >= 1;

/**
 * What every {@link RateLimiter} must do. `make` returns limiters sharing one store (calling it
 * twice stands for two instances).
 */
export function rateLimiterContract(name: string, make: (limit: RateLimit) => Promise<RateLimiter>): void {
  describe(`RateLimiter contract: ${name}`, () => {
    it('allows the capacity at once, then refuses with 429 and Retry-After', async () => {
      const l = await make({ capacity: 3, windowMs: 60_000, what: 'messages' });
      for (let i = 0; i < 3; i++) await l.take('a');
      await assert.rejects(l.take('a'), refused);
    });

    it('keeps keys apart', async () => {
      const l = await make({ capacity: 1, windowMs: 60_000, what: 'messages' });
      await l.take('a');
      await l.take('b');
      await assert.rejects(l.take('a'), refused);
    });

    it('refills with time', async () => {
      const l = await make({ capacity: 2, windowMs: 200, what: 'messages' });
      await l.take('r');
      await l.take('r');
      await assert.rejects(l.take('r'), refused);
      await new Promise((res) => setTimeout(res, 250));
      await l.take('r');
    });

    it('never allows more than the capacity under concurrent takes', async () => {
      const l = await make({ capacity: 5, windowMs: 60_000, what: 'messages' });
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => l.take('c')));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 5);
    });
  });
}
