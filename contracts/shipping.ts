import { cents, customerId, isoDate, isoDateTime, z } from './z';

export const ShipmentStatus = z.enum(['label_created', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'delayed']);
export type ShipmentStatus = z.infer<typeof ShipmentStatus>;
export const Carrier = z.enum(['ups', 'fedex', 'usps']);
export type Carrier = z.infer<typeof Carrier>;

export const TrackingEvent = z
  .object({ id: z.string(), status: ShipmentStatus, description: z.string(), location: z.string().nullable(), occurredAt: isoDateTime })
  .openapi('TrackingEvent');
export type TrackingEvent = z.infer<typeof TrackingEvent>;

export const Order = z
  .object({
    id: z.string().openapi({ example: 'PS-10042' }),
    customerId,
    placedAt: isoDateTime,
    items: z.array(z.object({ sku: z.string(), name: z.string(), quantity: z.number().int().min(1) })),
    totalCents: cents,
    carrier: Carrier,
    trackingNumber: z.string(),
    status: ShipmentStatus,
    eta: isoDate.nullable(),
  })
  .openapi('Order');
export type Order = z.infer<typeof Order>;

export const OrderList = z.object({ orders: z.array(Order) }).openapi('OrderList');
export type OrderList = z.infer<typeof OrderList>;

export const Tracking = z
  .object({
    orderId: z.string(),
    carrier: Carrier,
    trackingNumber: z.string(),
    status: ShipmentStatus,
    eta: isoDate.nullable(),
    /** Oldest first. */
    events: z.array(TrackingEvent),
  })
  .openapi('Tracking');
export type Tracking = z.infer<typeof Tracking>;

/** What a carrier POSTs, signed with `X-Carrier-Signature: sha256=<hex HMAC of the raw body>`. */
export const CarrierEvent = z
  .object({
    eventId: z.string().min(1).max(100),
    trackingNumber: z.string().min(1).max(60),
    status: ShipmentStatus,
    occurredAt: isoDateTime,
    description: z.string().max(300).optional(),
    location: z.string().max(120).optional(),
    eta: isoDate.optional(),
  })
  .openapi('CarrierEvent');
export type CarrierEvent = z.infer<typeof CarrierEvent>;

export const CarrierEventAck = z
  .object({
    eventId: z.string(),
    /** false when this event id was already received (nothing applied again). */
    duplicate: z.boolean(),
    /** false when the event was older than the order's latest status (kept in history, status unchanged). */
    statusChanged: z.boolean(),
  })
  .openapi('CarrierEventAck');
export type CarrierEventAck = z.infer<typeof CarrierEventAck>;

/** Published on the internal event stream for every accepted (non-duplicate) carrier event. */
export const ShipmentEvent = z.object({
  type: z.literal('shipment.status'),
  eventId: z.string(),
  orderId: z.string(),
  customerId,
  carrier: Carrier,
  trackingNumber: z.string(),
  status: ShipmentStatus,
  statusChanged: z.boolean(),
  occurredAt: isoDateTime,
  description: z.string().nullable(),
});
export type ShipmentEvent = z.infer<typeof ShipmentEvent>;
