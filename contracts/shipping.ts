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
    /** Where the carrier scanned it, when it says (absent in events published before it was added). */
    location: z.string().nullable().optional(),
    /** The order's expected delivery day after this event. */
    eta: isoDate.nullable(),
  })
  .openapi('ShipmentEvent');
export type ShipmentEvent = z.infer<typeof ShipmentEvent>;

// ── Anonymous order lookup: an order number plus the ZIP code or e-mail on the order ──────

/** A US ZIP code as written on the shipping address: `97205` or `97205-1234`. */
export const zipCode = z.string().trim().regex(/^\d{5}(?:-\d{4})?$/, 'must be a 5-digit ZIP code (or ZIP+4)').openapi({ example: '97205' });

/**
 * What a visitor who is not signed in proves an order is theirs with: its number and either
 * the ZIP code it ships to or the e-mail address it was placed with (sent in the body, never
 * in a URL: both are personal data).
 */
export const OrderLookupRequest = z
  .object({
    orderId,
    zip: zipCode.optional(),
    email: z.string().trim().toLowerCase().pipe(z.email().max(254)).optional().openapi({ type: 'string', format: 'email', maxLength: 254, example: 'ava@example.com' }),
  })
  .strict()
  .refine((r) => (r.zip === undefined) !== (r.email === undefined), { message: 'give either zip or email (exactly one)', path: ['zip'] })
  .openapi('OrderLookupRequest');
export type OrderLookupRequest = z.infer<typeof OrderLookupRequest>;

/** What an anonymous lookup shows: the tracking details, when it was placed and what is in it (no customer id). */
export const OrderLookupResult = Tracking.extend({
  placedAt: isoDateTime,
  items: z.array(z.object({ name: z.string(), quantity: z.number().int().min(1) })),
}).openapi('OrderLookupResult');
export type OrderLookupResult = z.infer<typeof OrderLookupResult>;

/**
 * Failed lookups allowed per order number, and per ZIP code or e-mail, within one window
 * before the lookup answers 429 `too_many_attempts` (with `Retry-After`). Unknown order numbers
 * count alike, so the limit reveals nothing about which orders exist.
 */
export const ORDER_LOOKUP_MAX_FAILURES = 5;
export const ORDER_LOOKUP_WINDOW_SECONDS = 15 * 60;
