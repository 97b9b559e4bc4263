import { randomUUID } from 'node:crypto';
import { MemoryDocStore } from '../../platform/store/memoryDocStore';
import { RedisDocStore } from '../../platform/store/redisDocStore';
import { docStoreContract } from '../contracts/docStore.contract';
import { testRedis } from '../support/redisServer';

docStoreContract('memory', async () => new MemoryDocStore());
docStoreContract('redis', async () => {
  const redis = (await testRedis()).client();
  const store = new RedisDocStore(redis, `test:${randomUUID()}:`);
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    redis.disconnect();
  };
  return store;
});
