import assert from 'node:assert/strict';
import { startBotHarness, transcript, type BotHarness, type TurnReplies } from '../../support/botHarness';
import { noHandoff, state } from './sandboxState';

const acknowledged = (r: TurnReplies) => {
  assert.match(r.text, /already done/);
  assert.doesNotMatch(r.text, /didn't understand/);
  noHandoff(r);
};

/** A yes with nothing pending is never a new consent, never "didn't understand", never a handoff. */
describe('twists: a stray yes after a completed action', function () {
  this.timeout(60_000);
  let h: BotHarness;
  afterEach(async () => h?.close());

  it('a second and a third "yes" after a skip are acknowledged, and the skip happens once', async () => {
    h = await startBotHarness({ customerId: 'cus-chloe' });
    await transcript(h, [
      ['skip my next delivery', /Skip the \*\*Puppy Kibble 15 lb\*\*/],
      ['yes', /is skipped/],
      ['yes', acknowledged],
      ['yes!!', (r) => {
        assert.doesNotMatch(r.text, /didn't understand/);
        noHandoff(r);
      }],
    ]);
    const s = await state.subscription(h, 'cus-chloe', 'sub-chloe-1');
    assert.equal(s.nextDeliveryDate, '2026-12-26');
    assert.equal(s.version, 2);
  });

  it('"ok" after a points redemption redeems nothing more', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['redeem 500 points', /Turn \*\*500 points\*\*/],
      ['yep', /500 points became/],
      ['ok', acknowledged],
    ]);
    assert.equal(await state.points(h, 'cus-ava'), 2950);
  });

  it('yes and no with nothing asked get a plain answer, not a fallback', async () => {
    h = await startBotHarness({ customerId: 'cus-ben' });
    await transcript(h, [
      ['yes', (r) => {
        assert.match(r.text, /What can I help you with/);
        noHandoff(r);
      }],
      ['yes', (r) => {
        assert.doesNotMatch(r.text, /didn't understand/);
        noHandoff(r);
      }],
      ['no', /If you need anything else/],
    ]);
    await state.untouched(h, 'cus-ben');
  });
});
