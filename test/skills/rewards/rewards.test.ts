import assert from 'node:assert/strict';
import { call } from '../../support/sandboxServer';
import { startBotHarness, transcript, type BotHarness } from '../../support/botHarness';

const points = async (h: BotHarness, c: string) => (await call(h.sandbox, 'GET', `/v1/customers/${c}/rewards`)).body.points as number;

describe('skill: rewards (transcripts)', function () {
  this.timeout(60_000);
  let h: BotHarness;
  afterEach(async () => h?.close());

  it('gives balance and tier', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [['how many points do I have', /You have \*\*3,450 points\*\* \(Gold tier\), worth \$34\.50/]]);
  });

  it('lists the last five transactions', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [['show my points history', (r) => {
      assert.match(r.text, /Your last 5 points activities/);
      assert.equal(r.text.split('\n').filter((l) => l.startsWith('- ')).length, 5);
      assert.doesNotMatch(r.text, /\d{4}-\d{2}-\d{2}/, 'dates in words, as a person reads them');
    }]]);
  });

  it('redeems the points named in the message after a Yes', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['redeem 500 points for store credit', /Turn \*\*500 points\*\* into \*\*\$5\.00\*\* of store credit\?/],
      ['yes', /500 points became \$5\.00 of store credit\. You now have 2,950 points/],
    ]);
    assert.equal(await points(h, 'cus-ava'), 2950);
  });

  it('a redelivered "yes" (same activity id) applies the redemption once', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [['use 1000 of my points', /Turn \*\*1,000 points\*\*/]]);
    const yes = { type: 'message', text: 'yes', id: 'dup-yes-1' } as const;
    const first = await h.deliver(yes);
    const again = await h.deliver(yes);
    assert.match(first.text, /1,000 points became/);
    assert.equal(again.text, '');
    assert.equal(await points(h, 'cus-ava'), 2450);
  });

  it('asks how many when not said, re-asks an amount over the balance', async () => {
    h = await startBotHarness({ customerId: 'cus-ben' });
    await transcript(h, [
      ['I want to use my reward points', /You have 1,240 points\. How many/],
      ['5000', /only have 1,240 points/],
      ['1200', /Turn \*\*1,200 points\*\* into \*\*\$12\.00\*\*/],
      ['no', /left your points as they are/],
    ]);
    assert.equal(await points(h, 'cus-ben'), 1240);
  });

  it('explains when there are not enough points', async () => {
    h = await startBotHarness({ customerId: 'cus-emma' });
    await transcript(h, [['redeem my points', /need at least 100 points to redeem, and you have 0/]]);
  });

  it('never claims success when the API times out, applies at most once, and offers a person', async () => {
    h = await startBotHarness({ customerId: 'cus-ava', apiTimeoutMs: 300 });
    await transcript(h, [['redeem 500 points', /Turn \*\*500 points\*\*/]]);
    h.sandbox.faults.set('POST /v1/customers/{customerId}/rewards/redemptions', { latencyMs: 600 });
    await transcript(h, [
      ['yes', (r) => {
        assert.doesNotMatch(r.text, /became|Done/);
        assert.match(r.text, /couldn't redeem your points right now.*couldn't confirm whether it went through.*connect you with a person\?/s);
      }],
      ['yes', (r) => {
        const packet = r.events.find((e) => e.name === 'handoff.initiate')?.value as { reason: string };
        assert.equal(packet.reason, 'api_failure');
      }],
    ]);
    await new Promise((res) => setTimeout(res, 1000));
    // The client retried with the same Idempotency-Key: the sandbox applied it once.
    assert.equal(await points(h, 'cus-ava'), 2950);
  });
});
