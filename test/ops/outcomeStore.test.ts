import { randomUUID } from 'node:crypto';
import { MemoryOutcomeStore } from '../../ops/outcomes/memoryOutcomeStore';
import { RedisOutcomeStore } from '../../ops/outcomes/redisOutcomeStore';
import { outcomeStoreContract } from '../contracts/outcomeStore.contract';
import { testRedis } from '../support/redisServer';

outcomeStoreContract('memory', async () => {
  const store = new MemoryOutcomeStore();
  return { store, second: async () => store };
});

outcomeStoreContract('redis', async () => {
  const redis = await testRedis();
  const prefix = `test:${randomUUID()}:`;
  const open = () => {
    const client = redis.client();
    const store = new RedisOutcomeStore(client, prefix);
    const close = store.close.bind(store);
    store.close = async () => {
      await close();
      client.disconnect();
    };
    return store;
  };
  return { store: open(), second: async () => open() };
});
