import { cents, customerId, isoDate, isoDateTime, z } from './z';

/**
 * Where a shipment is. `exception`, `attempt_failed` (the carrier could not deliver and will try
 * again or hold it), `returned` (on its way back to us) and `delayed` are the ones a customer
 * needs to hear about first ({@link NEEDS_ATTENTION}).
 */
export const ShipmentStatus = z.enum(['label_created', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'delayed', 'attempt_failed', 'returned']);
export type ShipmentStatus = z.infer<typeof ShipmentStatus>;

/** Statuses that mean a problem or a delay, most serious first. */
export const NEEDS_ATTENTION: readonly ShipmentStatus[] = ['exception', 'returned', 'attempt_failed', 'delayed'];
export const Carrier = z.enum(['ups', 'fedex', 'usps']);
export type Carrier = z.infer<typeof Carrier>;

/** An order id as printed on the confirmation e-mail, e.g. `PS-10042`. */
export const orderId = z.string().regex(/^[A-Za-z0-9-]{1,40}$/).openapi({ example: 'PS-10042' });

/** One scan or status report of a carrier. */
export const TrackingEvent = z
  .object({
    /** The carrier's event id (unique per carrier). */
    id: z.string(),
    status: ShipmentStatus,
    description: z.string(),
    location: z.string().nullable(),
    occurredAt: isoDateTime,
  })
  .openapi('TrackingEvent');
export type TrackingEvent = z.infer<typeof TrackingEvent>;

export const Order = z
  .object({
    id: orderId,
    customerId,
    placedAt: isoDateTime,
    items: z.array(z.object({ sku: z.string(), name: z.string(), quantity: z.number().int().min(1) })),
    totalCents: cents,
    carrier: Carrier,
    trackingNumber: z.string(),
    /** The status of the latest carrier event (by `occurredAt`). */
    status: ShipmentStatus,
    /** Expected delivery day; null once delivered or when the carrier gives none. */
    eta: isoDate.nullable(),
  })
  .openapi('Order');
export type Order = z.infer<typeof Order>;

export const OrderListQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(50).default(20).openapi({ description: 'Most recent orders to return (default 20)' }) })
  .strict();
export type OrderListQuery = z.infer<typeof OrderListQuery>;

/** A customer's orders, newest first (by `placedAt`). */
export const OrderList = z.object({ orders: z.array(Order) }).openapi('OrderList');
export type OrderList = z.infer<typeof OrderList>;

export const Tracking = z
  .object({
    orderId,
    carrier: Carrier,
    trackingNumber: z.string(),
    status: ShipmentStatus,
    eta: isoDate.nullable(),
    /** Oldest first (by `occurredAt`), including events that arrived late. */
    events: z.array(TrackingEvent),
  })
  .openapi('Tracking');
export type Tracking = z.infer<typeof Tracking>;

/**
 * What a carrier POSTs to `/v1/carriers/{carrier}/webhooks`, signed with
 * `X-Carrier-Signature: sha256=<hex HMAC-SHA256 of the raw body with the carrier's secret>`.
 */
export const CarrierEvent = z
  .object({
    /** Unique per carrier; a redelivered event id is acknowledged and ignored. */
    eventId: z.string().min(1).max(100),
    trackingNumber: z.string().min(1).max(60),
    status: ShipmentStatus,
    occurredAt: isoDateTime,
    description: z.string().max(300).optional(),
    location: z.string().max(120).optional(),
    /** New expected delivery day, when the carrier has one. */
    eta: isoDate.optional(),
  })
  .openapi('CarrierEvent');
export type CarrierEvent = z.infer<typeof CarrierEvent>;

export const CarrierEventAck = z
  .object({
    eventId: z.string(),
    /** true when this event id was already received: nothing was applied or published again. */
    duplicate: z.boolean(),
    /**
     * true when the event moved the order to another status. false when it is a duplicate, when it
     * is older than the order's latest event (kept in history, status unchanged) or repeats the status.
     */
    statusChanged: z.boolean(),
  })
  .openapi('CarrierEventAck');
export type CarrierEventAck = z.infer<typeof CarrierEventAck>;

/**
 * Published on the internal event stream for every accepted (non-duplicate) carrier event,
 * after it is committed. Delivery is at-least-once: consumers dedupe by `carrier` + `eventId`.
 */
export const ShipmentEvent = z
  .object({
    type: z.literal('shipment.status'),
    eventId: z.string(),
    orderId,
    customerId,
    carrier: Carrier,
    trackingNumber: z.string(),
    /** The event's own status (the order's status only when `statusChanged`). */
    status: ShipmentStatus,
    /** Did this event change the order's status? Notify the customer only then. */
    statusChanged: z.boolean(),
    occurredAt: isoDateTime,
    description: z.string().nullable(),
    /** The order's expected delivery day after this event. */
    eta: isoDate.nullable(),
  })
  .openapi('ShipmentEvent');
export type ShipmentEvent = z.infer<typeof ShipmentEvent>;
