import assert from 'node:assert/strict';
import { startBotHarness, transcript, type BotHarness } from '../../support/botHarness';
import { state } from './sandboxState';

/** Every choice question takes what a person types instead of tapping. */
describe('twists: typed answers to button questions', function () {
  this.timeout(60_000);
  let h: BotHarness;
  afterEach(async () => h?.close());

  it('which subscription: "the salmon one"; for how long: "3" is 3 weeks, and the confirmation says so', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['pause my autoship please', /Which subscription/],
      ['the salmon one', /For how long/],
      ['3', /Pause \*\*Grain-Free Salmon Dog Food 24 lb\*\* for \*\*3 weeks\*\* \(I read your number as weeks\), until \*\*Thursday, December 17\*\*\?/],
      ['yes', /paused until Thursday, December 17/],
    ]);
    assert.equal((await state.subscription(h, 'cus-ava', 'sub-ava-1')).pausedUntil, '2026-12-17');
    assert.equal((await state.subscription(h, 'cus-ava', 'sub-ava-2')).status, 'active');
  });

  it('which subscription: "the second one"', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['I need to skip a delivery', /Which subscription/],
      ['the second one', /Skip the \*\*Flea & Tick Chews 6-pack\*\* delivery/],
      ['yes', /is skipped/],
    ]);
    assert.equal((await state.subscription(h, 'cus-ava', 'sub-ava-2')).nextDeliveryDate, '2027-03-13');
    assert.equal((await state.subscription(h, 'cus-ava', 'sub-ava-1')).nextDeliveryDate, '2026-12-01');
  });

  it('a new request for the same skill is the answer: "cancel my bird seed subscription"; a reason in other words', async () => {
    h = await startBotHarness({ customerId: 'cus-emma' });
    await transcript(h, [
      ['I need to cancel a subscription', /Which subscription would you like to cancel/],
      ['cancel my bird seed subscription', /Before you cancel Wild Bird Seed Mix 20 lb/],
      ['no thanks', /why you are cancelling/],
      ['we are moving', /Cancel \*\*Wild Bird Seed Mix 20 lb\*\* for good\?/],
      ['yes', /is cancelled/],
    ]);
    const s = await state.subscription(h, 'cus-emma', 'sub-emma-1');
    assert.equal(s.status, 'cancelled');
    assert.equal(s.cancelReason, 'moving');
    assert.equal((await state.subscription(h, 'cus-emma', 'sub-emma-2')).status, 'active');
  });

  it('an answer that fits two options is asked about, naming both', async () => {
    h = await startBotHarness({ customerId: 'cus-ben' });
    await transcript(h, [
      ['I want to cancel a subscription', /Which subscription/],
      ['the cat one', (r) => {
        assert.match(r.text, /"Clumping Cat Litter 40 lb" or "Indoor Cat Food 12 lb"/);
        assert.deepEqual(r.suggestions, ['Clumping Cat Litter 40 lb', 'Indoor Cat Food 12 lb']);
      }],
      ['the food', /why you are cancelling/],
      ['nope, leave it', /Nothing was changed/],
    ]);
    await state.untouched(h, 'cus-ben');
  });

  it('an answer that fits nothing is re-asked saying why and what would do', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['skip a delivery', /Which subscription/],
      ['the hamster wheel', /couldn't match "the hamster wheel" to one of the options \(Grain-Free Salmon Dog Food 24 lb, Flea & Tick Chews 6-pack\)/],
      ['flea', /Skip the \*\*Flea & Tick Chews 6-pack\*\*/],
      ['no', /didn't change anything/],
    ]);
    await state.untouched(h, 'cus-ava');
  });

  it('which order: "PS-10036" without the label\'s suffix; what went wrong, described in words', async () => {
    h = await startBotHarness({ customerId: 'cus-ben' });
    const [, , problem] = await transcript(h, [
      ['I have a problem with a delivery', (r) => assert.ok(r.suggestions.includes('PS-10036 (exception)'))],
      ['PS-10036', /What went wrong/],
      ['the box was completely crushed when it got here', /order PS-10036, arrived damaged/],
    ]);
    const handoff = problem!.events.find((e) => e.name === 'handoff.initiate');
    assert.ok(handoff, 'handed to a person');
    assert.match(String((handoff!.value as { summary: string }).summary), /PS-10036, arrived damaged/);
  });

  it('which order: named in the request by what was in it, and what went wrong, asked once', async () => {
    h = await startBotHarness({ customerId: 'cus-ben' });
    await transcript(h, [
      // Neither "Which order?" nor "What went wrong?": the request said both.
      ['my fish flakes order arrived damaged', (r) => {
        assert.match(r.text, /describe it/);
        assert.doesNotMatch(r.text, /Which order|What went wrong/);
      }],
      ['the box was crushed and everything spilled', /order PS-10036, arrived damaged/],
    ]);
  });

  it('which order: by what was in it ("the fish flakes")', async () => {
    h = await startBotHarness({ customerId: 'cus-ben' });
    await transcript(h, [
      ['something is wrong with one of my orders', /Which order/],
      ['the fish flakes', /What went wrong/],
      ['it never came', /describe it/],
      ['tracking has not moved for a week', /order PS-10036, lost or never arrived/],
    ]);
  });

  it('what to change: "the date", then the date', async () => {
    h = await startBotHarness({ customerId: 'cus-chloe' });
    await transcript(h, [
      ['modify my autoship', /What would you like to change/],
      ['the date', /Which date should the next delivery arrive/],
      ['december 12', /to \*\*next delivery on Saturday, December 12\*\*\?/],
      ['yes', /^Done\./m],
    ]);
    assert.equal((await state.subscription(h, 'cus-chloe', 'sub-chloe-1')).nextDeliveryDate, '2026-12-12');
  });

  it('what to change: "every 5 weeks" answers the question and gives the value at once', async () => {
    h = await startBotHarness({ customerId: 'cus-chloe' });
    await transcript(h, [
      ['modify my autoship', /What would you like to change/],
      ['every 5 weeks', /to \*\*every 5 weeks\*\*\?/],
      ['yes', /every 5 weeks/],
    ]);
    assert.equal((await state.subscription(h, 'cus-chloe', 'sub-chloe-1')).frequencyWeeks, 5);
  });

  it('another task of the same skill at "which one?" is that task, for the subscription it names', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['I want to pause my autoship', /Which subscription would you like to pause\?/],
      ['skip the dog food delivery instead', /nothing was changed[\s\S]*Skip the \*\*Grain-Free Salmon Dog Food 24 lb\*\* delivery/],
      ['yes', /is skipped/],
    ]);
    const s = await state.subscription(h, 'cus-ava', 'sub-ava-1');
    assert.equal(s.status, 'active');
    assert.equal(s.nextDeliveryDate, '2026-12-29');
  });

  it('"yes, for 4 weeks" to "would you rather pause it?" pauses for 4 weeks without asking the length', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['cancel my dog food', /would you rather pause it instead\?/],
      ['yes for 4 weeks', /Pause \*\*Grain-Free Salmon Dog Food 24 lb\*\* until \*\*Thursday, December 24\*\*\?/],
      ['yes', /paused until Thursday, December 24/],
    ]);
    const s = await state.subscription(h, 'cus-ava', 'sub-ava-1');
    assert.equal(s.status, 'paused');
    assert.equal(s.pausedUntil, '2026-12-24');
  });

  it('"both" at "which one?" is re-asked, not taken for a goodbye', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['skip a delivery', /Which subscription/],
      ['both', (r) => {
        assert.match(r.text, /couldn't match "both"[\s\S]*Which subscription/);
        assert.doesNotMatch(r.text, /how did we do/i);
      }],
      ['the dog food one pls', /Skip the \*\*Grain-Free Salmon Dog Food 24 lb\*\*/],
      ['no', /didn't change anything/],
    ]);
    await state.untouched(h, 'cus-ava');
  });

  it('a question at the cancel reason picks no reason by its words; then "it costs too much"', async () => {
    h = await startBotHarness({ customerId: 'cus-ben' });
    await transcript(h, [
      ['please cancel my litter autoship', /pause it instead/],
      ['nope', /why you are cancelling/],
      ['why do you need to know?', (r) => {
        assert.match(r.text, /can't answer that here[\s\S]*why you are cancelling/);
        assert.doesNotMatch(r.text, /for good/);
      }],
      ['it costs too much', /Cancel \*\*Clumping Cat Litter 40 lb\*\* for good\?/],
      ['yes', /is cancelled/],
    ]);
    assert.equal((await state.subscription(h, 'cus-ben', 'sub-ben-1')).cancelReason, 'too_expensive');
  });

  it('a bare number at "what would you like to change?" is asked about', async () => {
    h = await startBotHarness({ customerId: 'cus-chloe' });
    await transcript(h, [
      ['modify my autoship', /What would you like to change/],
      ['4', /4 per delivery, or a delivery every 4 weeks\?/],
      ['every 4 weeks', /to \*\*every 4 weeks\*\*\?/],
      ['yes', /every 4 weeks/],
    ]);
    const s = await state.subscription(h, 'cus-chloe', 'sub-chloe-1');
    assert.equal(s.frequencyWeeks, 4);
    assert.equal(s.quantity, 1);
  });
});
