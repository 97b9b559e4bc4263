import type { ShipmentStatus, Tracking } from '../../contracts/shipping';
import { formatDay } from '../shared/format';

const STATUS: Record<ShipmentStatus, string> = {
  label_created: 'label created (the carrier has not picked it up yet)',
  in_transit: 'in transit',
  out_for_delivery: 'out for delivery today',
  delivered: 'delivered',
  exception: 'held up by a delivery problem',
  delayed: 'delayed',
};
const CARRIER = { ups: 'UPS', fedex: 'FedEx', usps: 'USPS' } as const;

/** What the shipping skill says. */
export const shippingReplies = {
  noOrders: "I don't see any recent orders on your account.",
  tracking: (t: Tracking, order?: { items: readonly { name: string }[] }) => {
    const last = t.events.at(-1);
    const items = order ? ` (${order.items.map((i) => i.name).join(', ')})` : '';
    return (
      `Order **${t.orderId}**${items} is **${STATUS[t.status]}** with ${CARRIER[t.carrier]}, tracking number ${t.trackingNumber}.` +
      (t.status === 'delivered' ? '' : t.eta ? ` Expected ${formatDay(t.eta)}.` : ' The carrier has not given a delivery date yet.') +
      (last ? ` Latest update: ${last.description}${last.location ? `, ${last.location}` : ''} (${formatDay(last.occurredAt.slice(0, 10))}).` : '')
    );
  },
  notYours: (orderId: string) => `I couldn't find order ${orderId} on your account. Please check the number; our order numbers look like PS-10042.`,
  whichOrder: 'Which order is it about?',
  askProblem: 'I am sorry to hear that. What went wrong?',
  askDetails: 'Could you describe it in a sentence or two? (For example what was damaged or missing.)',
  problemNoted: (orderId: string, problem: string) => `Thanks. I've noted: order ${orderId}, ${problem}.`,
  gaveUp: "Let's leave it there for now. Ask me again whenever you're ready.",
};

/** The problem kinds a customer can report, with words for the agent. */
export const PROBLEMS = [
  { title: 'It never arrived', summary: 'lost or never arrived' },
  { title: 'Says delivered, not here', summary: 'marked delivered but not received' },
  { title: 'Damaged', summary: 'arrived damaged' },
  { title: 'Wrong item', summary: 'wrong item received' },
  { title: 'Items missing', summary: 'items missing from the box' },
  { title: 'Something else', summary: 'other delivery problem' },
] as const;
