import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { MemoryEventStream } from '../../../platform/store/memoryEventStream';
import { MemoryStreamGroup } from '../../../platform/store/memoryStreamGroup';
import { RedisEventStream } from '../../../platform/store/redisEventStream';
import { RedisStreamGroup } from '../../../platform/store/redisStreamGroup';
import type { TestEvent } from '../../contracts/eventStream.contract';
import { streamGroupContract } from '../../contracts/streamGroup.contract';
import { testRedis } from '../../support/redisServer';

streamGroupContract('memory', async () => {
  const stream = new MemoryEventStream<TestEvent>();
  return { stream, group: (group, claimIdleMs) => new MemoryStreamGroup(stream, { group, claimIdleMs }), close: () => stream.close() };
});

streamGroupContract('redis', async () => {
  const redis: Redis = (await testRedis()).client();
  const key = `test:${randomUUID()}:events`;
  const stream = new RedisEventStream<TestEvent>(redis, '', key);
  return {
    stream,
    group: (group, claimIdleMs) => new RedisStreamGroup(redis, key, { group, claimIdleMs }),
    close: async () => {
      await stream.close();
      redis.disconnect();
    },
  };
});
