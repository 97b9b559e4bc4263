import assert from 'node:assert/strict';
import { startBotHarness, transcript, type BotHarness } from '../../support/botHarness';
import { state } from './sandboxState';

/** A correction at a confirmation updates the pending change and confirms the new version. */
describe('twists: corrections at a confirmation', function () {
  this.timeout(60_000);
  let h: BotHarness;
  afterEach(async () => h?.close());

  it('pause: "hmm, make that 5 weeks instead"', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['pause my dog food for 4 weeks', /until \*\*Thursday, December 24\*\*\?/],
      ['hmm, make that 5 weeks instead', (r) => {
        assert.match(r.text, /Pause \*\*Grain-Free Salmon Dog Food 24 lb\*\* until \*\*Thursday, December 31\*\*\?/);
        assert.doesNotMatch(r.text, /didn't change anything/);
      }],
      ['yes', /paused until Thursday, December 31/],
    ]);
    assert.equal((await state.subscription(h, 'cus-ava', 'sub-ava-1')).pausedUntil, '2026-12-31');
  });

  it('pause: "for 6 weeks not 4" keeps the 6, not the 4', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['could you pause the dog food for 4 weeks', /December 24/],
      ['for 6 weeks not 4', /until \*\*Thursday, January 7, 2027\*\*\?/],
      ['yes please', /paused until/],
    ]);
    assert.equal((await state.subscription(h, 'cus-ava', 'sub-ava-1')).pausedUntil, '2027-01-07');
    // The 6 is weeks: it must not pick "Flea & Tick Chews 6-pack".
    assert.equal((await state.subscription(h, 'cus-ava', 'sub-ava-2')).status, 'active');
  });

  it('skip: "no, I meant the flea chews" moves the skip to the other subscription', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['can you skip my dog food delivery', /Skip the \*\*Grain-Free Salmon Dog Food 24 lb\*\* delivery/],
      ['no, I meant the flea chews', /Skip the \*\*Flea & Tick Chews 6-pack\*\* delivery on \*\*Saturday, December 19\*\*\?/],
      ['yes', /Flea & Tick Chews 6-pack delivery on Saturday, December 19 is skipped/],
    ]);
    assert.equal((await state.subscription(h, 'cus-ava', 'sub-ava-1')).nextDeliveryDate, '2026-12-01');
    assert.equal((await state.subscription(h, 'cus-ava', 'sub-ava-2')).nextDeliveryDate, '2027-03-13');
  });

  it('points: "actually do 800"', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['redeem 500 points', /Turn \*\*500 points\*\*/],
      ['actually do 800', /Turn \*\*800 points\*\* into \*\*\$8\.00\*\* of store credit\?/],
      ['yes', /800 points became \$8\.00/],
    ]);
    assert.equal(await state.points(h, 'cus-ava'), 2650);
  });

  it('points: a correction to more than the balance is refused and the first amount stays pending', async () => {
    h = await startBotHarness({ customerId: 'cus-ben' });
    await transcript(h, [
      ['turn 1000 of my points into credit', /Turn \*\*1,000 points\*\*/],
      ['no make it 5000', /only have 1,240 points[\s\S]*Turn \*\*1,000 points\*\*/],
      ['ok', /1,000 points became/],
    ]);
    assert.equal(await state.points(h, 'cus-ben'), 240);
  });

  it('modify: "every 3 weeks instead of 4" is a frequency of 3 and no quantity', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['change my dog food to every 3 weeks instead of 4', (r) => {
        assert.match(r.text, /Change \*\*Grain-Free Salmon Dog Food 24 lb\*\* to \*\*every 3 weeks\*\*\?/);
        assert.doesNotMatch(r.text, /per delivery/);
      }],
      ['yes', /every 3 weeks/],
    ]);
    const s = await state.subscription(h, 'cus-ava', 'sub-ava-1');
    assert.equal(s.frequencyWeeks, 3);
    assert.equal(s.quantity, 1);
  });

  it('modify: "actually make it 3 bags too" adds the quantity to the pending change', async () => {
    h = await startBotHarness({ customerId: 'cus-emma' });
    await transcript(h, [
      ['change the dental chews to every 6 weeks', /to \*\*every 6 weeks\*\*\?/],
      ['actually make it 3 bags too', /to \*\*every 6 weeks, 3 per delivery\*\*\?/],
      ['yes', /^Done\./m],
    ]);
    const s = await state.subscription(h, 'cus-emma', 'sub-emma-2');
    assert.equal(s.frequencyWeeks, 6);
    assert.equal(s.quantity, 3);
  });

  it('modify: "change one of my autoships" is not a quantity of 1', async () => {
    h = await startBotHarness({ customerId: 'cus-emma' });
    await transcript(h, [
      ['change one of my autoships', (r) => {
        assert.match(r.text, /Which subscription would you like to change\?/);
        assert.doesNotMatch(r.text, /1 per delivery/);
      }],
      ['the dental chews', /What would you like to change\?/],
      ['how often it comes', /How often should it come\?/],
      ['every 5 weeks', /to \*\*every 5 weeks\*\*\?/],
      ['yes', /every 5 weeks/],
    ]);
    const s = await state.subscription(h, 'cus-emma', 'sub-emma-2');
    assert.equal(s.frequencyWeeks, 5);
    assert.equal(s.quantity, 2);
  });

  it('modify: a bare number is asked about instead of guessed', async () => {
    h = await startBotHarness({ customerId: 'cus-chloe' });
    await transcript(h, [
      ['can you change my puppy kibble subscription to 2', /2 per delivery, or a delivery every 2 weeks\?/],
      ['per delivery', /to \*\*2 per delivery\*\*\?/],
      ['yes', /^Done\./m],
    ]);
    const s = await state.subscription(h, 'cus-chloe', 'sub-chloe-1');
    assert.equal(s.quantity, 2);
    assert.equal(s.frequencyWeeks, 3);
  });

  it('at a question before the confirmation: "no sorry, I meant the flea chews" starts over for them', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['pause my dog food', /For how long/],
      ['no sorry, I meant the flea chews', (r) => {
        assert.match(r.text, /For how long/);
        assert.doesNotMatch(r.text, /didn't catch/);
      }],
      ['2 weeks', /Pause \*\*Flea & Tick Chews 6-pack\*\* until \*\*Thursday, December 10\*\*\?/],
      ['yes', /paused until/],
    ]);
    assert.equal((await state.subscription(h, 'cus-ava', 'sub-ava-2')).status, 'paused');
    assert.equal((await state.subscription(h, 'cus-ava', 'sub-ava-1')).status, 'active');
  });

  it('at the cancel reason: "oh I meant the flea chews" is no reason, and the cancellation moves to them', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['cancel the dog food autoship', /Before you cancel Grain-Free Salmon Dog Food 24 lb/],
      ['no', /why you are cancelling/],
      ['oh I meant the flea chews', /Before you cancel Flea & Tick Chews 6-pack/],
      ['no', /why you are cancelling/],
      ['too expensive', /Cancel \*\*Flea & Tick Chews 6-pack\*\* for good\?/],
      ['yes', /is cancelled/],
    ]);
    assert.equal((await state.subscription(h, 'cus-ava', 'sub-ava-2')).status, 'cancelled');
    assert.equal((await state.subscription(h, 'cus-ava', 'sub-ava-1')).status, 'active');
  });

  it('at the cancel reason, in other words: "sorry I meant the cat food"', async () => {
    h = await startBotHarness({ customerId: 'cus-ben' });
    await transcript(h, [
      ['cancel my litter autoship', /pause it instead/],
      ['nah', /why you are cancelling/],
      ['sorry I meant the cat food', /why you are cancelling/],
      ['we are moving', /Cancel \*\*Indoor Cat Food 12 lb\*\* for good\?/],
      ['no', /didn't change anything/],
    ]);
    await state.untouched(h, 'cus-ben');
  });

  it('at a quantity confirmation: "actually do 4" changes the pending 3 to 4', async () => {
    h = await startBotHarness({ customerId: 'cus-ben' });
    await transcript(h, [
      ['change my litter to 3 bags each tme', /Change \*\*Clumping Cat Litter 40 lb\*\* to \*\*3 per delivery\*\*\?/],
      ['actually do 4', /Change \*\*Clumping Cat Litter 40 lb\*\* to \*\*4 per delivery\*\*\?/],
      ['yes', /4 ×/],
    ]);
    assert.equal((await state.subscription(h, 'cus-ben', 'sub-ben-1')).quantity, 4);
  });
});
