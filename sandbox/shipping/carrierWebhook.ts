import type { Request } from 'express';
import type { Carrier, CarrierEvent, CarrierEventAck, ShipmentEvent } from '../../contracts/shipping';
import { AppError, serviceUnavailable } from '../../platform/errors';
import { idempotentWrite, type StoredResponse } from '../http/idempotency';
import type { SandboxContext } from '../sandboxContext';
import { applyCarrierEvent } from './applyCarrierEvent';
import { CARRIER_EVENT_TTL_SECONDS, carrierEventKey, orderKey, trackingKey, type CarrierEventRecord, type OrderRecord } from './orderStore';

const unknownTrackingNumber = (carrier: string) =>
  new AppError(404, 'unknown_tracking_number', `No ${carrier} shipment of this shop has that tracking number.`);

/**
 * Receives one (already signature-checked) carrier event.
 *
 * The order update and the event's dedupe record commit in one transaction, so a redelivered
 * event id is answered `duplicate: true` and applies nothing. The stream event is published
 * after that commit (never for an uncommitted change) and the dedupe record then marked
 * published; if publishing fails the carrier gets a 503 and its redelivery — a duplicate —
 * publishes it then. Delivery to the stream is thereby at-least-once; consumers dedupe by
 * carrier + event id.
 */
export async function receiveCarrierEvent(
  ctx: SandboxContext,
  req: Request,
  carrier: Carrier,
  incoming: CarrierEvent,
): Promise<StoredResponse & { replayed: boolean }> {
  const index = await ctx.store.get<{ orderId: string }>(trackingKey(carrier, incoming.trackingNumber));
  if (!index) throw unknownTrackingNumber(carrier);
  const oKey = orderKey(index.value.orderId);
  const eKey = carrierEventKey(carrier, incoming.eventId);
  const ack = (duplicate: boolean, statusChanged: boolean): StoredResponse => ({
    status: 200,
    body: { eventId: incoming.eventId, duplicate, statusChanged } satisfies CarrierEventAck,
  });

  const out = await idempotentWrite(ctx, req, [oKey, eKey], (read) => {
    if (read<CarrierEventRecord>(eKey)) return { response: ack(true, false) };
    const order = read<OrderRecord>(oKey)?.value;
    if (!order) return { error: unknownTrackingNumber(carrier) };
    const applied = applyCarrierEvent(order, incoming);
    if (applied.duplicate) return { response: ack(true, false) };
    const event: ShipmentEvent = {
      type: 'shipment.status',
      eventId: incoming.eventId,
      orderId: order.id,
      customerId: order.customerId,
      carrier,
      trackingNumber: order.trackingNumber,
      status: applied.event.status,
      statusChanged: applied.statusChanged,
      occurredAt: applied.event.occurredAt,
      description: applied.event.description,
      location: applied.event.location,
      eta: applied.order.eta,
    };
    const record: CarrierEventRecord = { orderId: order.id, receivedAt: ctx.clock.now().toISOString(), event, published: false };
    return {
      writes: [
        { key: oKey, value: applied.order },
        { key: eKey, value: record, ttlSeconds: CARRIER_EVENT_TTL_SECONDS },
      ],
      response: ack(false, applied.statusChanged),
    };
  });
  await ensurePublished(ctx, eKey);
  return out;
}

/** Publishes a committed event that is not on the stream yet, then marks it published. */
async function ensurePublished(ctx: SandboxContext, eKey: string): Promise<void> {
  const record = (await ctx.store.get<CarrierEventRecord>(eKey))?.value;
  if (!record || record.published) return;
  try {
    await ctx.shipmentEvents.publish(record.event);
  } catch (err) {
    ctx.logger.warn({ err: (err as Error).message, eventId: record.event.eventId, carrier: record.event.carrier }, 'shipment event not published yet');
    throw serviceUnavailable('The event was recorded but could not be forwarded yet; deliver it again (it will be acknowledged as a duplicate and forwarded).');
  }
  await ctx.store.transact([eKey], (read) => {
    const current = read<CarrierEventRecord>(eKey)?.value;
    if (!current || current.published) return { result: null };
    return { writes: [{ key: eKey, value: { ...current, published: true }, ttlSeconds: CARRIER_EVENT_TTL_SECONDS }], result: null };
  });
}
