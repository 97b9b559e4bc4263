import type { Subscription } from '../../contracts/subscriptions';
import { notFound } from '../../platform/errors';
import type { DocStore, DocWrite } from '../../platform/store/docStore';
import { addDays } from '../clock';

export const subscriptionKey = (id: string) => `subscription:${id}`;
/** Per-customer index: the ids of the customer's subscriptions, oldest first. */
export const customerSubscriptionsKey = (customerId: string) => `subscriptions:customer:${customerId}`;
/** Every subscription id, sorted (the upcoming-deliveries look-up pages through it). */
export const ALL_SUBSCRIPTIONS_KEY = 'subscriptions:all';

/** The same 404 whether the subscription is missing or belongs to someone else (no enumeration). */
export const subscriptionNotFound = (customerId: string, id: string) => notFound(`Customer ${customerId} has no subscription ${id}.`);

/**
 * The subscription as it stands on `today`: a pause whose end has come reads as active, and
 * an active schedule whose date has passed reads as the next date to come (those deliveries
 * happened). Stored documents change only on writes, so this is applied on every read and
 * before every write.
 */
export function asOf(sub: Subscription, today: string): Subscription {
  let s = sub;
  if (s.status === 'paused' && s.pausedUntil !== null && s.pausedUntil <= today) s = { ...s, status: 'active', pausedUntil: null };
  if (s.status === 'active' && s.nextDeliveryDate !== null && s.nextDeliveryDate < today) {
    let next = s.nextDeliveryDate;
    while (next < today) next = addDays(next, s.frequencyWeeks * 7);
    s = { ...s, nextDeliveryDate: next };
  }
  return s;
}

/** The customer's subscriptions (index order) as of `today`. */
export async function listSubscriptions(store: DocStore, customerId: string, today: string): Promise<Subscription[]> {
  const ids = (await store.get<string[]>(customerSubscriptionsKey(customerId)))?.value ?? [];
  const docs = await store.getMany<Subscription>(ids.map(subscriptionKey));
  return docs.flatMap((d) => (d && d.value.customerId === customerId ? [asOf(d.value, today)] : []));
}

/** One subscription of the customer as of `today`, or 404. */
export async function requireSubscription(store: DocStore, customerId: string, id: string, today: string): Promise<Subscription> {
  const doc = await store.get<Subscription>(subscriptionKey(id));
  if (!doc || doc.value.customerId !== customerId) throw subscriptionNotFound(customerId, id);
  return asOf(doc.value, today);
}

/** Writes that create subscriptions and their customers' indexes (seeding; replaces those indexes). */
export function subscriptionWrites(subs: Subscription[]): DocWrite[] {
  const byCustomer = new Map<string, string[]>();
  for (const s of subs) byCustomer.set(s.customerId, [...(byCustomer.get(s.customerId) ?? []), s.id]);
  return [
    ...subs.map((s) => ({ key: subscriptionKey(s.id), value: s })),
    ...[...byCustomer].map(([customerId, ids]) => ({ key: customerSubscriptionsKey(customerId), value: ids })),
    { key: ALL_SUBSCRIPTIONS_KEY, value: subs.map((s) => s.id).sort() },
  ];
}
