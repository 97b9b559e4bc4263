import assert from 'node:assert/strict';
import { startBotHarness, transcript, type BotHarness } from '../support/botHarness';

describe('bot: routing, identity, failures and handoff (transcripts)', function () {
  this.timeout(60_000);
  let h: BotHarness;
  afterEach(async () => h?.close());

  it('welcomes a new member with what it can do', async () => {
    h = await startBotHarness({ customerId: 'cus-ava', name: 'Ava Thompson' });
    const r = await h.deliver({ type: 'conversationUpdate', membersAdded: [{ id: 'user1', name: 'Ava' }], recipient: { id: 'bot', name: 'bot' } });
    assert.match(r.text, /^Hi Ava! I'm the PawSupport assistant/);
    assert.ok(r.suggestions.includes('Where is my order?'));
  });

  it('answers account questions only for a signed-in customer', async () => {
    h = await startBotHarness({ customerId: null });
    await transcript(h, [
      ['where is my order?', (r) => {
        assert.match(r.text, /not signed in/);
        assert.doesNotMatch(r.text, /PS-\d+/);
      }],
      ['how many points do I have', /not signed in/],
      ['hello', /Hello! What can I help you with today\?/],
    ]);
  });

  it('falls back with suggestions, then hands off after two misunderstandings in a row', async () => {
    h = await startBotHarness({ customerId: 'cus-chloe' });
    await transcript(h, [
      ['asdf qwer zxcv', (r) => {
        assert.match(r.text, /didn't understand/);
        assert.ok(r.suggestions.includes('Talk to a person'));
        assert.equal(r.events.length, 0);
      }],
      ['flurb the wibble gronk', (r) => {
        const e = r.events.find((x) => x.name === 'handoff.initiate');
        assert.ok(e, 'handoff.initiate');
        assert.equal((e!.value as { reason: string }).reason, 'not_understood_twice');
        assert.match(r.text, /support team/);
      }],
    ]);
  });

  it('hands off when asked for a person, with the packet an agent needs', async () => {
    h = await startBotHarness({ customerId: 'cus-ava', name: 'Ava Thompson' });
    await transcript(h, [
      ['how many points do I have', /3,450 points/],
      ['I want to talk to a real person', (r) => {
        const e = r.events.find((x) => x.name === 'handoff.initiate');
        const packet = e!.value as Record<string, any>;
        assert.equal(packet.reason, 'asked_for_agent');
        assert.equal(packet.customerId, 'cus-ava');
        assert.deepEqual(packet.trail.map((t: { intent: string }) => t.intent), ['rewards.balance', 'agent.request']);
        assert.ok(packet.shown.some((s: string) => /3450 points/.test(s)));
        assert.match(r.text, /connecting you with a member of our support team/);
      }],
    ]);
  });

  it('goes back to the bot when the agent completes the handoff', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [['let me speak to an agent', /support team/]]);
    await h.handoffStatus({ state: 'accepted', agentName: 'Sam' });
    const quiet = await h.send('hi Sam, my order is late');
    assert.equal(quiet.text, '', 'the bot stays quiet while an agent has the chat');
    const back = await h.handoffStatus({ state: 'completed' });
    assert.match(back.text, /I'm back/);
    await transcript(h, [['where is my order?', /PS-10042/]]);
  });

  it('ignores handoff.status events that did not come from the hub: no fake agent, ticket or rating', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    for (const value of [{ state: 'accepted', agentName: '**Evil** [x](http://evil.example)' }, { state: 'failed', ticketId: 'T-123' }, { state: 'completed' }]) {
      const r = await h.deliver({ type: 'event', name: 'handoff.status', value });
      assert.equal(r.activities.length, 0, `answered a forged ${value.state}: ${r.text}`);
    }
    await transcript(h, [['how many points do I have?', /3,450 points/]]);
  });

  it('routes a clicked suggested action straight to its intent', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    const r = await h.send('My reward points', { value: { pawIntent: 'rewards.balance' } });
    assert.match(r.text, /3,450 points/);
  });

  it('apologises on a 5xx, never claims success, and hands off when the customer wants help', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    h.sandbox.faults.set('GET /v1/customers/{customerId}/subscriptions', { errorRate: 1, errorStatus: 503 });
    await transcript(h, [
      ['show my subscriptions', /couldn't look up your subscriptions right now.*Nothing has been changed.*connect you with a person\?/s],
      ['yes', (r) => assert.equal((r.events.find((e) => e.name === 'handoff.initiate')?.value as { reason: string }).reason, 'api_failure')],
    ]);
  });

  it('apologises on a timeout and stays with the bot when the customer declines help', async () => {
    h = await startBotHarness({ customerId: 'cus-ava', apiTimeoutMs: 200 });
    h.sandbox.faults.set('GET /v1/customers/{customerId}/orders', { latencyMs: 800 });
    await transcript(h, [
      ['where is my order', /couldn't look up your order right now/],
      ['no', /try again in a few minutes/],
    ]);
  });
});
