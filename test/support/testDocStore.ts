import { randomUUID } from 'node:crypto';
import { RedisDocStore } from '../../platform/store/redisDocStore';
import { testRedis } from './redisServer';

/** A RedisDocStore on the test Redis, with a fresh key prefix and its own connection (closed with it). */
export async function testRedisDocStore(): Promise<RedisDocStore> {
  const redis = (await testRedis()).client();
  const store = new RedisDocStore(redis, `test:${randomUUID()}:`);
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    redis.disconnect();
  };
  return store;
}
