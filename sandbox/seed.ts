import type { DocStore } from '../platform/store/docStore';
import type { Clock } from './clock';
import { customerWrites, CUSTOMER_INDEX } from './customers/customerStore';
import { DEMO_CUSTOMERS } from './customers/demoCustomers';
import { seedGiftCards } from './giftCards/giftCardSeed';
import { seedRewards } from './rewards/rewardSeed';
import { seedOrderContacts } from './shipping/orderContacts';
import { seedShipping } from './shipping/shippingSeed';
import { seedSubscriptions } from './subscriptions/subscriptionSeed';

/**
 * Loads the demo data (customers, subscriptions, orders in every shipping state, gift cards,
 * rewards ledgers) unless the store already has customers. Dates are relative to `clock`.
 */
export async function seedSandbox(store: DocStore, clock: Clock): Promise<boolean> {
  if (await store.get(CUSTOMER_INDEX)) return false;
  const writes = customerWrites(DEMO_CUSTOMERS.map((c) => ({ ...c, storeCreditCents: 0 })));
  await store.transact(
    writes.map((w) => w.key),
    () => ({ writes, result: null }),
  );
  await seedSubscriptions(store, clock);
  await seedShipping(store, clock);
  await seedOrderContacts(store, clock);
  await seedGiftCards(store, clock);
  await seedRewards(store, clock);
  return true;
}
