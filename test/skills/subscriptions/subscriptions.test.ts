import assert from 'node:assert/strict';
import { call } from '../../support/sandboxServer';
import { startBotHarness, transcript, type BotHarness } from '../../support/botHarness';

/** The subscription as the sandbox has it now. */
async function sub(h: BotHarness, customerId: string, id: string) {
  return (await call(h.sandbox, 'GET', `/v1/customers/${customerId}/subscriptions/${id}`)).body;
}

describe('skill: subscriptions (transcripts)', function () {
  this.timeout(60_000);
  let h: BotHarness;
  afterEach(async () => h?.close());

  it('lists the subscriptions with their status', async () => {
    h = await startBotHarness({ customerId: 'cus-ben' });
    await transcript(h, [['show me my autoship subscriptions', /Clumping Cat Litter 40 lb.*\n.*Indoor Cat Food 12 lb.*paused until.*\n.*Salmon Cat Treats.*cancelled/]]);
  });

  it('fills every slot from the first message: "pause my dog food autoship for 3 weeks"', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['pause my dog food autoship for 3 weeks', (r) => {
        assert.match(r.text, /Pause \*\*Grain-Free Salmon Dog Food 24 lb\*\* until \*\*Thursday, December 17\*\*\?/);
        assert.deepEqual(r.suggestions, ['Yes', 'No']);
      }],
      ['yes', /paused until Thursday, December 17/],
    ]);
    const s = await sub(h, 'cus-ava', 'sub-ava-1');
    assert.equal(s.status, 'paused');
    assert.equal(s.pausedUntil, '2026-12-17');
    assert.equal((await sub(h, 'cus-ava', 'sub-ava-2')).status, 'active');
  });

  it('asks which subscription when several fit, then the length, and changes nothing on "no"', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['I want to pause my autoship', (r) => {
        assert.match(r.text, /Which subscription would you like to pause\?/);
        assert.deepEqual(r.suggestions, ['Grain-Free Salmon Dog Food 24 lb', 'Flea & Tick Chews 6-pack']);
      }],
      ['Flea & Tick Chews 6-pack', /For how long would you like to pause it\?/],
      ['until March 3rd', /Pause \*\*Flea & Tick Chews 6-pack\*\* until \*\*Wednesday, March 3, 2027\*\*\?/],
      ['no', /didn't change anything/],
    ]);
    assert.equal((await sub(h, 'cus-ava', 'sub-ava-2')).status, 'active');
  });

  it('re-asks invalid input with a reason, and gives up politely after three tries', async () => {
    h = await startBotHarness({ customerId: 'cus-chloe' });
    await transcript(h, [
      ['please pause my puppy kibble subscription', /For how long/],
      ['for 40 weeks', /up to 26 weeks/],
      ['purple', /didn't catch a length or a date/],
      ['banana', /leave it there for now; nothing was changed/],
    ]);
    assert.equal((await sub(h, 'cus-chloe', 'sub-chloe-1')).status, 'active');
  });

  it('refuses a date in the past and accepts a corrected one', async () => {
    h = await startBotHarness({ customerId: 'cus-chloe' });
    await transcript(h, [
      ['pause my puppy kibble', /For how long/],
      ['until November 2nd 2026', /already passed/],
      ['for 2 weeks', /until \*\*Thursday, December 10\*\*/],
      ['yes', /paused until Thursday, December 10/],
    ]);
  });

  it('offers a pause before cancelling, asks the reason, then cancels once', async () => {
    h = await startBotHarness({ customerId: 'cus-ben' });
    await transcript(h, [
      ['cancel my cat litter subscription', /would you rather pause it instead\?/],
      ['no', /why you are cancelling/],
      ['Too expensive', /Cancel \*\*Clumping Cat Litter 40 lb\*\* for good\?/],
      ['yes', /autoship is cancelled/],
    ]);
    const s = await sub(h, 'cus-ben', 'sub-ben-1');
    assert.equal(s.status, 'cancelled');
    assert.equal(s.cancelReason, 'too_expensive');
  });

  it('takes the pause offered instead of cancelling', async () => {
    h = await startBotHarness({ customerId: 'cus-ben' });
    await transcript(h, [
      ['cancel my cat litter subscription', /pause it instead/],
      ['yes', /For how long/],
      ['4 weeks', /Pause \*\*Clumping Cat Litter 40 lb\*\* until/],
      ['yes', /paused until/],
    ]);
    assert.equal((await sub(h, 'cus-ben', 'sub-ben-1')).status, 'paused');
  });

  it('resumes the paused one without asking which', async () => {
    h = await startBotHarness({ customerId: 'cus-ben' });
    await transcript(h, [
      ['resume my subscription', /Resume \*\*Indoor Cat Food 12 lb\*\* now\?/],
      ['yes', /active again/],
    ]);
    assert.equal((await sub(h, 'cus-ben', 'sub-ben-2')).status, 'active');
  });

  it('skips the next delivery and states the new date', async () => {
    h = await startBotHarness({ customerId: 'cus-chloe' });
    await transcript(h, [
      ['skip my next delivery', /Skip the \*\*Puppy Kibble 15 lb\*\* delivery on \*\*Saturday, December 5\*\*\?/],
      ['yes', /delivery on Saturday, December 5 is skipped\. Your next one is Saturday, December 26/],
    ]);
  });

  it('changes the frequency named in the message', async () => {
    h = await startBotHarness({ customerId: 'cus-chloe' });
    await transcript(h, [
      ['change my puppy kibble to every 6 weeks', /Change \*\*Puppy Kibble 15 lb\*\* to \*\*every 6 weeks\*\*\?/],
      ['yes', /every 6 weeks/],
    ]);
    assert.equal((await sub(h, 'cus-chloe', 'sub-chloe-1')).frequencyWeeks, 6);
  });

  it('asks what to change, refuses quantity 0, then applies the fixed value', async () => {
    h = await startBotHarness({ customerId: 'cus-chloe' });
    await transcript(h, [
      ['modify my autoship', (r) => assert.deepEqual(r.suggestions, ['How often', 'How many', 'Next delivery date'])],
      ['How many', /How many would you like each time\?/],
      ['0', /between 1 and 20/],
      ['3', /Change \*\*Puppy Kibble 15 lb\*\* to \*\*3 per delivery\*\*\?/],
      ['yes', /^Done\./m],
    ]);
    assert.equal((await sub(h, 'cus-chloe', 'sub-chloe-1')).quantity, 3);
  });

  it('stops on "never mind" in the middle of a dialog, changing nothing', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['skip a delivery please', /Which subscription/],
      ['never mind', /stopped that\. Nothing was changed/],
      ['yes', (r) => assert.doesNotMatch(r.text, /skipped/)],
    ]);
    assert.equal((await sub(h, 'cus-ava', 'sub-ava-1')).nextDeliveryDate, '2026-12-01');
  });

  it('switches topic mid-dialog: "actually, where is my order?"', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['I want to pause my autoship', /Which subscription/],
      ['actually, where is my order?', /Order \*\*PS-10042\*\*.*in transit/],
    ]);
  });

  it('shows help in the middle of a dialog and asks its question again', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['I want to pause my autoship', /Which subscription/],
      ['help', /Here is what I can do[\s\S]*Which subscription/],
    ]);
  });
});
