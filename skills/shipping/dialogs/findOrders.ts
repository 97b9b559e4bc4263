import { NEEDS_ATTENTION, type Order, type Tracking } from '../../../contracts/shipping';
import type { Recognition } from '../../../nlu/recognizer';
import { addDays } from '../../../platform/dates';
import type { SkillServices } from '../../shared/skillServices';
import { slots } from '../../shared/slots';
import { matchOrders } from '../matchOrders';

/** How recent a delivered order must be to still count in "where are my orders?". */
const RECENT_DAYS = 14;

/** What a message asks about: one order (by number, or the one its words name), several, or none named. */
export type OrderTarget =
  | { kind: 'number'; orderId: string }
  | { kind: 'one'; order: Order; orders: Order[] }
  | { kind: 'several'; matches: Order[]; orders: Order[] }
  | { kind: 'unmatched'; orders: Order[] }
  | { kind: 'none'; orders: Order[] };

/** Reads which order(s) a message means, looking up the customer's orders when it gives no number. */
export async function findOrders(services: SkillServices, customerId: string, r: Pick<Recognition, 'text' | 'entities'>, today: string): Promise<OrderTarget> {
  const orderId = slots.orderNumber(r);
  if (orderId) return { kind: 'number', orderId };
  const orders = await services.shipping.listOrders(customerId, { limit: 20 });
  const reading = matchOrders(r.text, orders, today, slots.date(r));
  if (reading.matches.length === 1) return { kind: 'one', order: reading.matches[0]!, orders };
  if (reading.matches.length > 1) return { kind: 'several', matches: reading.matches, orders };
  return reading.unmatched ? { kind: 'unmatched', orders } : { kind: 'none', orders };
}

/** The orders "where are my orders?" is about: not delivered yet, or placed recently. */
export function openOrders(orders: Order[], today: string): Order[] {
  const since = addDays(today, -RECENT_DAYS);
  return orders.filter((o) => o.status !== 'delivered' || o.placedAt.slice(0, 10) >= since);
}

/** Orders with their tracking, the ones with a problem first (most serious first), then newest first. */
export async function withTracking(services: SkillServices, customerId: string, orders: Order[]): Promise<{ order: Order; tracking: Tracking }[]> {
  const rows = await Promise.all(orders.map(async (order) => ({ order, tracking: await services.shipping.tracking(customerId, order.id) })));
  const rank = (s: Tracking['status']) => {
    const i = NEEDS_ATTENTION.indexOf(s);
    return i === -1 ? NEEDS_ATTENTION.length : i;
  };
  // Array.prototype.sort is stable: within a rank, the API's newest-first order stays.
  return rows.sort((a, b) => rank(a.tracking.status) - rank(b.tracking.status));
}

/** Asks about several orders at once ("where are my orders?", "all my packages"). */
export const asksAboutSeveral = (text: string): boolean => /\b(?:orders|packages|parcels|deliveries|shipments|boxes|all\s+(?:of\s+)?my|everything)\b/i.test(text);
