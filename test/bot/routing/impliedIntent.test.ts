import assert from 'node:assert/strict';
import { extractEntities } from '../../../nlu/extractEntities';
import { impliedIntent } from '../../../bot/routing/impliedIntent';

describe('impliedIntent: a bare number the shop knows', () => {
  const now = new Date('2026-12-02T12:00:00');
  const table: [text: string, intent: string | undefined][] = [
    ['6006 4912 3456 1001', 'giftcard.balance'],
    ['gift card 6006491234561001 pin 1234', 'giftcard.balance'],
    ['my card number is 6006 4912 3456 1001', 'giftcard.balance'],
    ['PS-10036', 'shipping.track'],
    ['order #10042 please', 'shipping.track'],
    ['redeem 6006 4912 3456 1001', undefined],
    ['PS-10036 arrived damaged', undefined],
    ['cancel order PS-10036', undefined],
    ['hello', undefined],
    ['3 weeks', undefined],
  ];
  for (const [text, intent] of table) {
    it(`"${text}" → ${intent ?? 'no reading'}`, () => assert.equal(impliedIntent({ text, entities: extractEntities(text, now) }), intent));
  }
});
