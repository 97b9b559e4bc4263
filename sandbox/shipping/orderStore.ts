import type { Order, ShipmentEvent, Tracking, TrackingEvent } from '../../contracts/shipping';
import type { DocStore, DocWrite } from '../../platform/store/docStore';

/** An order as stored: the public {@link Order} plus its carrier events, oldest first. */
export interface OrderRecord extends Order {
  events: TrackingEvent[];
}

/** Dedupe record of one carrier event id, written in the same transaction as the order update. */
export interface CarrierEventRecord {
  orderId: string;
  receivedAt: string;
  /** What goes on the event stream; `published` flips once it is there (publish-after-commit). */
  event: ShipmentEvent;
  published: boolean;
}

export const orderKey = (orderId: string) => `order:${orderId}`;
export const customerOrdersKey = (customerId: string) => `orders:customer:${customerId}`;
/** Tracking number → order id; tracking numbers are unique per carrier only. */
export const trackingKey = (carrier: string, trackingNumber: string) => `tracking:${carrier}:${trackingNumber}`;
export const carrierEventKey = (carrier: string, eventId: string) => `carrier-event:${carrier}:${eventId}`;
/** Carriers redeliver for days at most; the order's own history still catches older repeats. */
export const CARRIER_EVENT_TTL_SECONDS = 30 * 24 * 60 * 60;

export function toOrder({ events: _events, ...order }: OrderRecord): Order {
  return order;
}

export function toTracking(r: OrderRecord): Tracking {
  return { orderId: r.id, carrier: r.carrier, trackingNumber: r.trackingNumber, status: r.status, eta: r.eta, events: r.events };
}

/** A customer's orders, newest first. */
export async function listCustomerOrders(store: DocStore, customerId: string): Promise<OrderRecord[]> {
  const ids = (await store.get<string[]>(customerOrdersKey(customerId)))?.value ?? [];
  const docs = await store.getMany<OrderRecord>(ids.map(orderKey));
  return docs.flatMap((d) => (d ? [d.value] : [])).sort((a, b) => Date.parse(b.placedAt) - Date.parse(a.placedAt));
}

/** Writes that create orders with their customer and tracking-number indexes (seeding). */
export function orderWrites(orders: OrderRecord[]): DocWrite[] {
  const byCustomer = new Map<string, string[]>();
  for (const o of orders) byCustomer.set(o.customerId, [...(byCustomer.get(o.customerId) ?? []), o.id]);
  return [
    ...orders.map((o) => ({ key: orderKey(o.id), value: o })),
    ...orders.map((o) => ({ key: trackingKey(o.carrier, o.trackingNumber), value: { orderId: o.id } })),
    ...[...byCustomer].map(([customerId, ids]) => ({ key: customerOrdersKey(customerId), value: ids })),
  ];
}
