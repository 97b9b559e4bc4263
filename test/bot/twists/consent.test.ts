import assert from 'node:assert/strict';
import { startBotHarness, transcript, type BotHarness } from '../../support/botHarness';
import { state } from './sandboxState';

/** A question, a complaint or a hesitation that contains "ok", "sure" or "fine" is never a yes. */
describe('twists: consent is explicit', function () {
  this.timeout(60_000);
  let h: BotHarness;
  afterEach(async () => h?.close());

  it('"is that ok for kittens?" at a pause confirmation pauses nothing; a later yes does', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['pause my dog food autoship for 3 weeks', /Pause \*\*Grain-Free Salmon Dog Food 24 lb\*\* until/],
      ['is that ok for kittens?', (r) => {
        assert.doesNotMatch(r.text, /Done|paused until/);
        assert.match(r.text, /nothing has changed yet[\s\S]*Pause \*\*Grain-Free Salmon Dog Food 24 lb\*\*/);
        assert.deepEqual(r.suggestions, ['Yes', 'No']);
      }],
    ]);
    assert.equal((await state.subscription(h, 'cus-ava', 'sub-ava-1')).status, 'active');
    await transcript(h, [['yes', /paused until Thursday, December 17/]]);
    assert.equal((await state.subscription(h, 'cus-ava', 'sub-ava-1')).status, 'paused');
  });

  it('"sure, but will it still come on friday?" at a skip confirmation skips nothing', async () => {
    h = await startBotHarness({ customerId: 'cus-chloe' });
    await transcript(h, [
      ['skip my next delivery', /Skip the \*\*Puppy Kibble 15 lb\*\* delivery/],
      ['sure, but will it still come on friday?', (r) => assert.doesNotMatch(r.text, /is skipped/)],
      ['nope', /didn't change anything/],
    ]);
    assert.equal((await state.subscription(h, 'cus-chloe', 'sub-chloe-1')).nextDeliveryDate, '2026-12-05');
  });

  it('"fine but why is it so expensive" at a cancel confirmation cancels nothing', async () => {
    h = await startBotHarness({ customerId: 'cus-ben' });
    await transcript(h, [
      ['I want to cancel the cat litter autoship', /rather pause it/],
      ['no', /why you are cancelling/],
      ['Too expensive', /Cancel \*\*Clumping Cat Litter 40 lb\*\* for good\?/],
      ['fine but why is it so expensive', (r) => {
        assert.doesNotMatch(r.text, /is cancelled/);
        assert.match(r.text, /Cancel \*\*Clumping Cat Litter 40 lb\*\* for good\?/);
      }],
    ]);
    assert.equal((await state.subscription(h, 'cus-ben', 'sub-ben-1')).status, 'active');
  });

  it('"ok wait, is that the same as cash?" at a points confirmation keeps the points', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['can i use 1000 points', /Turn \*\*1,000 points\*\*/],
      ['ok wait, is that the same as cash?', (r) => assert.doesNotMatch(r.text, /became/)],
      ['ok wait', (r) => assert.doesNotMatch(r.text, /became/)],
    ]);
    assert.equal(await state.points(h, 'cus-ava'), 3450);
  });

  it('"sure thing, does the card still work after?" at a gift card redemption leaves the card as it is', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['i want to put my gift card on my account', /16-digit number/],
      ['6006 4912 3456 1005', /PIN/],
      ['5678', /Add the \*\*\$25\.00\*\*/],
      ['sure thing, does the card still work after?', (r) => assert.doesNotMatch(r.text, /is now store credit/)],
      ['no thanks', /untouched/],
    ]);
    assert.equal(await state.giftCardCents(h, 'cus-ava', '6006491234561005', '5678'), 2500);
  });

  it('takes plain yeses as people write them: "yep go ahead"', async () => {
    h = await startBotHarness({ customerId: 'cus-emma' });
    await transcript(h, [
      ['skip the bird seed delivery', /Skip the \*\*Wild Bird Seed Mix 20 lb\*\* delivery/],
      ['yep go ahead!', /is skipped/],
    ]);
    assert.equal((await state.subscription(h, 'cus-emma', 'sub-emma-1')).nextDeliveryDate, '2027-01-19');
  });

  it('"ok then no" at a gift card redemption is not a yes: the card stays as it is', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['redeem my gift card', /16-digit number/],
      ['6006 4912 3456 1001', /PIN/],
      ['pin is 1234', /Add the \*\*\$50\.00\*\*/],
      ['ok then no', (r) => {
        assert.doesNotMatch(r.text, /is now store credit/);
        assert.match(r.text, /clear yes or no/);
      }],
      ['no', /untouched/],
    ]);
    assert.equal(await state.giftCardCents(h, 'cus-ava', '6006491234561001', '1234'), 5000);
  });

  it('a question with a date in it at a pause confirmation changes nothing pending, and "ok fine, go ahead and pause it" pauses', async () => {
    h = await startBotHarness({ customerId: 'cus-emma' });
    await transcript(h, [
      ['can you pause the dental dog chews for 3 weeks', /Pause \*\*Dental Dog Chews 30-count\*\* until \*\*(?<day>[A-Za-z]+, [A-Za-z]+ \d+)\*\*/],
    ]);
    const [asked] = await transcript(h, [['sure but does that mean the one coming in a couple days wont come?', /nothing has changed yet/]]);
    const until = /until \*\*([^*]+)\*\*/.exec(asked!.text)?.[1];
    assert.equal(until, 'Thursday, December 17', 'the pending date is the one the customer asked for');
    assert.equal((await state.subscription(h, 'cus-emma', 'sub-emma-2')).status, 'active');
    await transcript(h, [['ok fine, go ahead and pause it', /paused until Thursday, December 17/]]);
    assert.equal((await state.subscription(h, 'cus-emma', 'sub-emma-2')).pausedUntil, '2026-12-17');
  });

  it('at "would you rather pause it instead?": a reason for cancelling declines the pause and is not asked again', async () => {
    h = await startBotHarness({ customerId: 'cus-chloe' });
    await transcript(h, [
      ['i need to cancel my puppy kibble subscription', /rather pause it/],
      ["we're moving abroad next month so no point", (r) => {
        assert.match(r.text, /Cancel|cancel/);
        assert.doesNotMatch(r.text, /why|reason/i);
      }],
      ['yes cancel it', /cancelled/i],
    ]);
    const s = await state.subscription(h, 'cus-chloe', 'sub-chloe-1');
    assert.deepEqual([s.status, s.cancelReason], ['cancelled', 'moving']);
  });
});
