import type { CarrierEvent, ShipmentStatus, TrackingEvent } from '../../contracts/shipping';
import type { OrderRecord } from './orderStore';

const DEFAULT_DESCRIPTION: Record<ShipmentStatus, string> = {
  label_created: 'Shipping label created',
  in_transit: 'In transit',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  exception: 'Delivery exception',
  delayed: 'Delayed',
  attempt_failed: 'Delivery attempted; nobody available',
  returned: 'Returned to sender',
};

export type AppliedCarrierEvent =
  | { duplicate: true }
  | { duplicate: false; order: OrderRecord; event: TrackingEvent; statusChanged: boolean };

/**
 * Applies one carrier event to an order (pure). The event joins the history in time order; it
 * sets status and ETA only when it is at least as recent as the latest event already known, so a
 * late-arriving old scan never moves a shipment backwards. Delivery clears the ETA. An event id
 * already in the history is a duplicate.
 */
export function applyCarrierEvent(order: OrderRecord, incoming: CarrierEvent): AppliedCarrierEvent {
  if (order.events.some((e) => e.id === incoming.eventId)) return { duplicate: true };
  const event: TrackingEvent = {
    id: incoming.eventId,
    status: incoming.status,
    description: incoming.description ?? DEFAULT_DESCRIPTION[incoming.status],
    location: incoming.location ?? null,
    occurredAt: new Date(incoming.occurredAt).toISOString(),
  };
  const at = Date.parse(event.occurredAt);
  const latest = order.events.at(-1);
  const isLatest = !latest || at >= Date.parse(latest.occurredAt);
  // Insert after every event at or before this instant: equal timestamps keep arrival order.
  const index = order.events.findIndex((e) => Date.parse(e.occurredAt) > at);
  const events = index === -1 ? [...order.events, event] : [...order.events.slice(0, index), event, ...order.events.slice(index)];
  if (!isLatest) return { duplicate: false, order: { ...order, events }, event, statusChanged: false };
  const eta = incoming.status === 'delivered' ? null : (incoming.eta ?? order.eta);
  return { duplicate: false, order: { ...order, events, status: incoming.status, eta }, event, statusChanged: incoming.status !== order.status };
}
