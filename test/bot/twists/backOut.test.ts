import assert from 'node:assert/strict';
import { startBotHarness, transcript, type BotHarness, type TurnReplies } from '../../support/botHarness';
import { noHandoff, state } from './sandboxState';

/** The bot said nothing changed and offered what else it can do. */
const backedOut = (r: TurnReplies) => {
  assert.match(r.text, /Nothing was changed|didn't change anything|untouched|left your points/);
  assert.ok(r.suggestions.includes('Talk to a person'), `offers what else: ${r.suggestions.join(', ')}`);
  noHandoff(r);
};

/** Backing out in the customer's own words works at every kind of prompt. */
describe('twists: backing out at every prompt', function () {
  this.timeout(60_000);
  let h: BotHarness;
  afterEach(async () => h?.close());

  it('at a confirmation: "nah leave it"', async () => {
    h = await startBotHarness({ customerId: 'cus-ben' });
    await transcript(h, [
      ['skip my litter delivery', /Skip the \*\*Clumping Cat Litter 40 lb\*\* delivery/],
      ['nah leave it', backedOut],
    ]);
    await state.untouched(h, 'cus-ben');
  });

  it('at a choice: "never mind, I\'ll do it later"', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['I want to pause my autoship', /Which subscription/],
      ["never mind, I'll do it later", backedOut],
    ]);
    await state.untouched(h, 'cus-ava');
  });

  it('at a free-text question: "not now" when asked for how long', async () => {
    h = await startBotHarness({ customerId: 'cus-chloe' });
    await transcript(h, [
      ['pause my puppy kibble', /For how long/],
      ['not now', backedOut],
    ]);
    await state.untouched(h, 'cus-chloe');
  });

  it('at the cancel reason: "I changed my mind" keeps the subscription', async () => {
    h = await startBotHarness({ customerId: 'cus-ben' });
    await transcript(h, [
      ['cancel my cat litter subscription', /pause it instead/],
      ['no', /why you are cancelling/],
      ['I changed my mind', backedOut],
    ]);
    assert.equal((await state.subscription(h, 'cus-ben', 'sub-ben-1')).status, 'active');
  });

  it('at the points amount: "no thanks"', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['i want to redeem some of my points', /How many would you like/],
      ['no thanks', backedOut],
    ]);
    assert.equal(await state.points(h, 'cus-ava'), 3450);
  });

  it('at the delivery-problem description: "forget it" hands nobody over', async () => {
    h = await startBotHarness({ customerId: 'cus-ben' });
    await transcript(h, [
      ['I have a problem with a delivery', /Which order/],
      ['PS-10036', /What went wrong/],
      ['Damaged', /describe it/],
      ['actually, forget it', backedOut],
    ]);
  });

  it('at the gift card number: "I\'ll do it myself later"', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['check my gift card balance', /16-digit number/],
      ["I'll do it myself later", backedOut],
    ]);
  });

  it('two misunderstood answers then "never mind" is no reason to hand off', async () => {
    h = await startBotHarness({ customerId: 'cus-chloe' });
    await transcript(h, [
      ['pause my puppy kibble', /For how long/],
      ['purple', (r) => {
        assert.match(r.text, /didn't catch a length/);
        noHandoff(r);
      }],
      ['never mind', backedOut],
      ['blorp zzz', (r) => {
        assert.match(r.text, /didn't understand/);
        noHandoff(r);
      }],
    ]);
    await state.untouched(h, 'cus-chloe');
  });
});
