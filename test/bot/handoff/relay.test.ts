import assert from 'node:assert/strict';
import { testRedis } from '../../support/redisServer';
import { agentWith, customer, deployment, signIn, startHandoffServer, until, type Agent, type Customer, type Deployment, type HandoffServer } from './support/handoffServer';

/**
 * Two server instances on one Redis: customers chat on instance A, the agent works on
 * instance B (and has a second console open on A). Nothing is shared but Redis.
 */
describe('handoff relay across two instances (one Redis)', function () {
  this.timeout(60_000);
  let d: Deployment;
  let a: HandoffServer;
  let b: HandoffServer;
  let ava: Customer;
  let cleo: Customer;
  let samOnB: Agent;
  let samOnA: Agent;

  before(async () => {
    d = await deployment('redis', (await testRedis()).url);
    [a, b] = await Promise.all([startHandoffServer(d), startHandoffServer(d)]);
    samOnB = await signIn(b.url, 'sam');
    await samOnB.listen();
    samOnA = agentWith(a.url, samOnB.cookie, samOnB.csrf);
    await samOnA.listen();
    ava = await customer(a, 'cus-ava', 'Ava Thompson');
    cleo = await customer(a, 'cus-ava', 'Cleo');
  });
  after(async () => {
    ava?.stop();
    cleo?.stop();
    samOnA?.close();
    samOnB?.close();
    await a?.close();
    await b?.close();
    await d?.close();
  });

  it('queues on A and shows the conversation in the console on B', async () => {
    await ava.say('I want to talk to a real person');
    await ava.expect(/next in the queue/);
    await cleo.say('I want to talk to a real person');
    await cleo.expect(/number 2 in the queue/);
    const snap = await samOnB.waitFeed((m) => m.type === 'queue' && m.queue.length === 2, 'both waiting, seen on B');
    assert.deepEqual(snap.queue.map((q: { conversationId: string }) => q.conversationId), [ava.conversationId, cleo.conversationId]);
    assert.deepEqual(a.events.filter((e) => e.name === 'queued').length, 2, 'queued where the customer is');
  });

  it('accepts on B: the bot on A hears it, and the next customer learns their new position', async () => {
    const mark = ava.mark();
    const cleoMark = cleo.mark();
    const r = await samOnB.call('POST', `/agent/api/conversations/${ava.conversationId}/accept`);
    assert.equal(r.status, 200);
    await ava.expect(/^Sam \(Support\) has joined the chat\.$/, mark);
    await cleo.expect(/^Update: You're next in the queue/, cleoMark);
    assert.equal(b.events.filter((e) => e.name === 'accepted').length, 1, 'accepted where the agent is');
  });

  it('relays messages and typing both ways between the instances', async () => {
    const mark = ava.mark();
    assert.equal((await samOnB.call('POST', `/agent/api/conversations/${ava.conversationId}/messages`, { text: 'Hello from instance B' })).status, 201);
    const got = await ava.expect(/Hello from instance B/, mark);
    assert.equal(got.from.name, 'Sam (Support)');

    await ava.say('Hi Sam, this is Ava on instance A');
    for (const console of [samOnB, samOnA]) {
      const line = await console.waitFeed((m) => m.type === 'line' && m.line.from === 'customer' && /instance A/.test(m.line.text), 'the customer line on both consoles');
      assert.equal(line.conversationId, ava.conversationId);
    }
    await ava.client.post({ type: 'typing' });
    await samOnB.waitFeed((m) => m.type === 'typing' && m.conversationId === ava.conversationId, 'customer typing, on B');
    await samOnA.call('POST', `/agent/api/conversations/${ava.conversationId}/typing`);
    await until(() => ava.client.seen.some((x) => x.type === 'typing' && x.from?.id === 'agent:sam'), 'agent typing, sent from A');
    // The other waiting customer is kept waiting, not relayed to anyone.
    await cleo.say('are you there?');
    await cleo.expect(/added that for the agent/);
    assert.ok(!samOnB.feed.some((m) => m.type === 'line' && m.conversationId === cleo.conversationId));
  });

  it('ends on B: the bot greets the customer back on A and answers again', async () => {
    const mark = ava.mark();
    const r = await samOnB.call('POST', `/agent/api/conversations/${ava.conversationId}/end`, { outcome: 'resolved' });
    assert.equal(r.status, 200);
    await ava.expect(/I'm back/, mark);
    await ava.say('how many points do I have');
    await ava.expect(/3,450 points/, mark);
    const done = b.events.find((e) => e.name === 'completed')!.payload;
    assert.deepEqual(done.customerUtterances, ['Hi Sam, this is Ava on instance A']);
  });
});
