import type { CancelReason, Subscription } from '../../contracts/subscriptions';
import type { DocStore } from '../../platform/store/docStore';
import { addDays, isoDay, type Clock } from '../clock';
import { customerSubscriptionsKey, subscriptionWrites } from './subscriptionStore';

interface SeedSubscription {
  id: string;
  customerId: string;
  sku: string;
  name: string;
  quantity: number;
  frequencyWeeks: number;
  /** Days from today. */
  nextInDays: number;
  paused?: { untilInDays: number };
  cancelled?: { daysAgo: number; reason: CancelReason; comment?: string };
}

/**
 * The demo subscriptions. Product names are distinct enough for a customer to name one
 * ("the cat litter one"). cus-diego has none.
 */
export const SEED_SUBSCRIPTIONS: readonly SeedSubscription[] = [
  { id: 'sub-ava-1', customerId: 'cus-ava', sku: 'DOG-SALMON-GF-24', name: 'Grain-Free Salmon Dog Food 24 lb', quantity: 1, frequencyWeeks: 4, nextInDays: 5 },
  { id: 'sub-ava-2', customerId: 'cus-ava', sku: 'FLEA-TICK-CHEW-6', name: 'Flea & Tick Chews 6-pack', quantity: 1, frequencyWeeks: 12, nextInDays: 23 },
  { id: 'sub-ben-1', customerId: 'cus-ben', sku: 'CAT-LITTER-CLUMP-40', name: 'Clumping Cat Litter 40 lb', quantity: 2, frequencyWeeks: 2, nextInDays: 3 },
  { id: 'sub-ben-2', customerId: 'cus-ben', sku: 'CAT-FOOD-INDOOR-12', name: 'Indoor Cat Food 12 lb', quantity: 1, frequencyWeeks: 4, nextInDays: 21, paused: { untilInDays: 21 } },
  {
    id: 'sub-ben-3',
    customerId: 'cus-ben',
    sku: 'CAT-TREAT-SALMON',
    name: 'Salmon Cat Treats',
    quantity: 3,
    frequencyWeeks: 3,
    nextInDays: 0,
    cancelled: { daysAgo: 30, reason: 'too_much_product', comment: 'We have a cupboard full of them.' },
  },
  { id: 'sub-chloe-1', customerId: 'cus-chloe', sku: 'PUPPY-KIBBLE-15', name: 'Puppy Kibble 15 lb', quantity: 1, frequencyWeeks: 3, nextInDays: 9 },
  { id: 'sub-emma-1', customerId: 'cus-emma', sku: 'BIRD-SEED-WILD-20', name: 'Wild Bird Seed Mix 20 lb', quantity: 1, frequencyWeeks: 6, nextInDays: 12 },
  { id: 'sub-emma-2', customerId: 'cus-emma', sku: 'DOG-DENTAL-CHEW-30', name: 'Dental Dog Chews 30-count', quantity: 2, frequencyWeeks: 4, nextInDays: 2 },
];

const SEEDED_CUSTOMERS = ['cus-ava', 'cus-ben', 'cus-chloe', 'cus-diego', 'cus-emma'];

/** Builds the seed subscriptions with dates relative to `now`. */
export function seedSubscriptionRecords(now: Date): Subscription[] {
  const today = isoDay(now);
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString();
  return SEED_SUBSCRIPTIONS.map((s) => ({
    id: s.id,
    customerId: s.customerId,
    product: { sku: s.sku, name: s.name },
    quantity: s.quantity,
    frequencyWeeks: s.frequencyWeeks,
    nextDeliveryDate: s.cancelled ? null : addDays(today, s.nextInDays),
    status: s.cancelled ? 'cancelled' : s.paused ? 'paused' : 'active',
    pausedUntil: s.paused ? addDays(today, s.paused.untilInDays) : null,
    cancelledAt: s.cancelled ? at(s.cancelled.daysAgo) : null,
    cancelReason: s.cancelled?.reason ?? null,
    cancelComment: s.cancelled?.comment ?? null,
    version: 1,
    updatedAt: at(s.cancelled?.daysAgo ?? 10),
  }));
}

/** Seeds the subscriptions demo data (and an empty index for customers without any), relative to the clock's today. */
export async function seedSubscriptions(store: DocStore, clock: Clock): Promise<void> {
  const subs = seedSubscriptionRecords(clock.now());
  const writes = subscriptionWrites(subs);
  for (const customerId of SEEDED_CUSTOMERS) {
    if (!subs.some((s) => s.customerId === customerId)) writes.push({ key: customerSubscriptionsKey(customerId), value: [] });
  }
  await store.transact(
    writes.map((w) => w.key),
    () => ({ writes, result: null }),
  );
}
