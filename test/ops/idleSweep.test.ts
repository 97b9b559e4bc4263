import assert from 'node:assert/strict';
import { testRedis } from '../support/redisServer';
import { ADMIN_TOKEN, openChat, startOpsServer, type RunningOpsServer } from './support/opsTestServer';

/**
 * Two instances on one Redis sweep for idle conversations at the same moment: the customer is
 * asked for a rating exactly once, answers it, and the outcome shows on the dashboard's API.
 */
describe('idle conversations: closed once across instances, with a rating question', function () {
  this.timeout(60_000);
  let a: RunningOpsServer;
  let b: RunningOpsServer;
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);

  before(async () => {
    const redis = await testRedis();
    const prefix = `idle${Date.now().toString(36)}:`;
    const env = { CONVERSATION_IDLE_MINUTES: '15', IDLE_SWEEP_SECONDS: '3600' };
    a = await startOpsServer({ redisUrl: redis.url, prefix, env, now });
    b = await startOpsServer({ redisUrl: redis.url, prefix, env, now, sandbox: a.sandbox });
  });
  after(async () => {
    await b?.close();
    await a?.close();
  });

  it('asks once, records the rating, and the KPIs count it as contained', async () => {
    const chat = await openChat(a.url, a.config);
    await chat.send('where is my order?');
    await chat.waitFor(/PS-10042/);
    await a.ops.recorder.idle();

    assert.deepEqual(await Promise.all([a.ops.sweepIdle(), b.ops.sweepIdle()]), [0, 0], 'not idle yet');
    offsetMs = 16 * 60_000;
    const closed = await Promise.all([a.ops.sweepIdle(), b.ops.sweepIdle()]);
    assert.equal(closed[0]! + closed[1]!, 1, `exactly one instance closes it: ${closed}`);

    await chat.waitFor(/If you have a moment: how did we do\?/);
    await new Promise((r) => setTimeout(r, 300));
    for (const m of await chat.poll()) chat.texts.push(m.text);
    assert.equal(chat.texts.filter((t) => /how did we do/.test(t)).length, 1, 'asked exactly once');

    await chat.send('3');
    await chat.waitFor(/Anything you would like to tell us/);
    await chat.send('The tracking page could be clearer');
    await chat.waitFor(/Thanks for your feedback/);
    await a.ops.recorder.idle();
    await b.ops.recorder.idle();

    const o = (await a.ops.outcomes.get(chat.conversationId))!;
    assert.equal(o.endedHow, 'idle');
    assert.deepEqual([o.csat?.trigger, o.csat?.rating, o.csat?.comment], ['idle', 3, 'The tracking page could be clearer']);

    const res = await fetch(`${b.url}/admin/api/kpis`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const k = (await res.json()) as { total: { conversations: number; contained: number; containmentRate: number; csat: { average: number; responses: number } }; comments: { comment: string }[] };
    assert.equal(k.total.conversations, 1);
    assert.equal(k.total.containmentRate, 1);
    assert.deepEqual([k.total.csat.average, k.total.csat.responses], [3, 1]);
    assert.equal(k.comments[0]?.comment, 'The tracking page could be clearer');
  });
});
