import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../platform/errors';
import { MemoryRateLimiter } from '../../../platform/store/memoryRateLimiter';
import { RedisRateLimiter } from '../../../platform/store/redisRateLimiter';
import { rateLimiterContract } from '../../contracts/rateLimiter.contract';
import { testRedis } from '../../support/redisServer';

rateLimiterContract('memory', async (limit) => new MemoryRateLimiter(limit));
rateLimiterContract('redis', async (limit) => new RedisRateLimiter((await testRedis()).client(), limit, `t:${randomUUID()}:`));

describe('RedisRateLimiter across instances', () => {
  it('two instances on one Redis share the allowance', async () => {
    const prefix = `t:${randomUUID()}:`;
    const limit = { capacity: 4, windowMs: 60_000, what: 'messages' };
    const a = new RedisRateLimiter((await testRedis()).client(), limit, prefix);
    const b = new RedisRateLimiter((await testRedis()).client(), limit, prefix);
    await a.take('conv');
    await b.take('conv');
    await a.take('conv');
    await b.take('conv');
    await assert.rejects(a.take('conv'), (e: unknown) => e instanceof AppError && e.status === 429);
    await assert.rejects(b.take('conv'), (e: unknown) => e instanceof AppError && e.status === 429);
  });
});
