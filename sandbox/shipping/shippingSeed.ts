import type { Carrier, ShipmentStatus } from '../../contracts/shipping';
import type { DocStore } from '../../platform/store/docStore';
import { addDays, isoDay, type Clock } from '../clock';
import { orderWrites, type OrderRecord } from './orderStore';

type Item = OrderRecord['items'][number];
/** status, hours before now, description, location */
type EventSpec = [ShipmentStatus, number, string, string | null];

const ITEMS = {
  kibble: { sku: 'DOG-KIB-30', name: 'Grain-Free Salmon Kibble, 30 lb' },
  litter: { sku: 'CAT-LIT-20', name: 'Clumping Cat Litter, 20 lb' },
  chews: { sku: 'DOG-CHEW-12', name: 'Dental Chews, 12-pack' },
  catTree: { sku: 'CAT-TREE-05', name: 'Cat Tree, 5-tier' },
  fishFlakes: { sku: 'FISH-FLK-200', name: 'Tropical Fish Flakes, 200 g' },
  dogBed: { sku: 'DOG-BED-L', name: 'Orthopedic Dog Bed, Large' },
  birdSeed: { sku: 'BIRD-SEED-5', name: 'Wild Bird Seed Mix, 5 lb' },
  wetCatFood: { sku: 'CAT-WET-24', name: 'Wet Cat Food, Chicken, 24 cans' },
  leash: { sku: 'DOG-LEASH-6', name: 'Reflective Leash, 6 ft' },
  hay: { sku: 'SMALL-HAY-5', name: 'Timothy Hay, 5 lb' },
} satisfies Record<string, Omit<Item, 'quantity'>>;

/**
 * The demo orders, in every shipping state, relative to the clock (`now`):
 *
 * | customer  | order    | carrier | status           | ETA        |
 * |-----------|----------|---------|------------------|------------|
 * | cus-ava   | PS-10042 | ups     | in_transit       | today + 2  |
 * | cus-ava   | PS-10031 | usps    | delivered        | –          |
 * | cus-ava   | PS-10018 | fedex   | delivered        | –          |
 * | cus-ben   | PS-10040 | fedex   | out_for_delivery | today      |
 * | cus-ben   | PS-10036 | ups     | exception (damaged in transit) | – |
 * | cus-ben   | PS-10027 | usps    | delivered        | –          |
 * | cus-chloe | PS-10044 | fedex   | label_created    | today + 4  |
 * | cus-chloe | PS-10039 | usps    | delayed (winter storm) | today + 3 |
 * | cus-chloe | PS-10026 | ups     | delivered        | –          |
 * | cus-diego | PS-10038 | ups     | delivered (yesterday, front desk) | – |
 * | cus-diego | PS-10030 | usps    | returned (address not found) | – |
 * | cus-diego | PS-10023 | fedex   | delivered        | –          |
 * | cus-emma  | PS-10045 | ups     | in_transit       | today + 3  |
 * | cus-emma  | PS-10041 | fedex   | attempt_failed (nobody home) | today + 1 |
 * | cus-emma  | PS-10033 | usps    | delivered        | –          |
 *
 * Tracking numbers are in {@link demoOrders}; carrier webhooks for them move these orders on.
 */
export function demoOrders(clock: Clock): OrderRecord[] {
  const now = clock.now().getTime();
  const at = (hoursAgo: number) => new Date(now - hoursAgo * 3_600_000).toISOString();
  const today = isoDay(clock.now());
  const order = (
    id: string,
    customerId: string,
    carrier: Carrier,
    trackingNumber: string,
    items: Item[],
    totalCents: number,
    etaDays: number | null,
    events: EventSpec[],
  ): OrderRecord => {
    const last = events.at(-1)!;
    return {
      id,
      customerId,
      // Orders are placed an hour or two before the label is printed.
      placedAt: at(events[0]![1] + 2),
      items,
      totalCents,
      carrier,
      trackingNumber,
      status: last[0],
      eta: etaDays === null ? null : addDays(today, etaDays),
      events: events.map(([status, hoursAgo, description, location], i) => ({ id: `${carrier}-${trackingNumber}-${i + 1}`, status, description, location, occurredAt: at(hoursAgo) })),
    };
  };
  const delivered = (startHoursAgo: number, city: string, origin: string, where = 'Delivered, front door'): EventSpec[] => [
    ['label_created', startHoursAgo, 'Shipping label created', origin],
    ['in_transit', startHoursAgo - 6, 'Picked up by carrier', origin],
    ['in_transit', startHoursAgo - 30, 'Arrived at regional facility', city],
    ['out_for_delivery', startHoursAgo - 50, 'Out for delivery', city],
    ['delivered', startHoursAgo - 56, where, city],
  ];

  return [
    order('PS-10042', 'cus-ava', 'ups', '1Z9A7W430312345678', [{ ...ITEMS.kibble, quantity: 1 }, { ...ITEMS.chews, quantity: 2 }], 8497, 2, [
      ['label_created', 70, 'Shipping label created', 'Reno, NV'],
      ['in_transit', 62, 'Picked up by carrier', 'Reno, NV'],
      ['in_transit', 40, 'Arrived at facility', 'Sacramento, CA'],
      ['in_transit', 9, 'Departed facility', 'Sacramento, CA'],
    ]),
    order('PS-10031', 'cus-ava', 'usps', '9400111899562537100031', [{ ...ITEMS.wetCatFood, quantity: 1 }], 3299, null, delivered(16 * 24, 'Portland, OR', 'Reno, NV', 'Delivered, in mailbox')),
    order('PS-10018', 'cus-ava', 'fedex', '784512300018', [{ ...ITEMS.dogBed, quantity: 1 }], 8999, null, delivered(45 * 24, 'Portland, OR', 'Columbus, OH')),

    order('PS-10040', 'cus-ben', 'fedex', '784392011540', [{ ...ITEMS.catTree, quantity: 1 }], 12999, 0, [
      ['label_created', 96, 'Shipping label created', 'Columbus, OH'],
      ['in_transit', 88, 'Picked up by carrier', 'Columbus, OH'],
      ['in_transit', 50, 'Arrived at FedEx hub', 'Memphis, TN'],
      ['in_transit', 20, 'At local FedEx facility', 'Austin, TX'],
      ['out_for_delivery', 4, 'On FedEx vehicle for delivery', 'Austin, TX'],
    ]),
    order('PS-10036', 'cus-ben', 'ups', '1Z9A7W430398765436', [{ ...ITEMS.fishFlakes, quantity: 3 }, { ...ITEMS.birdSeed, quantity: 1 }], 4185, null, [
      ['label_created', 170, 'Shipping label created', 'Reno, NV'],
      ['in_transit', 160, 'Picked up by carrier', 'Reno, NV'],
      ['in_transit', 110, 'Arrived at facility', 'Phoenix, AZ'],
      ['exception', 30, 'Package damaged in transit; the carrier is returning it to the sender', 'Phoenix, AZ'],
    ]),
    order('PS-10027', 'cus-ben', 'usps', '9400111899562537100027', [{ ...ITEMS.leash, quantity: 2 }], 3198, null, delivered(22 * 24, 'Austin, TX', 'Reno, NV')),

    order('PS-10044', 'cus-chloe', 'fedex', '784392011544', [{ ...ITEMS.litter, quantity: 2 }], 5398, 4, [['label_created', 3, 'Shipping label created; waiting for carrier pickup', 'Columbus, OH']]),
    order('PS-10039', 'cus-chloe', 'usps', '9400111899562537100039', [{ ...ITEMS.hay, quantity: 2 }], 2798, 3, [
      ['label_created', 140, 'Shipping label created', 'Reno, NV'],
      ['in_transit', 130, 'Accepted at USPS origin facility', 'Reno, NV'],
      ['in_transit', 80, 'Arrived at USPS regional facility', 'Denver, CO'],
      ['delayed', 26, 'Weather delay: winter storm in the Denver area; delivery expected in 3 days', 'Denver, CO'],
    ]),
    order('PS-10026', 'cus-chloe', 'ups', '1Z9A7W430355500026', [{ ...ITEMS.wetCatFood, quantity: 2 }], 6598, null, delivered(28 * 24, 'Boulder, CO', 'Reno, NV')),

    order('PS-10038', 'cus-diego', 'ups', '1Z9A7W430366600038', [{ ...ITEMS.kibble, quantity: 2 }], 11998, null, delivered(80, 'Miami, FL', 'Columbus, OH', 'Delivered, left with front desk')),
    order('PS-10030', 'cus-diego', 'usps', '9400111899562537100030', [{ ...ITEMS.leash, quantity: 1 }], 1599, null, [
      ['label_created', 300, 'Shipping label created', 'Columbus, OH'],
      ['in_transit', 290, 'Accepted at USPS origin facility', 'Columbus, OH'],
      ['in_transit', 200, 'Arrived at USPS regional facility', 'Orlando, FL'],
      ['returned', 100, 'Returned to sender: address not found', 'Orlando, FL'],
    ]),
    order('PS-10023', 'cus-diego', 'fedex', '784512300023', [{ ...ITEMS.chews, quantity: 4 }], 5196, null, delivered(38 * 24, 'Miami, FL', 'Columbus, OH')),

    order('PS-10045', 'cus-emma', 'ups', '1Z9A7W430377700045', [{ ...ITEMS.birdSeed, quantity: 2 }, { ...ITEMS.fishFlakes, quantity: 1 }], 3897, 3, [
      ['label_created', 44, 'Shipping label created', 'Columbus, OH'],
      ['in_transit', 36, 'Picked up by carrier', 'Columbus, OH'],
      ['in_transit', 12, 'Arrived at facility', 'Chicago, IL'],
    ]),
    order('PS-10041', 'cus-emma', 'fedex', '784392011541', [{ ...ITEMS.dogBed, quantity: 1 }], 8999, 1, [
      ['label_created', 120, 'Shipping label created', 'Columbus, OH'],
      ['in_transit', 110, 'Picked up by carrier', 'Columbus, OH'],
      ['out_for_delivery', 30, 'On FedEx vehicle for delivery', 'Milwaukee, WI'],
      ['attempt_failed', 24, 'Delivery attempted: nobody available to sign; next attempt tomorrow', 'Milwaukee, WI'],
    ]),
    order('PS-10033', 'cus-emma', 'usps', '9400111899562537100033', [{ ...ITEMS.litter, quantity: 1 }], 2699, null, delivered(15 * 24, 'Milwaukee, WI', 'Reno, NV', 'Delivered, parcel locker')),
  ];
}

/** Seeds the demo orders (see {@link demoOrders}) with their customer and tracking-number indexes. */
export async function seedShipping(store: DocStore, clock: Clock): Promise<void> {
  const writes = orderWrites(demoOrders(clock));
  await store.transact(
    writes.map((w) => w.key),
    () => ({ writes, result: null }),
  );
}
