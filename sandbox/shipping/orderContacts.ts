import type { DocStore, DocWrite } from '../../platform/store/docStore';
import type { Clock } from '../clock';
import { DEMO_CUSTOMERS } from '../customers/demoCustomers';
import { demoOrders } from './shippingSeed';

/** Who an order was placed by and where it ships: what an anonymous visitor proves it is theirs with. */
export interface OrderContact {
  /** 5-digit ZIP code of the shipping address. */
  zip: string;
  /** The e-mail address the order was placed with. */
  email: string;
}

/** Kept apart from the order record: the order API never shows these, only the lookup compares them. */
export const orderContactKey = (orderId: string) => `order-contact:${orderId.toUpperCase()}`;

/** Where each demo customer lives (their orders ship there). */
export const DEMO_ZIP_CODES: Readonly<Record<string, string>> = {
  'cus-ava': '97205', // Portland, OR
  'cus-ben': '78701', // Austin, TX
  'cus-chloe': '80302', // Boulder, CO
  'cus-diego': '33131', // Miami, FL
  'cus-emma': '53202', // Milwaukee, WI
};

/** Writes that give every demo order its shipping ZIP and the customer's e-mail (seeding). */
export function demoOrderContactWrites(clock: Clock): DocWrite[] {
  const emails = new Map(DEMO_CUSTOMERS.map((c) => [c.id, c.email]));
  return demoOrders(clock).flatMap((o) => {
    const zip = DEMO_ZIP_CODES[o.customerId];
    const email = emails.get(o.customerId);
    return zip && email ? [{ key: orderContactKey(o.id), value: { zip, email } satisfies OrderContact }] : [];
  });
}

export async function seedOrderContacts(store: DocStore, clock: Clock): Promise<void> {
  const writes = demoOrderContactWrites(clock);
  await store.transact(
    writes.map((w) => w.key),
    () => ({ writes, result: null }),
  );
}
