import assert from 'node:assert/strict';
import { ORDER_LOOKUP_MAX_FAILURES } from '../../contracts/shipping';
import { call } from '../support/sandboxServer';
import { startBotHarness, transcript, type BotHarness, type TurnReplies } from '../support/botHarness';

const SIGN_IN = 'https://shop.example/sign-in';
const NOT_UNDERSTOOD = /didn't understand/i;

async function subscriptions(h: BotHarness, customerId: string) {
  return (await call(h.sandbox, 'GET', `/v1/customers/${customerId}/subscriptions`)).body;
}
const lookup = (h: BotHarness, body: object) => call(h.sandbox, 'POST', '/v1/orders/lookup', body);

describe('anonymous visitors (transcripts)', function () {
  this.timeout(120_000);
  let h: BotHarness;
  afterEach(async () => h?.close());

  it('checks a gift card balance with number and PIN, and nothing is redeemed', async () => {
    h = await startBotHarness({ customerId: null, signInUrl: SIGN_IN });
    await transcript(h, [
      ["what's left on my gift card?", /16-digit number/],
      ['6006 4912 3456 1005', /PIN/],
      ['5678', (r) => {
        assert.match(r.text, /ending 1005 has \*\*\$25\.00\*\* left/);
        assert.doesNotMatch(r.text, /sign in/i);
      }],
      ['check gift card 6006 4912 3456 1001 pin 1234', /ending 1001 has \*\*\$50\.00\*\* left/],
    ]);
    const card = await call(h.sandbox, 'POST', '/v1/gift-cards/balance', { number: '6006491234561005', pin: '5678' });
    assert.deepEqual([card.body.status, card.body.balanceCents], ['active', 2500]);
  });

  it('gets a sign-in link for redeeming a gift card (it pays into an account), and the card is untouched', async () => {
    h = await startBotHarness({ customerId: null, signInUrl: SIGN_IN });
    await transcript(h, [['redeem gift card 6006 4912 3456 1001 pin 1234', (r) => {
      assert.ok(r.text.includes(`[sign in](${SIGN_IN})`), r.text);
      assert.deepEqual(r.suggestions, ['Track an order', 'Gift card balance', 'Talk to a person']);
    }]]);
    const card = await call(h.sandbox, 'POST', '/v1/gift-cards/balance', { number: '6006491234561001', pin: '1234' });
    assert.equal(card.body.balanceCents, 5000);
  });

  it('tracks an order with its number and ZIP code in one message', async () => {
    h = await startBotHarness({ customerId: null, signInUrl: SIGN_IN });
    await transcript(h, [["where's my package? order PS-10042, zip 97205", (r) => {
      assert.match(r.text, /Order \*\*PS-10042\*\* \(Grain-Free Salmon Kibble, 30 lb, Dental Chews, 12-pack\) is \*\*in transit\*\* with UPS/);
      assert.match(r.text, /Expected Saturday, November 28/);
    }]]);
  });

  it('asks for the number (with a sign-in link) and then the ZIP or e-mail, and tracks by e-mail', async () => {
    h = await startBotHarness({ customerId: null, signInUrl: SIGN_IN });
    await transcript(h, [
      ['has my order shipped yet', (r) => {
        assert.ok(r.text.includes(`[Sign in](${SIGN_IN})`), r.text);
        assert.match(r.text, /order number/);
      }],
      ['its PS-10039', /ZIP code it ships to, or the e-mail address/],
      ['chloe@example.com', /Order \*\*PS-10039\*\* \(Timothy Hay, 5 lb\) is \*\*delayed\*\* with USPS.*winter storm/s],
    ]);
  });

  it('keeps a ZIP code given before the order number', async () => {
    h = await startBotHarness({ customerId: null });
    await transcript(h, [
      ['i want to track my order, my zip is 80302', /order number/],
      ['PS-10044', /PS-10044.*label created/s],
    ]);
  });

  it('re-asks a ZIP/e-mail answer it cannot read, saying what it needs', async () => {
    h = await startBotHarness({ customerId: null });
    await transcript(h, [
      ['track order PS-10040', /ZIP code/],
      ['i dont remember', /5-digit ZIP code of the delivery address, or the e-mail address/],
      ['78701', /\*\*out for delivery today\*\* with FedEx/],
    ]);
  });

  it('answers a wrong ZIP code exactly like an order that does not exist (and the sandbox counted the failure)', async () => {
    h = await startBotHarness({ customerId: null });
    const wrongZip = (await transcript(h, [['where is order PS-10042? zip 10001', /couldn't find an order PS-10042/]]))[0]!;
    await h.close();
    h = await startBotHarness({ customerId: null });
    const unknown = (await transcript(h, [['where is order PS-19999? zip 10001', /couldn't find an order PS-19999/]]))[0]!;
    const shape = (r: TurnReplies) => [r.text.replace(/PS-\d+/g, 'PS-#'), r.suggestions];
    assert.deepEqual(shape(wrongZip), shape(unknown));
    assert.doesNotMatch(wrongZip.text, /in transit|UPS|Kibble/);
    // The bot's lookup was a real, counted attempt: the limit is reached after the remaining failures.
    for (let i = 1; i < ORDER_LOOKUP_MAX_FAILURES; i++) assert.equal((await lookup(h, { orderId: 'PS-19999', zip: String(20000 + i) })).status, 404);
    assert.equal((await lookup(h, { orderId: 'PS-19999', zip: '97205' })).status, 429);
  });

  for (const [says, what] of [
    ['pause my autoship for 2 weeks', 'a subscription change'],
    ['how many points do i have', 'points'],
    ['show me my subscriptions', 'the subscription list'],
    ['my package arrived damaged', 'a delivery problem'],
  ] as const) {
    it(`gets a sign-in link, not a dead end, for ${what}: "${says}"`, async () => {
      h = await startBotHarness({ customerId: null, signInUrl: SIGN_IN });
      const before = await subscriptions(h, 'cus-ava');
      await transcript(h, [[says, (r) => {
        assert.ok(r.text.includes(`[sign in](${SIGN_IN})`), r.text);
        assert.match(r.text, /track an order by its number and ZIP code, check a gift card balance/);
        assert.doesNotMatch(r.text, NOT_UNDERSTOOD);
        assert.deepEqual(r.suggestions, ['Track an order', 'Gift card balance', 'Talk to a person']);
      }]]);
      assert.deepEqual(await subscriptions(h, 'cus-ava'), before);
    });
  }

  it('a signed-in customer still gets their own latest order without giving a ZIP code', async () => {
    h = await startBotHarness({ customerId: 'cus-emma' });
    await transcript(h, [['where is my order?', /PS-10045.*in transit/s]]);
  });
});
