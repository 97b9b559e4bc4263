import assert from 'node:assert/strict';
import type { Order } from '../../../contracts/shipping';
import { matchOrders } from '../../../skills/shipping/matchOrders';

const order = (id: string, placed: string, items: [sku: string, name: string][]): Order => ({
  id,
  customerId: 'cus-ava',
  placedAt: `${placed}T10:00:00.000Z`,
  items: items.map(([sku, name]) => ({ sku, name, quantity: 1 })),
  totalCents: 1000,
  carrier: 'ups',
  trackingNumber: 'T',
  status: 'in_transit',
  eta: null,
});
const ORDERS = [
  order('PS-3', '2026-11-23', [['DOG-KIB-30', 'Grain-Free Salmon Kibble, 30 lb'], ['DOG-CHEW-12', 'Dental Chews, 12-pack']]),
  order('PS-2', '2026-11-08', [['CAT-WET-24', 'Wet Cat Food, Chicken, 24 cans']]),
  order('PS-1', '2026-10-10', [['DOG-BED-L', 'Orthopedic Dog Bed, Large'], ['SMALL-HAY-5', 'Timothy Hay, 5 lb']]),
];
const TODAY = '2026-11-26';

describe('skills: which order a message names', () => {
  const table: [text: string, date: string | undefined, ids: string[], unmatched: boolean][] = [
    ['where is the kibble order', undefined, ['PS-3'], false],
    ['is my dog food on its way', undefined, ['PS-3'], false],
    ['the hay', undefined, ['PS-1'], false],
    ['did the dog bed one arrive', undefined, ['PS-1'], false],
    ['where is the cat food', undefined, ['PS-2'], false],
    ['where is my cat litter', undefined, [], true],
    ['where is my order', undefined, [], false],
    ['the order from november 8th', '2027-11-08', ['PS-2'], false],
    ['the one i placed on the 22nd', '2026-11-22', ['PS-3'], false],
    ['the chews from october', '2026-10-10', [], true],
    ['my order from last summer', '2026-07-01', [], true],
  ];
  for (const [text, date, ids, unmatched] of table) {
    it(`"${text}"${date ? ` (${date})` : ''} → ${ids.join(', ') || 'none'}${unmatched ? ', named but not found' : ''}`, () => {
      const r = matchOrders(text, ORDERS, TODAY, date);
      assert.deepEqual(r.matches.map((o) => o.id), ids);
      assert.equal(r.unmatched, unmatched);
    });
  }
});
