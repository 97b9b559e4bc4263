import { randomUUID } from 'node:crypto';
import { MemoryModelBus } from '../../../nlu/models/memoryModelBus';
import { RedisModelBus } from '../../../nlu/models/redisModelBus';
import { MemoryDocStore } from '../../../platform/store/memoryDocStore';
import { modelBusContract } from '../../contracts/modelBus.contract';
import { modelRegistryContract } from '../../contracts/modelRegistry.contract';
import { testRedis } from '../../support/redisServer';
import { testRedisDocStore } from '../../support/testDocStore';

modelRegistryContract('memory DocStore', async () => new MemoryDocStore());
modelRegistryContract('redis DocStore', testRedisDocStore);

modelBusContract('memory', async () => {
  const bus = new MemoryModelBus();
  return [bus, bus];
});
modelBusContract('redis', async () => {
  const r = await testRedis();
  const prefix = `test:${randomUUID()}:`;
  const c1 = r.client();
  const c2 = r.client();
  const a = new RedisModelBus(c1, { prefix });
  const b = new RedisModelBus(c2, { prefix });
  const wrap = (bus: RedisModelBus, c: typeof c1) => {
    const close = bus.close.bind(bus);
    bus.close = async () => {
      await close();
      c.disconnect();
    };
    return bus;
  };
  return [wrap(a, c1), wrap(b, c2)];
});
