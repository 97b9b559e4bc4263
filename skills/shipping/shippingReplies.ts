import type { Order, ShipmentStatus, Tracking } from '../../contracts/shipping';
import { formatDay, formatMoney } from '../shared/format';

const STATUS: Record<ShipmentStatus, string> = {
  label_created: 'label created (the carrier has not picked it up yet)',
  in_transit: 'in transit',
  out_for_delivery: 'out for delivery today',
  delivered: 'delivered',
  exception: 'held up by a delivery problem',
  delayed: 'delayed',
  attempt_failed: 'not delivered yet: the carrier tried and could not deliver it',
  returned: 'on its way back to us (returned by the carrier)',
};
const CARRIER = { ups: 'UPS', fedex: 'FedEx', usps: 'USPS' } as const;

const itemsOf = (o: Order) => o.items.map((i) => (i.quantity > 1 ? `${i.name} ×${i.quantity}` : i.name)).join(', ');
const latest = (t: Tracking, today: string) => {
  const last = t.events.at(-1);
  return last ? `${last.description}${last.location ? `, ${last.location}` : ''} (${formatDay(last.occurredAt.slice(0, 10), today)})` : undefined;
};
const eta = (t: Pick<Tracking, 'status' | 'eta'>, today: string) => (t.status === 'delivered' ? '' : t.eta ? ` Expected ${formatDay(t.eta, today)}.` : '');

/** What the shipping skill says. */
export const shippingReplies = {
  noOrders: "I don't see any recent orders on your account.",
  tracking: (t: Tracking, today: string, order?: { items: readonly { name: string }[] }) => {
    const update = latest(t, today);
    return (
      `Order **${t.orderId}**${order ? ` (${order.items.map((i) => i.name).join(', ')})` : ''} is **${STATUS[t.status]}** with ${CARRIER[t.carrier]}, tracking number ${t.trackingNumber}.` +
      (t.status === 'delivered' ? '' : t.eta ? eta(t, today) : ' The carrier has not given a delivery date yet.') +
      (update ? ` Latest update: ${update}.` : '')
    );
  },
  /** "where are my orders?": one line per order, the ones with a problem first, with the carrier's latest event. */
  whereAreThey: (rows: { order: Order; tracking: Tracking }[], today: string) =>
    `Here's where your orders are:\n${rows
      .map(({ order, tracking }) => `- **${order.id}** (${itemsOf(order)}): ${STATUS[tracking.status]} with ${CARRIER[tracking.carrier]}.${eta(tracking, today)}${latest(tracking, today) ? ` Latest: ${latest(tracking, today)}.` : ''}`)
      .join('\n')}`,
  /** "show my orders": recent orders with status. */
  list: (orders: Order[], today: string) =>
    `Your recent orders:\n${orders
      .map((o) => `- **${o.id}**, placed ${formatDay(o.placedAt.slice(0, 10), today)}: ${itemsOf(o)}, ${formatMoney(o.totalCents)}. ${capital(STATUS[o.status])}.${eta(o, today)}`)
      .join('\n')}`,
  noneMatch: (text: string) => `I couldn't find an order matching "${text}" on your account.`,
  /** Several orders fit what was named: the customer picks. */
  whichOfThese: 'Several orders fit that. Which one do you mean?',
  cannotCancel: (order?: Order) =>
    `I can't cancel an order myself${order ? ` (${order.id} is ${STATUS[order.status].replace(/ \(.*\)$/, '')})` : ''}, and nothing has been changed. A person on our support team can check whether it can still be stopped, or arrange a return once it arrives. Would you like me to connect you with someone?`,
  cancelDeclined: 'Okay, nothing was changed. You can ask me for a person at any time.',
  notYours: (orderId: string) => `I couldn't find order ${orderId} on your account. Please check the number; our order numbers look like PS-10042.`,
  whichOrder: 'Which order is it about?',
  askProblem: 'I am sorry to hear that. What went wrong?',
  askDetails: 'Could you describe it in a sentence or two? (For example what was damaged or missing.)',
  problemNoted: (orderId: string, problem: string) => `Thanks. I've noted: order ${orderId}, ${problem}.`,
  gaveUp: "Let's leave it there for now. Ask me again whenever you're ready.",
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The problem kinds a customer can report, with words for the agent. */
export const PROBLEMS = [
  { title: 'It never arrived', summary: 'lost or never arrived' },
  { title: 'Says delivered, not here', summary: 'marked delivered but not received' },
  { title: 'Damaged', summary: 'arrived damaged' },
  { title: 'Wrong item', summary: 'wrong item received' },
  { title: 'Items missing', summary: 'items missing from the box' },
  { title: 'Something else', summary: 'other delivery problem' },
] as const;
