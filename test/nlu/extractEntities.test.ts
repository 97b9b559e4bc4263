import assert from 'node:assert/strict';
import { extractEntities } from '../../nlu/extractEntities';
import { maskEntity, maskRecognition } from '../../nlu/maskRecognition';
import type { Entity } from '../../nlu/recognizer';

// Wednesday 15 January 2025, noon local time.
const NOW = new Date(2025, 0, 15, 12);

type Expect = [type: Entity['type'], value: unknown, text: string];

const CASES: [text: string, expected: Expect[], now?: Date][] = [
  // order numbers, normalised to PS-<digits>
  ['where is order PS-10042', [['orderNumber', 'PS-10042', 'PS-10042']]],
  ['track ps 10042 please', [['orderNumber', 'PS-10042', 'ps 10042']]],
  ['PS10042 is late', [['orderNumber', 'PS-10042', 'PS10042']]],
  ["order #55231 hasn't come", [['orderNumber', 'PS-55231', '55231']]],
  ['my order number is 88123', [['orderNumber', 'PS-88123', '88123']]],
  ['where is 1004233', [['orderNumber', 'PS-1004233', '1004233']]],
  // gift card numbers and PINs
  ['gift card 1234 5678 9012 3456 pin 4321', [['giftCardNumber', '1234567890123456', '1234 5678 9012 3456'], ['pin', '4321', '4321']]],
  ['card 1234-5678-9012-3456, PIN: 98765', [['giftCardNumber', '1234567890123456', '1234-5678-9012-3456'], ['pin', '98765', '98765']]],
  ['balance of 1234567890123456', [['giftCardNumber', '1234567890123456', '1234567890123456']]],
  ['the pin code is 12345678', [['pin', '12345678', '12345678']]],
  ['my pin is 123', [['quantity', 123, '123']]],
  // quantities (Recognizers-Text numbers), not sizes
  ['send 3 bags of kibble', [['quantity', 3, '3']]],
  ['two cans every 4 weeks', [['quantity', 2, 'two'], ['frequency', { weeks: 4 }, 'every 4 weeks']]],
  ['a 30 lb bag of dog food', []],
  // frequencies
  ['every 6 weeks', [['frequency', { weeks: 6 }, 'every 6 weeks']]],
  ['change it to every other week', [['frequency', { weeks: 2 }, 'every other week']]],
  ['make it monthly', [['frequency', { weeks: 4 }, 'monthly']]],
  ['every month please', [['frequency', { weeks: 4 }, 'every month']]],
  ['ship weekly', [['frequency', { weeks: 1 }, 'weekly']]],
  ['biweekly', [['frequency', { weeks: 2 }, 'biweekly']]],
  // dates, relative to NOW, preferring the future
  ['pause my dog food autoship until March 3rd', [['date', '2025-03-03', 'until March 3rd']]],
  ['skip next Friday', [['date', '2025-01-24', 'next Friday']]],
  ['deliver it tomorrow', [['date', '2025-01-16', 'tomorrow']]],
  ['resume on the 20th', [['date', '2025-01-20', 'the 20th']]],
  ['resume on the 10th', [['date', '2025-02-10', 'the 10th']]],
  ['until March 3rd', [['date', '2026-03-03', 'until March 3rd']], new Date(2025, 11, 1, 12)],
  // holidays and relative phrases as a person means them (26 November 2026)
  ["pause until after New Year's Day", [['date', '2027-01-02', "until after New Year's Day"]], new Date(2026, 10, 26, 12)],
  ['hold it until after new years', [['date', '2027-01-02', 'until after new years']], new Date(2026, 10, 26, 12)],
  ['till after the holidays', [['date', '2027-01-02', 'till after the holidays']], new Date(2026, 10, 26, 12)],
  ['until the holidays are over', [['date', '2027-01-02', 'until the holidays are over']], new Date(2026, 10, 26, 12)],
  ['until new years', [['date', '2027-01-01', 'until new years']], new Date(2026, 10, 26, 12)],
  ["until new year's eve", [['date', '2026-12-31', "until new year's eve"]], new Date(2026, 10, 26, 12)],
  ['until after christmas', [['date', '2026-12-26', 'after christmas']], new Date(2026, 10, 26, 12)],
  ['until next month', [['date', '2026-12-01', 'until next month']], new Date(2026, 10, 26, 12)],
  ['until the end of next month', [['date', '2026-12-31', 'until the end of next month']], new Date(2026, 10, 26, 12)],
  ['until the end of the year', [['date', '2026-12-31', 'until the end of the year']], new Date(2026, 10, 26, 12)],
  // a PIN right after the card number, or after "code"
  ['card 6006491234561001 4321', [['giftCardNumber', '6006491234561001', '6006491234561001'], ['pin', '4321', '4321']]],
  ['6006 4912 3456 1001 and 1234', [['giftCardNumber', '6006491234561001', '6006 4912 3456 1001'], ['pin', '1234', '1234']]],
  ['the code is 5678', [['pin', '5678', '5678']]],
  // durations
  ['pause for two weeks', [['duration', { days: 14, weeks: 2 }, 'two weeks']]],
  ['hold it 3 weeks', [['duration', { days: 21, weeks: 3 }, '3 weeks']]],
  ['for 10 days', [['duration', { days: 10 }, '10 days']]],
  // points and money
  ['redeem 500 points', [['points', 500, '500 points']]],
  ['use 2,000 reward points', [['points', 2000, '2,000 reward points']]],
  ['redeem 10000 points', [['points', 10000, '10000 points']]],
  ['apply my $25 gift card', [['money', { amount: 25, currency: 'USD' }, '$25']]],
  ['take 10 dollars off', [['money', { amount: 10, currency: 'USD' }, '10 dollars']]],
  ['only 50 cents left', [['money', { amount: 0.5, currency: 'USD' }, '50 cents']]],
  // several at once, no overlaps
  [
    'pause order PS-10042 for 2 weeks, then send 3 bags every 6 weeks from March 3rd',
    [
      ['orderNumber', 'PS-10042', 'PS-10042'],
      ['duration', { days: 14, weeks: 2 }, '2 weeks'],
      ['quantity', 3, '3'],
      ['frequency', { weeks: 6 }, 'every 6 weeks'],
      ['date', '2025-03-03', 'from March 3rd'],
    ],
  ],
  ['hello there', []],
];

describe('nlu: entity extraction', () => {
  for (const [text, expected, now] of CASES) {
    it(`"${text}" → ${expected.map(([t, v]) => `${t} ${JSON.stringify(v)}`).join(', ') || 'nothing'}`, () => {
      const entities = extractEntities(text, now ?? NOW);
      assert.deepEqual(
        entities.map((e) => [e.type, e.value, e.text]),
        expected,
      );
      for (const e of entities) assert.equal(text.slice(e.start, e.end), e.text, 'span matches the text');
      for (let i = 1; i < entities.length; i += 1) assert.ok(entities[i - 1]!.end <= entities[i]!.start, 'spans do not overlap');
    });
  }

  it('masks card numbers and PINs before logging', () => {
    const text = 'balance of 1234 5678 9012 3456 pin 4321 for order PS-10042';
    const entities = extractEntities(text, NOW);
    const masked = maskRecognition({ text, intent: 'giftcard.balance', score: 1, ranking: [], entities });
    const json = JSON.stringify(masked);
    assert.ok(!json.includes('4321') && !json.includes('1234 5678') && !json.includes('1234567890123456'), json);
    assert.ok(json.includes('3456') && json.includes('PS-10042'), 'keeps the last 4 digits and other entities');
    assert.deepEqual(maskEntity(entities.find((e) => e.type === 'pin')!), { type: 'pin', value: '[pin]', text: '[pin]', start: 35, end: 39 });
  });
});
