import { randomUUID } from 'node:crypto';
import { MemoryHandoffBus } from '../../../bot/handoff/memoryHandoffBus';
import { RedisHandoffBus } from '../../../bot/handoff/redisHandoffBus';
import { MemoryDocStore } from '../../../platform/store/memoryDocStore';
import { handoffBusContract } from '../../contracts/handoffBus.contract';
import { handoffStoreContract } from '../../contracts/handoffStore.contract';
import { testRedis } from '../../support/redisServer';
import { testRedisDocStore } from '../../support/testDocStore';

handoffStoreContract('memory', async () => new MemoryDocStore());
handoffStoreContract('redis', testRedisDocStore);

handoffBusContract('memory', async () => {
  const bus = new MemoryHandoffBus();
  return { a: bus, b: bus, close: () => bus.close() };
});
handoffBusContract('redis (two instances)', async () => {
  const r = await testRedis();
  const prefix = `test:${randomUUID()}:`;
  const ra = r.client();
  const rb = r.client();
  const a = new RedisHandoffBus(ra, { prefix });
  const b = new RedisHandoffBus(rb, { prefix });
  return {
    a,
    b,
    close: async () => {
      await a.close();
      await b.close();
      ra.disconnect();
      rb.disconnect();
    },
  };
});
