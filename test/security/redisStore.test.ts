import assert from 'node:assert/strict';
import { startProduct, type ProductProcess } from '../support/productProcess';
import { privateRedis, type TestRedis } from '../support/redisServer';
import { demoChat, history, isProblem, postActivity, repliesTo, say, show, sleep } from './support/attackClient';
import { Attack } from './support/attackTally';
import { countBurst, signInBurst, wrongGuesses } from './support/signInBurst';

/**
 * Two instances of the product on one Redis (STORE=redis), as behind a load balancer. The Redis
 * is the suite's own redis-server, so one test can freeze it (SIGSTOP) without disturbing others.
 */
describe('security: STORE=redis, two instances on one Redis', function () {
  this.timeout(240_000);
  let redis: TestRedis;
  let a: ProductProcess;
  let b: ProductProcess;

  before(async () => {
    redis = await privateRedis();
    const env = { STORE: 'redis', REDIS_URL: redis.url, REDIS_PREFIX: 'paw-security:' };
    a = await startProduct(env);
    b = await startProduct(env);
  });
  after(async () => {
    await a?.stop();
    await b?.stop();
    await redis?.stop();
  });

  it('a burst of 50 wrong guesses split over both instances checks at most 5 for the account', async () => {
    const attack = new Attack('sign-in lockout per account (2 instances, Redis)');
    countBurst(attack, await signInBurst((i) => (i % 2 ? b : a).url, wrongGuesses('riley'), '203.0.113.30'), 5, 'concurrent guesses for riley over two instances');
    const right = await signInBurst(() => b.url, [{ username: 'riley', password: 'riley-demo-password' }], '203.0.113.30');
    attack.check(isProblem(right[0]!, 429), `the right password on the other instance right after: ${show(right[0]!)}`);
    attack.assertDefended();
  });

  it("keeps no card number or PIN in Redis (outside the customer's own chat history) while a gift-card check is pending", async () => {
    const attack = new Attack('card data at rest');
    // Pending: the bot asks for the PIN after the number; and a redemption waits for the customer's yes.
    const pending = await demoChat(a.url, 'cus-ava', '203.0.113.41');
    await say(a.url, pending, 'what is the balance on my gift card', '203.0.113.41');
    assert.match(await say(a.url, pending, '6006 4912 3456 1001', '203.0.113.41'), /PIN/i, 'the bot asks for the PIN');
    const confirming = await demoChat(a.url, 'cus-ava', '203.0.113.41');
    assert.match(await say(a.url, confirming, 'redeem my gift card 6006 4912 3456 1001 pin 1234', '203.0.113.41'), /\?/, 'the bot asks for a yes');
    const client = redis.client();
    try {
      const keys = (await client.keys('paw-security:*')).filter((k) => !k.startsWith('paw-security:dl:'));
      assert.ok(keys.some((k) => k.includes('botstate')), 'the bot state is in Redis');
      for (const key of keys) {
        // The model registry holds the trained corpus, whose examples ("pin 1234") are no customer's data.
        if (/:models:/.test(key)) continue;
        const type = await client.type(key);
        const text =
          type === 'string' ? ((await client.get(key)) ?? '')
          : type === 'hash' ? JSON.stringify(await client.hgetall(key))
          : type === 'list' ? (await client.lrange(key, 0, -1)).join('\n')
          : type === 'zset' ? (await client.zrange(key, '0', '-1')).join('\n')
          : type === 'set' ? (await client.smembers(key)).join('\n')
          : type === 'stream' ? JSON.stringify(await client.xrange(key, '-', '+'))
          : '';
        attack.check(!/6006\D{0,3}4912\D{0,3}3456\D{0,3}1001|600649123456/.test(text), `the card number is at rest in ${key}`);
        attack.check(!/(?<!\d)1234(?!\d)/.test(text), `the PIN is at rest in ${key}`);
      }
    } finally {
      client.disconnect();
    }
    attack.assertDefended();
  });

  it('answers a chat post 503 with Retry-After within 10 s while Redis hangs, and never applies it after Redis resumes', async () => {
    const attack = new Attack('hanging store');
    const chat = await demoChat(a.url, 'cus-ben', '203.0.113.40');
    assert.match(await say(a.url, chat, 'hello', '203.0.113.40'), /\w/, 'the bot answers before the freeze');
    const pid = redis.pid();
    assert.ok(pid, 'the test redis-server has a pid');
    const marker = 'where is my order frozen-4711';
    let answer: Awaited<ReturnType<typeof postActivity>>;
    const started = Date.now();
    process.kill(pid, 'SIGSTOP');
    try {
      answer = await postActivity(a.url, chat, { type: 'message', text: marker }, '203.0.113.40', 12_000);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const ms = Date.now() - started;
    attack.check(answer.status !== 0 && ms <= 10_500, `no answer within 10 s (${ms} ms, status ${answer.status})`);
    attack.check(isProblem(answer, 503) && Number(answer.headers['retry-after']) >= 1, `the post answered ${show(answer)} (retry-after ${answer.headers['retry-after']})`);

    // Redis is back: the conversation works again, and the failed post never shows up.
    let h = await history(a.url, chat).catch(() => []);
    for (let i = 0; i < 100 && !h.length; i++) h = await sleep(100).then(() => history(a.url, chat).catch(() => []));
    await sleep(3000);
    h = await history(a.url, chat);
    const applied = h.filter((x) => x.text === marker);
    attack.check(applied.length === 0, 'the post the client gave up on was applied after Redis resumed');
    attack.check(applied.every((x) => repliesTo(h, x.id).length === 0), 'the bot answered the post that failed');
    assert.match(await say(a.url, chat, 'thanks', '203.0.113.40'), /\w/, 'the bot answers after Redis resumed');
    attack.assertDefended();
  });
});
