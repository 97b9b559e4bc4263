import assert from 'node:assert/strict';
import type { Redis } from 'ioredis';
import { RedisActivityLog } from '../../../bot/channels/redisActivityLog';
import { AppError } from '../../../platform/errors';
import { toAppError } from '../../../platform/http/problemHandler';
import { connectRedis } from '../../../platform/redis';
import { privateRedis, type TestRedis } from '../../support/redisServer';
import { hostToken, startChatServer } from './support/chatTestServer';

const TIMEOUT_MS = 300;

describe('a hung Redis: bounded calls, 503, and nothing applied late (real redis-server, SIGSTOP)', function () {
  this.timeout(30_000);
  let redis: TestRedis;
  let conn: Redis;
  before(async () => {
    redis = await privateRedis();
    conn = connectRedis(redis.url, undefined, 'hang-test', TIMEOUT_MS);
  });
  afterEach(() => redis.thaw());
  after(async () => {
    conn.disconnect();
    await redis.stop();
  });

  it('an append that times out is refused when Redis wakes up, so no one sees a message whose post failed', async () => {
    const log = new RedisActivityLog(conn, { retentionSeconds: 600, maxActivities: 100, prefix: 'hang:', commandTimeoutMs: TIMEOUT_MS });
    await log.createConversation({ conversationId: 'c1', userId: 'u1', customerId: null, createdAt: new Date().toISOString() });
    redis.freeze();
    const started = Date.now();
    await assert.rejects(log.append('c1', { type: 'message', text: 'applied late?', channelId: 'directline', from: { id: 'u1', role: 'user' }, conversation: { id: 'c1' } }));
    assert.ok(Date.now() - started < TIMEOUT_MS * 4, `took ${Date.now() - started} ms`);
    await new Promise((r) => setTimeout(r, TIMEOUT_MS + 100));
    redis.thaw();
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(await log.read('c1', 0, 10), []);
    const after = await log.append('c1', { type: 'message', text: 'now', channelId: 'directline', from: { id: 'u1', role: 'user' }, conversation: { id: 'c1' } });
    assert.equal(after.seq, 1, 'the refused append took no seq');
    await log.close();
  });

  it('a chat post while Redis hangs answers 503 problem+json with Retry-After at once, and is never applied', async () => {
    const srv = await startChatServer({ env: { STORE: 'redis', REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: String(TIMEOUT_MS) }, redis: conn, activityLog: new RedisActivityLog(conn, { retentionSeconds: 600, maxActivities: 100, prefix: 'hang2:', commandTimeoutMs: TIMEOUT_MS }) });
    try {
      const c = await hostToken(srv.url, srv.config, { customerId: 'c-1001' });
      const url = `${srv.url}/v3/directline/conversations/${c.conversationId}/activities`;
      const post = (text: string) => fetch(url, { method: 'POST', headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text }) });
      assert.equal((await post('before')).status, 200);
      redis.freeze();
      const started = Date.now();
      const res = await post('while Redis hangs');
      const ms = Date.now() - started;
      redis.thaw();
      assert.equal(res.status, 503, await res.clone().text());
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
      assert.ok(Number(res.headers.get('retry-after')) > 0);
      const body = (await res.json()) as { detail: string };
      assert.match(body.detail, /try again/);
      assert.ok(ms < 10 * TIMEOUT_MS, `answered after ${ms} ms`);
      await new Promise((r) => setTimeout(r, 300));
      const read = await fetch(url, { headers: { authorization: `Bearer ${c.token}` } });
      const texts = ((await read.json()) as { activities: { text?: string; from: { role: string } }[] }).activities.filter((a) => a.from.role === 'user').map((a) => a.text);
      assert.deepEqual(texts, ['before']);
    } finally {
      redis.thaw();
      await srv.close();
    }
  });

  it('maps the timeout to a typed 503, not a 500', async () => {
    redis.freeze();
    const err = await conn.get('x').catch((e: unknown) => e);
    redis.thaw();
    const mapped = toAppError(err);
    assert.ok(mapped instanceof AppError);
    assert.equal(mapped.status, 503);
  });
});
