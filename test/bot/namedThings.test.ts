import assert from 'node:assert/strict';
import { call } from '../support/sandboxServer';
import { startBotHarness, transcript, type BotHarness } from '../support/botHarness';

/** The subscription as the sandbox has it now. */
async function sub(h: BotHarness, customerId: string, id: string) {
  return (await call(h.sandbox, 'GET', `/v1/customers/${customerId}/subscriptions/${id}`)).body;
}
/** Every subscription of a customer, as the sandbox has it now. */
async function subs(h: BotHarness, customerId: string) {
  return (await call(h.sandbox, 'GET', `/v1/customers/${customerId}/subscriptions`)).body.subscriptions;
}
const before = (text: string, first: string, second: string) => {
  assert.ok(text.includes(first) && text.includes(second), `${first} and ${second} in:\n${text}`);
  assert.ok(text.indexOf(first) < text.indexOf(second), `${first} before ${second} in:\n${text}`);
};

describe('what the customer names is what the bot acts on (transcripts)', function () {
  this.timeout(60_000);
  let h: BotHarness;
  afterEach(async () => h?.close());

  describe('a named subscription that cannot take the action', () => {
    it('skip on a paused one: says it is paused until when, offers to resume; "no" changes nothing', async () => {
      h = await startBotHarness({ customerId: 'cus-ben' });
      const was = await subs(h, 'cus-ben');
      await transcript(h, [
        ['can u skip the next indoor cat food delivery', (r) => {
          assert.match(r.text, /Indoor Cat Food 12 lb is paused until Thursday, December 17, so there is no delivery to skip\. Resume it now\?/);
          assert.doesNotMatch(r.text, /Clumping Cat Litter|Which subscription/);
          assert.deepEqual(r.suggestions, ['Yes', 'No']);
        }],
        ['no', /didn't change anything/],
      ]);
      assert.deepEqual(await subs(h, 'cus-ben'), was, 'nothing changed, the litter was not skipped');
    });

    it('skip on a paused one, then yes: resumes that one, once', async () => {
      h = await startBotHarness({ customerId: 'cus-ben' });
      await transcript(h, [
        ['skip the indoor cat food one', /paused until Thursday, December 17, so there is no delivery to skip\. Resume it now\?/],
        ['yes', /Indoor Cat Food 12 lb autoship is active again\. Next delivery: Thursday, December 17/],
      ]);
      const indoor = await sub(h, 'cus-ben', 'sub-ben-2');
      assert.equal(indoor.status, 'active');
      assert.equal(indoor.version, 2);
      const litter = await sub(h, 'cus-ben', 'sub-ben-1');
      assert.equal(litter.nextDeliveryDate, '2026-11-29');
      assert.equal(litter.version, 1);
    });

    it('skip on a cancelled one: says when it was cancelled, offers no other subscription, changes nothing', async () => {
      h = await startBotHarness({ customerId: 'cus-ben' });
      const was = await subs(h, 'cus-ben');
      await transcript(h, [
        ['skip the salmon treats this time', (r) => {
          assert.match(r.text, /Salmon Cat Treats was cancelled on Tuesday, October 27, so there is no delivery to skip\./);
          assert.doesNotMatch(r.text, /Clumping Cat Litter|Indoor Cat Food|Skip the/);
          assert.notDeepEqual(r.suggestions, ['Yes', 'No']);
        }],
        ['yes', (r) => assert.doesNotMatch(r.text, /skipped/)],
      ]);
      assert.deepEqual(await subs(h, 'cus-ben'), was);
    });

    it('pause on a cancelled one: says so instead of pausing the litter', async () => {
      h = await startBotHarness({ customerId: 'cus-ben' });
      await transcript(h, [['pause the salmon treats for a month', (r) => {
        assert.match(r.text, /Salmon Cat Treats was cancelled on Tuesday, October 27, so there is nothing to pause\./);
        assert.doesNotMatch(r.text, /Pause \*\*/);
      }]]);
      assert.equal((await sub(h, 'cus-ben', 'sub-ben-1')).status, 'active');
    });
  });

  describe('a named subscription, other cases', () => {
    it('resume on an active one: says it is active and when it comes, never resumes the paused one instead', async () => {
      h = await startBotHarness({ customerId: 'cus-ben' });
      const was = await subs(h, 'cus-ben');
      await transcript(h, [['please resume the cat litter', (r) => {
        assert.match(r.text, /Clumping Cat Litter 40 lb isn't paused: it is active, with the next delivery on Sunday, November 29\./);
        assert.doesNotMatch(r.text, /Indoor Cat Food|Resume \*\*/);
      }]]);
      assert.deepEqual(await subs(h, 'cus-ben'), was);
    });

    it('pause on a paused one: offers to move the end of the pause, and moves it on yes', async () => {
      h = await startBotHarness({ customerId: 'cus-ben' });
      await transcript(h, [
        ['pause the indoor cat food until january 10', /\*\*Indoor Cat Food 12 lb\*\* is paused until Thursday, December 17\. Change the pause to end on \*\*Sunday, January 10, 2027\*\* instead\?/],
        ['yes', /paused until Sunday, January 10, 2027, when deliveries restart/],
      ]);
      assert.equal((await sub(h, 'cus-ben', 'sub-ben-2')).pausedUntil, '2027-01-10');
      assert.equal((await sub(h, 'cus-ben', 'sub-ben-1')).status, 'active');
    });

    it('a product the customer has no subscription for: says so and asks, even when only one other fits', async () => {
      h = await startBotHarness({ customerId: 'cus-chloe' });
      await transcript(h, [
        ['pause my hamster food for 2 weeks', (r) => {
          assert.match(r.text, /couldn't find a subscription like that on your account\. Your autoship subscriptions are: Puppy Kibble 15 lb\./);
          assert.match(r.text, /Which subscription would you like to pause\?/);
          assert.doesNotMatch(r.text, /Pause \*\*Puppy Kibble/);
        }],
      ]);
      assert.equal((await sub(h, 'cus-chloe', 'sub-chloe-1')).status, 'active');
    });
  });

  describe('orders', () => {
    it('finds the order by what was in it: "the hay"', async () => {
      h = await startBotHarness({ customerId: 'cus-chloe' });
      await transcript(h, [['wheres the hay i ordered??', /Order \*\*PS-10039\*\* \(Timothy Hay, 5 lb\) is \*\*delayed\*\* with USPS.*winter storm/]]);
    });

    it('finds an older order by product: "the dog bed", not the latest one', async () => {
      h = await startBotHarness({ customerId: 'cus-ava' });
      await transcript(h, [
        ['did the dog bed ever arrive', (r) => {
          assert.match(r.text, /Order \*\*PS-10018\*\* \(Orthopedic Dog Bed, Large\) is \*\*delivered\*\* with FedEx/);
          assert.doesNotMatch(r.text, /PS-10042/);
        }],
        ['and where is the kibble order', /Order \*\*PS-10042\*\* \(Grain-Free Salmon Kibble, 30 lb, Dental Chews, 12-pack\) is \*\*in transit\*\*/],
      ]);
    });

    it('says so when the named product is in no order, instead of showing another as if it were it', async () => {
      h = await startBotHarness({ customerId: 'cus-ava' });
      await transcript(h, [['where is my cat litter?', (r) => {
        assert.match(r.text, /couldn't find an order matching "where is my cat litter\?"/);
        assert.doesNotMatch(r.text, /^Order \*\*/m);
      }]]);
    });

    it('finds the order by the day it was placed', async () => {
      h = await startBotHarness({ customerId: 'cus-ava' });
      await transcript(h, [['did my order from nov 10 arrive', /Order \*\*PS-10031\*\* \(Wet Cat Food, Chicken, 24 cans\) is \*\*delivered\*\*/]]);
    });

    it('"where are my orders?" lists the open ones, the problem first, with the latest carrier event', async () => {
      h = await startBotHarness({ customerId: 'cus-ben' });
      await transcript(h, [['where are my orders?', (r) => {
        before(r.text, 'PS-10036', 'PS-10040');
        assert.match(r.text, /\*\*PS-10036\*\* \(Tropical Fish Flakes, 200 g ×3, Wild Bird Seed Mix, 5 lb\): held up by a delivery problem with UPS\. Latest: Package damaged in transit/);
        assert.match(r.text, /\*\*PS-10040\*\* \(Cat Tree, 5-tier\): out for delivery today with FedEx\. Expected Thursday, November 26\. Latest: On FedEx vehicle for delivery, Austin, TX/);
        assert.doesNotMatch(r.text, /PS-10027/, 'delivered weeks ago: not open');
      }]]);
    });

    it('"where are all my packages": a returned one first, then "Delivered, left with front desk"', async () => {
      h = await startBotHarness({ customerId: 'cus-diego' });
      await transcript(h, [['where are all my packages', (r) => {
        before(r.text, 'PS-10030', 'PS-10038');
        assert.match(r.text, /PS-10030.*returned by the carrier.*Returned to sender: address not found/);
        assert.match(r.text, /PS-10038.*Latest: Delivered, left with front desk, Miami, FL/);
      }]]);
    });

    it('a failed delivery attempt leads the list', async () => {
      h = await startBotHarness({ customerId: 'cus-emma' });
      await transcript(h, [['hi where are my orders at', (r) => {
        before(r.text, 'PS-10041', 'PS-10045');
        assert.match(r.text, /PS-10041.*the carrier tried and could not deliver it.*nobody available to sign/);
      }]]);
    });

    it('"show my orders" lists the recent orders with their status', async () => {
      h = await startBotHarness({ customerId: 'cus-ava' });
      await transcript(h, [['show me my orders', (r) => {
        assert.match(r.text, /Your recent orders:/);
        assert.match(r.text, /\*\*PS-10042\*\*, placed Monday, November 23: Grain-Free Salmon Kibble, 30 lb, Dental Chews, 12-pack ×2, \$84\.97\. In transit\. Expected Saturday, November 28\./);
        assert.match(r.text, /\*\*PS-10031\*\*.*Delivered\./);
        assert.match(r.text, /\*\*PS-10018\*\*.*Orthopedic Dog Bed, Large.*Delivered\./);
      }]]);
    });

    it('"cancel my order" is not an autoship cancellation: says so and offers a person', async () => {
      h = await startBotHarness({ customerId: 'cus-ava' });
      const was = await subs(h, 'cus-ava');
      await transcript(h, [
        ['I need to cancel my order', (r) => {
          assert.match(r.text, /I can't cancel an order myself, and nothing has been changed\..*Would you like me to connect you with someone\?/s);
          assert.doesNotMatch(r.text, /autoship|subscription|pause it instead/i);
        }],
        ['yes please', (r) => {
          const event = r.events.find((e) => e.name === 'handoff.initiate');
          assert.ok(event, 'handed to a person');
          assert.match(String((event!.value as { summary: string }).summary), /cancel an order/);
        }],
      ]);
      assert.deepEqual(await subs(h, 'cus-ava'), was);
    });

    it('"cancel the dog bed order" names the order and its state; "no" leaves everything', async () => {
      h = await startBotHarness({ customerId: 'cus-ava' });
      const was = await subs(h, 'cus-ava');
      await transcript(h, [
        ['can you cancel the dog bed order', /I can't cancel an order myself \(PS-10018 is delivered\)/],
        ['no', /nothing was changed/],
      ]);
      assert.deepEqual(await subs(h, 'cus-ava'), was);
    });
  });

  describe('negation', () => {
    it('"do not cancel my subscription" and "pls dont cancel…" start no cancellation', async () => {
      h = await startBotHarness({ customerId: 'cus-ava' });
      const was = await subs(h, 'cus-ava');
      await transcript(h, [
        ['do not cancel my subscription', (r) => {
          assert.match(r.text, /I won't do that, and nothing has been changed/);
          assert.doesNotMatch(r.text, /pause it instead|Which subscription|Cancel \*\*/);
        }],
        ['pls dont cancel my dog food autoship!!', /I won't do that/],
        ['yes', (r) => assert.doesNotMatch(r.text, /cancelled/)],
      ]);
      assert.deepEqual(await subs(h, 'cus-ava'), was);
    });
  });

  describe('dates as a person means them', () => {
    it('"until after new years" pauses until 2 January, written with its year, the date said once', async () => {
      h = await startBotHarness({ customerId: 'cus-ava' });
      await transcript(h, [
        ['can you hold my dog food until after new years', /Pause \*\*Grain-Free Salmon Dog Food 24 lb\*\* until \*\*Saturday, January 2, 2027\*\*\?/],
        ['yes', (r) => {
          assert.match(r.text, /paused until Saturday, January 2, 2027, when deliveries restart\./);
          assert.equal(r.text.split('January 2, 2027').length - 1, 1, 'the restart date once');
        }],
      ]);
      const s = await sub(h, 'cus-ava', 'sub-ava-1');
      assert.equal(s.status, 'paused');
      assert.equal(s.pausedUntil, '2027-01-02');
    });

    it('"till after the holidays" is 2 January too', async () => {
      h = await startBotHarness({ customerId: 'cus-ava' });
      await transcript(h, [
        ['pause the flea chews till after the holidays', /Pause \*\*Flea & Tick Chews 6-pack\*\* until \*\*Saturday, January 2, 2027\*\*\?/],
        ['yes', /paused until Saturday, January 2, 2027/],
      ]);
      assert.equal((await sub(h, 'cus-ava', 'sub-ava-2')).pausedUntil, '2027-01-02');
      assert.equal((await sub(h, 'cus-ava', 'sub-ava-1')).status, 'active');
    });

    it('"until the end of next month" is its last day; a date this year and near is written without the year', async () => {
      h = await startBotHarness({ customerId: 'cus-chloe' });
      await transcript(h, [
        ['pause puppy kibble until the end of next month', (r) => {
          assert.match(r.text, /until \*\*Thursday, December 31\*\*\?/);
          assert.doesNotMatch(r.text, /2026/);
        }],
        ['yes', /paused until Thursday, December 31/],
      ]);
      assert.equal((await sub(h, 'cus-chloe', 'sub-chloe-1')).pausedUntil, '2026-12-31');
    });
  });
});
