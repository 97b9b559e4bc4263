import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../platform/logger';
import { maskSecretAnswer, maskText } from '../../platform/mask';

describe('masking of personal and payment data', () => {
  const table: [string, string][] = [
    ['my card is 6006 4912 3456 1001 pin 1234', 'my card is **** 1001 pin [pin]'],
    ['card 6006491234561001, PIN: 9876', 'card **** 1001, PIN: [pin]'],
    ['mail me at jane.doe+pets@example.co.uk please', 'mail me at [email] please'],
    ['call +1 415-555-0132 or (415) 555 0199', 'call [phone] or [phone]'],
    ['order PS-10042 and 3 bags', 'order PS-10042 and 3 bags'],
    ['pause for 12 weeks until 2026-12-03', 'pause for 12 weeks until 2026-12-03'],
    // a PIN next to a card number, whatever the words; "code" is a PIN word (not "zip code")
    ['6006491234561001 4321', '**** 1001 [pin]'],
    ['my card is 6006491234561005 and the code 5678, whats on it', 'my card is **** 1005 and the code [pin], whats on it'],
    ['the code is 5678', 'the code is [pin]'],
    ['card ６００６４９１２３４５６１００１ and １２３４', 'card **** 1001 and [pin]'],
    ['my zip code is 97201', 'my zip code is 97201'],
  ];
  for (const [input, expected] of table) it(`"${input}" → "${expected}"`, () => assert.equal(maskText(input), expected));

  const secretAnswers: [string, string][] = [
    ["sorry, it's 4321", "sorry, it's ****"],
    ['１２３４', '****'],
    ['6006 4912 3456 1001', '**** ****'],
    ['i dont know it', 'i dont know it'],
  ];
  for (const [input, expected] of secretAnswers) it(`answer to a PIN question "${input}" → "${expected}"`, () => assert.equal(maskSecretAnswer(input), expected));

  it('masks log messages and redacts secret keys', async () => {
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) });
    const logger = createLogger({ destination });
    logger.info({ pin: '1234', req: { headers: { authorization: 'Bearer s3cret' } }, nested: { token: 'abc' } }, 'redeem 6006491234561001 for ann@example.com');
    logger.flush();
    await new Promise((r) => setImmediate(r));
    const out = lines.join('');
    assert.ok(out.includes('**** 1001'), out);
    for (const secret of ['6006491234561001', '1234"', 's3cret', '"abc"', 'ann@example.com']) assert.ok(!out.includes(secret), `leaked ${secret}: ${out}`);
  });
});
