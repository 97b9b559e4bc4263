import type { Customer } from '../../contracts/customers';
import { notFound } from '../../platform/errors';
import type { DocStore, DocWrite } from '../../platform/store/docStore';

/** A customer's record, including the store credit that gift cards and rewards pay into. */
export interface CustomerRecord extends Customer {
  email: string;
  storeCreditCents: number;
}

export const customerKey = (id: string) => `customer:${id}`;
export const CUSTOMER_INDEX = 'customers:index';

/** Loads a customer or throws 404 (the same answer for "no such customer" everywhere). */
export async function requireCustomer(store: DocStore, id: string): Promise<CustomerRecord> {
  const doc = await store.get<CustomerRecord>(customerKey(id));
  if (!doc) throw notFound(`There is no customer ${id}.`);
  return doc.value;
}

export async function listCustomers(store: DocStore): Promise<CustomerRecord[]> {
  const ids = (await store.get<string[]>(CUSTOMER_INDEX))?.value ?? [];
  return (await store.getMany<CustomerRecord>(ids.map(customerKey))).flatMap((d) => (d ? [d.value] : []));
}

/** Writes that create customers and the index (seeding). */
export function customerWrites(customers: CustomerRecord[]): DocWrite[] {
  return [...customers.map((c) => ({ key: customerKey(c.id), value: c })), { key: CUSTOMER_INDEX, value: customers.map((c) => c.id) }];
}
