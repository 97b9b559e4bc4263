import { randomUUID } from 'node:crypto';
import { MemoryActivityLog } from '../../../bot/channels/memoryActivityLog';
import { RedisActivityLog } from '../../../bot/channels/redisActivityLog';
import { activityLogContract } from '../../contracts/activityLog.contract';
import { testRedis } from '../../support/redisServer';

activityLogContract('memory', async (options) => {
  const log = new MemoryActivityLog(options);
  return { log, twin: async () => log, dispose: () => log.close() };
});

activityLogContract('redis', async (options) => {
  const redis = await testRedis();
  const prefix = `test:${randomUUID()}:`;
  const connections = [redis.client()];
  const logs = [new RedisActivityLog(connections[0]!, { ...options, prefix })];
  return {
    log: logs[0]!,
    twin: async () => {
      const c = redis.client();
      connections.push(c);
      const twin = new RedisActivityLog(c, { ...options, prefix });
      logs.push(twin);
      return twin;
    },
    dispose: async () => {
      for (const l of logs) await l.close();
      for (const c of connections) c.disconnect();
    },
  };
});
