import assert from 'node:assert/strict';
import { call } from '../../support/sandboxServer';
import { startBotHarness, transcript, type BotHarness, type TurnReplies } from '../../support/botHarness';

/** Everything a knowledge answer must leave alone: the customer's subscriptions and points. */
async function account(h: BotHarness, customerId: string) {
  return {
    subscriptions: (await call(h.sandbox, 'GET', `/v1/customers/${customerId}/subscriptions`)).body,
    rewards: (await call(h.sandbox, 'GET', `/v1/customers/${customerId}/rewards`)).body,
  };
}

const NOT_UNDERSTOOD = /didn't understand|did you mean one of these/i;
const noHandoff = (r: TurnReplies) => assert.ok(!r.events.some((e) => e.name === 'handoff.initiate'), 'no handoff');

/** Questions as customers type them, each with a fact the right answer must give. */
const QUESTIONS: { topic: string; says: string[]; fact: RegExp; buttons?: string[] }[] = [
  { topic: 'opening hours', says: ['what time r u open on saturday', 'are you guys open on sundays?', 'when can i reach someone, whats your hours'], fact: /Saturday and Sunday, 9 am to 5 pm/ },
  { topic: 'shipping costs', says: ['how much is shipping', 'do you do free delivery?', 'whats the delivery charge on a small order'], fact: /free on orders of \$49 or more.*\$5\.99/s, buttons: ['Track my order'] },
  { topic: 'shipping times', says: ['how long does delivery usually take', 'how many days for standard shipping'], fact: /3 to 5 business days/ },
  { topic: 'points', says: ['how do i earn more points', 'how do points work at your shop', 'do I get points for every purchase?'], fact: /10 points for every \$1/, buttons: ['My reward points', 'Use my points'] },
  { topic: 'autoship', says: ['what is autoship exactly', 'how does the autoship thing work', 'whats the benefit of subscribing instead of just buying'], fact: /5 % off.*no commitment/s, buttons: ['My subscriptions'] },
];

describe('skill: knowledge (transcripts)', function () {
  this.timeout(120_000);
  let h: BotHarness;
  afterEach(async () => h?.close());

  for (const q of QUESTIONS) {
    it(`answers ${q.topic} directly and changes nothing`, async () => {
      h = await startBotHarness({ customerId: 'cus-ava' });
      const before = await account(h, 'cus-ava');
      await transcript(
        h,
        q.says.map((says) => [
          says,
          (r: TurnReplies) => {
            assert.doesNotMatch(r.text, NOT_UNDERSTOOD);
            assert.match(r.text, q.fact);
            if (q.buttons) assert.deepEqual(r.suggestions, q.buttons);
            noHandoff(r);
          },
        ]),
      );
      assert.deepEqual(await account(h, 'cus-ava'), before);
    });
  }

  it('returns: the policy, then "shall I get you a person?" with buttons; yes hands off with the question', async () => {
    h = await startBotHarness({ customerId: 'cus-ben', name: 'Ben Okafor' });
    await transcript(h, [
      ["can i send back a bag of food my dog won't eat", (r) => {
        assert.match(r.text, /within \*\*30 days\*\*/);
        assert.match(r.text, /satisfaction guarantee/);
        assert.match(r.text, /Shall I get you a person/);
        assert.deepEqual(r.suggestions, ['Yes', 'No']);
        noHandoff(r);
      }],
      ['yes please', (r) => {
        const [event] = r.events.filter((e) => e.name === 'handoff.initiate');
        assert.ok(event, 'handoff.initiate sent');
        const packet = event!.value as Record<string, any>;
        assert.equal(packet.reason, 'asked_for_agent');
        assert.equal(packet.customerId, 'cus-ben');
        assert.match(packet.summary, /Returns and refunds.*send back a bag of food/);
        assert.ok(packet.shown.includes('Answered: Returns and refunds'));
        assert.match(r.text, /connecting you with a member of our support team/);
      }],
    ]);
  });

  it('refunds: the policy and the offer; no keeps the bot, and no person is called', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['when will i get my refund', (r) => {
        assert.match(r.text, /5 to 7 business days/);
        assert.match(r.text, /Shall I get you a person/);
        assert.doesNotMatch(r.text, NOT_UNDERSTOOD);
      }],
      ['no', (r) => {
        assert.match(r.text, /anything else I can help you with/);
        noHandoff(r);
      }],
      ['how much is shipping', /free on orders of \$49/],
    ]);
  });

  for (const says of ['i want to return the cat tree, it\'s too big', 'how do i get my money back for a broken leash', "i'd like a refund please", 'whats your return policy']) {
    it(`"${says}": the returns policy and a person offered, not "didn't understand"`, async () => {
      h = await startBotHarness({ customerId: 'cus-diego' });
      await transcript(h, [[says, (r) => {
        assert.doesNotMatch(r.text, NOT_UNDERSTOOD);
        assert.match(r.text, /I can't start a return or issue a refund myself/);
        assert.match(r.text, /Shall I get you a person/);
      }]]);
    });
  }

  it('answers a visitor who is not signed in the same way', async () => {
    h = await startBotHarness({ customerId: null });
    await transcript(h, [
      ['what time r u open on saturday', /Saturday and Sunday, 9 am to 5 pm/],
      ['what is autoship exactly', /repeat delivery/],
    ]);
  });
});
