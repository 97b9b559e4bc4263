import type { ShipmentEvent, ShipmentStatus } from '../../contracts/shipping';
import { isoDay } from '../../platform/dates';
import type { Notice } from './notice';
import { CARRIER_NAMES, proactiveReplies } from './proactiveReplies';

/** The milestones a customer hears about; other scans (label created, in transit) are not sent. */
export const MILESTONES: ReadonlySet<ShipmentStatus> = new Set(['out_for_delivery', 'delivered', 'delayed', 'exception', 'attempt_failed', 'returned']);

/** Stream dedupe key of a carrier event (carrier event ids are unique per carrier). */
export const shipmentNoticeKey = (e: Pick<ShipmentEvent, 'carrier' | 'eventId'>) => `shipment:${e.carrier}:${e.eventId}`;

/**
 * The customer message for a carrier event, or undefined when it is not a milestone or did not
 * change the order's status (a late, older scan never contradicts what the customer was told).
 */
export function shipmentNotice(e: ShipmentEvent, now: Date): Notice | undefined {
  if (!e.statusChanged || !MILESTONES.has(e.status)) return undefined;
  const base = { key: shipmentNoticeKey(e), kind: 'shipment' as const, customerId: e.customerId, thread: { id: `order:${e.orderId}`, at: e.occurredAt } };
  const what = (e.description ?? e.status.replace(/_/g, ' ')).replace(/[.\s]+$/, '');
  const lower = what.charAt(0).toLowerCase() + what.slice(1);
  switch (e.status) {
    case 'out_for_delivery':
      return { ...base, text: proactiveReplies.outForDelivery(e.orderId, CARRIER_NAMES[e.carrier] ?? e.carrier), buttons: [] };
    case 'delivered': {
      const scan = [what, e.location].filter(Boolean).join(', ');
      return {
        ...base,
        text: proactiveReplies.delivered(e.orderId, scan),
        buttons: [{ title: "It's not here", intent: 'shipping.problem', text: `My order ${e.orderId} says delivered but it's not here` }],
      };
    }
    case 'delayed':
      return { ...base, text: proactiveReplies.delayed(e.orderId, lower, e.eta, isoDay(now)), buttons: [] };
    default:
      return {
        ...base,
        text: proactiveReplies.exception(e.orderId, lower),
        buttons: [
          { title: 'Report a problem', intent: 'shipping.problem', text: `Report a problem with order ${e.orderId}` },
          { title: 'Talk to a person', intent: 'agent.request', text: `Talk to a person about order ${e.orderId}` },
        ],
      };
  }
}
