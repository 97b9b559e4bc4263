import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { MemoryEventStream } from '../../../platform/store/memoryEventStream';
import { RedisEventStream } from '../../../platform/store/redisEventStream';
import { eventStreamContract, eventually, type TestEvent } from '../../contracts/eventStream.contract';
import { testRedis } from '../../support/redisServer';

eventStreamContract('memory', async () => new MemoryEventStream<TestEvent>());

const redisConnections: Redis[] = [];
after(() => redisConnections.forEach((r) => r.disconnect()));

async function redisStream(opts: { maxLength?: number; blockMs?: number } = {}) {
  const redis = (await testRedis()).client();
  redisConnections.push(redis);
  return { redis, stream: new RedisEventStream<TestEvent>(redis, (await testRedis()).url, `test:${randomUUID()}:events`, opts) };
}

eventStreamContract('redis', async () => (await redisStream()).stream);

describe('MemoryEventStream', () => {
  it('keeps only the newest maxLength entries', async () => {
    const stream = new MemoryEventStream<TestEvent>(3);
    for (let n = 1; n <= 5; n++) await stream.publish({ n });
    assert.deepEqual((await stream.read()).map((e) => e.event.n), [3, 4, 5]);
  });
});

describe('RedisEventStream', () => {
  const subscriberCount = async (redis: Redis) =>
    String(await redis.client('LIST'))
      .split('\n')
      .filter((l) => l.includes('name=paw-stream-subscriber')).length;

  it('caps the stream length approximately (XADD MAXLEN ~)', async () => {
    const { redis, stream } = await redisStream({ maxLength: 100 });
    for (let i = 0; i < 1000; i++) await stream.publish({ n: i });
    const len = await redis.xlen(stream.key);
    assert.ok(len >= 100 && len < 400, `length ${len}`);
    const entries = await stream.read(undefined, 1000);
    assert.equal(entries.at(-1)!.event.n, 999);
  });

  it('blocks on a dedicated connection: the shared one keeps answering while a subscriber waits', async () => {
    const { redis, stream } = await redisStream({ blockMs: 10_000 });
    const stop = stream.subscribe(() => undefined);
    await eventually(async () => assert.equal(await subscriberCount(redis), 1));
    // Give the subscriber time to be parked in XREAD BLOCK.
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await stream.publish({ n: 1 });
    assert.equal((await stream.read()).length, 1);
    assert.ok(Date.now() - started < 1000, 'shared connection was blocked');
    stop();
  });

  it('closes the subscriber connection on unsubscribe and on close', async () => {
    const { redis, stream } = await redisStream({ blockMs: 10_000 });
    const before = await subscriberCount(redis);
    const stop = stream.subscribe(() => undefined);
    stream.subscribe(() => undefined);
    await waitForCount(redis, before + 2);
    stop();
    await waitForCount(redis, before + 1);
    await stream.close();
    await waitForCount(redis, before);

    async function waitForCount(r: Redis, n: number) {
      const deadline = Date.now() + 3000;
      for (;;) {
        const c = await subscriberCount(r);
        if (c === n) return;
        if (Date.now() > deadline) assert.equal(c, n);
        await new Promise((res) => setTimeout(res, 30));
      }
    }
  });

  it('two stream objects on the same key see each other (separate processes share a stream)', async () => {
    const { stream } = await redisStream();
    const other = new RedisEventStream<TestEvent>((await testRedis()).client(), '', stream.key);
    const got: number[] = [];
    const stop = other.subscribe((e) => void got.push(e.event.n));
    await new Promise((r) => setTimeout(r, 100));
    await stream.publish({ n: 7 });
    await eventually(() => assert.deepEqual(got, [7]));
    stop();
    await other.close();
    (other as unknown as { redis: Redis }).redis.disconnect();
  });
});
