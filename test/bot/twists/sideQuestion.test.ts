import assert from 'node:assert/strict';
import { startBotHarness, transcript, type BotHarness } from '../../support/botHarness';
import { noHandoff, state } from './sandboxState';

/** A side question mid-flow is answered, then the flow resumes where it was. */
describe('twists: side questions in the middle of a flow', function () {
  this.timeout(60_000);
  let h: BotHarness;
  afterEach(async () => h?.close());

  it('at a confirmation: "how many points do I have?", then the same confirmation', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    const ended: string[] = [];
    h.bot.events.on('skillEnded', (e) => ended.push(`${e.intent} ${e.outcome}`));
    await transcript(h, [
      ['pause my dog food autoship for 3 weeks', /Pause \*\*Grain-Free Salmon Dog Food 24 lb\*\*/],
      ['btw how many points do I have?', (r) => {
        assert.match(r.text, /3,450 points[\s\S]*Pause \*\*Grain-Free Salmon Dog Food 24 lb\*\* until \*\*Thursday, December 17\*\*\?/);
        assert.deepEqual(r.suggestions, ['Yes', 'No']);
      }],
    ]);
    assert.equal((await state.subscription(h, 'cus-ava', 'sub-ava-1')).status, 'active');
    await transcript(h, [['yes', /paused until Thursday, December 17/]]);
    assert.equal((await state.subscription(h, 'cus-ava', 'sub-ava-1')).status, 'paused');
    assert.deepEqual(ended, ['rewards.balance completed', 'subscription.pause completed']);
  });

  it('at a choice: "where is my order?", then which subscription again', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['I want to pause my autoship', /Which subscription/],
      ['hang on, where is my order?', /Order \*\*PS-10042\*\*[\s\S]*Which subscription would you like to pause\?/],
      ['the flea one', /For how long/],
      ['2 weeks', /Pause \*\*Flea & Tick Chews 6-pack\*\* until \*\*Thursday, December 10\*\*\?/],
      ['no', /didn't change anything/],
    ]);
    await state.untouched(h, 'cus-ava');
  });

  it('at a free-text question: "what\'s my points balance", then for how long again', async () => {
    h = await startBotHarness({ customerId: 'cus-chloe' });
    await transcript(h, [
      ['pause my puppy kibble', /For how long/],
      ["what's my points balance", /350 points[\s\S]*For how long/],
      ['3 weeks', /until \*\*Thursday, December 17\*\*/],
      ['yes', /paused until/],
    ]);
    assert.equal((await state.subscription(h, 'cus-chloe', 'sub-chloe-1')).pausedUntil, '2026-12-17');
  });

  it('a side request that asks something itself: the first flow waits until it is done', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['skip my flea chews delivery', /Skip the \*\*Flea & Tick Chews 6-pack\*\*/],
      ['what is the balance on my gift card', /16-digit number/],
      ['6006 4912 3456 1001', /PIN/],
      ['1234', /\$50\.00[\s\S]*Skip the \*\*Flea & Tick Chews 6-pack\*\* delivery/],
      ['yes', /is skipped/],
    ]);
    assert.equal((await state.subscription(h, 'cus-ava', 'sub-ava-2')).nextDeliveryDate, '2027-03-13');
  });

  it('a question the bot cannot answer is declined honestly and changes nothing', async () => {
    h = await startBotHarness({ customerId: 'cus-emma' });
    await transcript(h, [
      ['skip the bird seed delivery', /Skip the \*\*Wild Bird Seed Mix 20 lb\*\*/],
      ['will the birds be ok without it for a while?', (r) => {
        assert.match(r.text, /can't answer that here[\s\S]*Skip the \*\*Wild Bird Seed Mix 20 lb\*\*/);
        noHandoff(r);
      }],
      ['yes do it', /is skipped/],
    ]);
    assert.equal((await state.subscription(h, 'cus-emma', 'sub-emma-1')).nextDeliveryDate, '2027-01-19');
  });

  it('a look-up of the same skill ("what subscriptions do I have?") keeps the flow', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['pause my dog food autoship for 3 weeks', /Pause \*\*Grain-Free Salmon Dog Food 24 lb\*\*/],
      ['wait what subscriptions do I have', /Here are your autoship subscriptions[\s\S]*Pause \*\*Grain-Free Salmon Dog Food 24 lb\*\* until/],
      ['yes', /paused until Thursday, December 17/],
    ]);
    assert.equal((await state.subscription(h, 'cus-ava', 'sub-ava-1')).status, 'paused');
  });

  it('another change of the same skill at a confirmation drops the first, saying so', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['pause my dog food autoship for 3 weeks', /Pause \*\*Grain-Free Salmon Dog Food 24 lb\*\*/],
      ['no wait, skip the dog food delivery instead', /nothing was changed[\s\S]*Skip the \*\*Grain-Free Salmon Dog Food 24 lb\*\* delivery on \*\*Tuesday, December 1\*\*\?/],
      ['yes', /is skipped/],
    ]);
    const s = await state.subscription(h, 'cus-ava', 'sub-ava-1');
    assert.equal(s.status, 'active');
    assert.equal(s.nextDeliveryDate, '2026-12-29');
  });

  it('"… too": another change of the same skill is served first, then the waiting confirmation', async () => {
    h = await startBotHarness({ customerId: 'cus-ben' });
    await transcript(h, [
      ['resume my cat food', /Resume \*\*Indoor Cat Food 12 lb\*\* now\?/],
      ['wait actually pause my litter for 2 weeks too', /Pause \*\*Clumping Cat Litter 40 lb\*\* until \*\*Thursday, December 10\*\*\?/],
      ['yes', /paused until Thursday, December 10[\s\S]*Resume \*\*Indoor Cat Food 12 lb\*\* now\?/],
      ['yes', /active again/],
    ]);
    assert.equal((await state.subscription(h, 'cus-ben', 'sub-ben-1')).pausedUntil, '2026-12-10');
    assert.equal((await state.subscription(h, 'cus-ben', 'sub-ben-2')).status, 'active');
  });

  it('at a confirmation: the return policy, a person offered in words, then "yes pause it" pauses', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['pause my flea chews for 4 weeks', /Pause \*\*Flea & Tick Chews 6-pack\*\*/],
      ['whats your return policy btw', (r) => {
        assert.match(r.text, /30 days[\s\S]*talk to a person[\s\S]*Pause \*\*Flea & Tick Chews 6-pack\*\*/);
        assert.deepEqual(r.suggestions, ['Yes', 'No']);
        noHandoff(r);
      }],
      ['yes pause it', (r) => {
        assert.match(r.text, /paused until/);
        noHandoff(r);
      }],
    ]);
    assert.equal((await state.subscription(h, 'cus-ava', 'sub-ava-2')).status, 'paused');
  });
});
