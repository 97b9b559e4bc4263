import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RedisActivityLog } from '../../../bot/channels/redisActivityLog';
import { testRedis } from '../../support/redisServer';
import { hostToken, startChatServer, type RunningChatServer } from './support/chatTestServer';

describe('rate limits shared by two instances on one Redis', () => {
  const servers: RunningChatServer[] = [];
  const conns: Redis[] = [];
  after(async () => {
    for (const s of servers) await s.close();
    for (const c of conns) c.disconnect();
  });

  it('counts one conversation’s messages across instances: the 11th in a second is refused wherever it lands', async () => {
    const redis = await testRedis();
    const prefix = `t${randomUUID().slice(0, 8)}:`;
    for (let i = 0; i < 2; i++) {
      const conn = redis.client();
      conns.push(conn);
      const log = new RedisActivityLog(conn, { prefix, retentionSeconds: 600, maxActivities: 1000 });
      servers.push(await startChatServer({ activityLog: log, redis: conn, env: { REDIS_PREFIX: prefix } }));
    }
    const [a, b] = servers as [RunningChatServer, RunningChatServer];
    const { token, conversationId } = await hostToken(a.url, a.config, { customerId: 'c-1001' });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    await fetch(`${a.url}/v3/directline/conversations`, { method: 'POST', headers, body: '{}' });
    const post = (url: string, i: number) =>
      fetch(`${url}/v3/directline/conversations/${conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text: `m${i}`, from: { id: 'x' } }) }).then((r) => r.status);
    // Half on each instance: per-process limits would allow 10 on each.
    const statuses = await Promise.all(Array.from({ length: 16 }, (_, i) => post(i % 2 ? b.url : a.url, i)));
    const ok = statuses.filter((s) => s === 200).length;
    assert.ok(ok >= 10 && ok <= 11, `accepted ${ok} of 16 across both instances`);
    assert.equal(statuses.filter((s) => s === 429).length, 16 - ok);
  });
});
