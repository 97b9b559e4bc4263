import assert from 'node:assert/strict';
import { startBotHarness, transcript, type BotHarness } from '../../support/botHarness';
import { noHandoff, state } from './sandboxState';

/** Two requests in one message: both are served, no "did you mean", no detail asked twice. */
describe('twists: two requests in one message', function () {
  this.timeout(60_000);
  let h: BotHarness;
  afterEach(async () => h?.close());

  it('"skip my next litter delivery, and what\'s my points balance?": the balance first, then the skip', async () => {
    h = await startBotHarness({ customerId: 'cus-ben' });
    await transcript(h, [
      ["skip my next litter delivery, and what's my points balance?", (r) => {
        assert.match(r.text, /You have \*\*1,240 points\*\*/);
        assert.match(r.text, /Skip the \*\*Clumping Cat Litter 40 lb\*\* delivery on \*\*Sunday, November 29\*\*\?/);
        assert.doesNotMatch(r.text, /did you mean|Which subscription/i);
        assert.ok(r.text.indexOf('1,240 points') < r.text.indexOf('Skip the'), 'the quick answer comes first');
      }],
      ['yes', /delivery on Sunday, November 29 is skipped/],
    ]);
    assert.equal((await state.subscription(h, 'cus-ben', 'sub-ben-1')).nextDeliveryDate, '2026-12-13');
  });

  it('"where is my order and how many points do i have": two answers', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['where is my order and how many points do i have', (r) => {
        assert.match(r.text, /Order \*\*PS-10042\*\*/);
        assert.match(r.text, /3,450 points/);
        noHandoff(r);
      }],
    ]);
  });

  it('two changes: the second is asked once the first is done, with its own details', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['pause my dog food for 3 weeks. also redeem 500 points', (r) => {
        assert.match(r.text, /Pause \*\*Grain-Free Salmon Dog Food 24 lb\*\* until \*\*Thursday, December 17\*\*\?/);
        assert.doesNotMatch(r.text, /Turn \*\*500/);
      }],
      ['yes', (r) => {
        assert.match(r.text, /paused until Thursday, December 17/);
        assert.match(r.text, /Turn \*\*500 points\*\* into \*\*\$5\.00\*\*/);
      }],
      ['yes', /500 points became/],
    ]);
    assert.equal((await state.subscription(h, 'cus-ava', 'sub-ava-1')).pausedUntil, '2026-12-17');
    assert.equal(await state.points(h, 'cus-ava'), 2950);
  });

  it('declining the first change still serves the second request', async () => {
    h = await startBotHarness({ customerId: 'cus-chloe' });
    await transcript(h, [
      ['skip my next delivery and then redeem 200 points', /Skip the \*\*Puppy Kibble 15 lb\*\*/],
      ['no', (r) => {
        assert.match(r.text, /didn't change anything/);
        assert.match(r.text, /Turn \*\*200 points\*\* into \*\*\$2\.00\*\*/);
      }],
      ['yes', /200 points became/],
    ]);
    await state.untouched(h, 'cus-chloe');
    assert.equal(await state.points(h, 'cus-chloe'), 150);
  });

  it('"pause my dog food and flea chews" stays one request (the second part is no request of its own)', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['pause my dog food and flea chews', (r) => {
        assert.doesNotMatch(r.text, /did you mean/i);
        assert.match(r.text, /Which subscription|For how long/);
      }],
      ['never mind', /Nothing was changed/],
    ]);
    await state.untouched(h, 'cus-ava');
  });

  it('a visitor: a gift card with its PIN and the return policy in one message, both answered', async () => {
    h = await startBotHarness({ customerId: null });
    await transcript(h, [['whats on gift card 6006 4912 3456 1001 pin 1234 and whats your return policy', (r) => {
      assert.match(r.text, /ending 1001 has \*\*\$50\.00\*\* left[\s\S]*30 days/);
    }]]);
  });

  it('the return policy and a pause in one message: the policy, then the pause, without a "shall I get a person?" in between', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [['whats your return policy? also i need to pause my dog food for 4 weeks', (r) => {
      assert.match(r.text, /30 days[\s\S]*Pause \*\*Grain-Free Salmon Dog Food 24 lb\*\*/);
      assert.doesNotMatch(r.text, /Shall I get you a person/);
    }]]);
  });

  it('"order PS-10030 never showed up?? what happened" is one request, not a second one about points', async () => {
    h = await startBotHarness({ customerId: 'cus-diego' });
    await transcript(h, [['order PS-10030 never showed up?? what happened', (r) => {
      assert.match(r.text, /PS-10030/);
      assert.doesNotMatch(r.text, /points/);
    }]]);
  });
});
