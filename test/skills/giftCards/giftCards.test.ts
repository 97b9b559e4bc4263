import assert from 'node:assert/strict';
import { call } from '../../support/sandboxServer';
import { startBotHarness, transcript, type BotHarness } from '../../support/botHarness';

const noSecrets = (text: string) => {
  assert.doesNotMatch(text, /6006\s?4912\s?3456\s?100\d|6006491234561/);
  assert.doesNotMatch(text, /\b(1234|5678)\b/);
};

describe('skill: gift cards (transcripts)', function () {
  this.timeout(60_000);
  let h: BotHarness;
  afterEach(async () => h?.close());

  it('answers a balance when number and PIN come in the first message, masking the number', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [["what's the balance on gift card 6006 4912 3456 1001 pin 1234", (r) => {
      assert.match(r.text, /card ending 1001 has \*\*\$50\.00\*\* left/);
      noSecrets(r.text);
    }]]);
  });

  it('asks for the number, re-asks a malformed one, then the PIN', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [
      ['how much is left on my gift card', /16-digit number/],
      ['1234', /should be 16 digits/],
      ['6006-4912-3456-1005', /And the PIN\?/],
      ['5678', (r) => {
        assert.match(r.text, /card ending 1005 has \*\*\$25\.00\*\* left/);
        noSecrets(r.text);
      }],
    ]);
  });

  it('says a wrong PIN does not match and how many tries are left', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [['check gift card 6006491234561001 pin 9999', /don't match our records\. 4 tries left/]]);
  });

  it('redeems the whole balance into store credit after a Yes, once', async () => {
    h = await startBotHarness({ customerId: 'cus-diego' });
    await transcript(h, [
      ['I want to redeem gift card 6006491234561005 pin 5678', /Add the \*\*\$25\.00\*\* on the card ending 1005 to your account as store credit\?/],
      ['yes', /\$25\.00 from the card ending 1005 is now store credit on your account\. Your store credit is \$25\.00/],
      ['yes', (r) => assert.doesNotMatch(r.text, /store credit is/)],
    ]);
    const bal = await call(h.sandbox, 'POST', '/v1/customers/cus-diego/gift-cards/balance', { number: '6006491234561005', pin: '5678' });
    assert.equal(bal.body.balanceCents, 0);
  });

  it('tells an expired card apart and redeems nothing', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [['redeem my gift card 6006491234561003 pin 3333', /expired/]]);
  });
});
