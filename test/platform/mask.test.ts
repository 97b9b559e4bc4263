import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../platform/logger';
import { maskSecretAnswer, maskText } from '../../platform/mask';

describe('masking of personal and payment data', () => {
  const table: [string, string][] = [
    // card numbers: grouped, ungrouped, dashes, dots, full-width, other scripts, invisible characters
    ['my card is 6006 4912 3456 1001 pin 1234', 'my card is **** 1001 pin [pin]'],
    ['card 6006491234561001, PIN: 9876', 'card **** 1001, PIN: [pin]'],
    ['6006-4912-3456-1001', '**** 1001'],
    ['6006.4912.3456.1001 is the card', '**** 1001 is the card'],
    ['card ６００６４９１２３４５６１００１', 'card **** 1001'],
    ['card ６００６　４９１２　３４５６　１００１ please', 'card **** 1001 please'],
    ['card ٦٠٠٦٤٩١٢٣٤٥٦١٠٠١', 'card **** 1001'],
    ['card ६००६४९१२३४५६१००१', 'card **** 1001'],
    ['6006\u200b4912\u200b3456\u20091001', '**** 1001'],
    ['amex 3782 822463 10005', 'amex **** 0005'],
    ['the number is 6006–4912–3456–1001.', 'the number is **** 1001.'],
    // PINs and codes named as such, before or after the number
    ['pin 1234', 'pin [pin]'],
    ['my PIN is 0042', 'my PIN is [pin]'],
    ["the pin's 4321", "the pin's [pin]"],
    ['pin#9999 thanks', 'pin#[pin] thanks'],
    ['the code is 5678', 'the code is [pin]'],
    ['security code: 123', 'security code: [pin]'],
    ['PIN number ４３２１', 'PIN number [pin]'],
    ['1234 is my pin', '[pin] is my pin'],
    ['passcode = 8080', 'passcode = [pin]'],
    // e-mail addresses in free text
    ['mail me at jane.doe+pets@example.co.uk please', 'mail me at [email] please'],
    ['JOHN_SMITH@Mail.Example.COM', '[email]'],
    ['it is ann＠example.com', 'it is [email]'],
    ['reach me: bob @ pets.io or the chat', 'reach me: [email] or the chat'],
    // phone numbers
    ['call +1 415-555-0132 or (415) 555 0199', 'call [phone] or [phone]'],
    ['my number is 5551234567', 'my number is [phone]'],
    ['text 555.123.4567', 'text [phone]'],
    ['+44 20 7946 0958 is my mobile', '[phone] is my mobile'],
    ['1-800-555-0199', '[phone]'],
    ['+15551234567', '[phone]'],
    ['call me on 555-0132 after 5', 'call me on [phone] after 5'],
    ['５５５－１２３－４５６７', '[phone]'],
    // what must stay as it is
    ['order PS-10042 and 3 bags', 'order PS-10042 and 3 bags'],
    ['pause for 12 weeks until 2026-12-03', 'pause for 12 weeks until 2026-12-03'],
    ['redeem 500 points, I have 3,450', 'redeem 500 points, I have 3,450'],
    ['my zip code is 94110', 'my zip code is 94110'],
    ['every 3 weeks instead of 4', 'every 3 weeks instead of 4'],
    ['it costs $12.99 at 10:30', 'it costs $12.99 at 10:30'],
    // a PIN next to a card number, whatever the words
    ['6006491234561001 4321', '**** 1001 [pin]'],
    ['my card is 6006491234561005 and the code 5678, whats on it', 'my card is **** 1005 and the code [pin], whats on it'],
    ['card ６００６４９１２３４５６１００１ and １２３４', 'card **** 1001 and [pin]'],
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
