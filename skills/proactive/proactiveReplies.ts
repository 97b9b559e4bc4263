import { formatDay } from '../shared/format';

/** What proactive messages say. */
export const proactiveReplies = {
  outForDelivery: (orderId: string, carrier: string) => `Good news: your order ${orderId} is out for delivery with ${carrier} today.`,
  delivered: (orderId: string, lastScan: string) => `Your order ${orderId} was delivered. The carrier's last scan: ${lastScan}.`,
  delayed: (orderId: string, reason: string, eta: string | null, today: string) =>
    `Your order ${orderId} is delayed: ${reason}.${eta ? ` The new estimate is ${formatDay(eta, today)}.` : ' The carrier has not given a new date yet.'}`,
  exception: (orderId: string, what: string) => `There is a problem with your order ${orderId}: ${what}. What would you like to do?`,
  reminder: (product: string, date: string, today: string) =>
    `Your ${product} ships ${formatDay(date, today)}. Want to skip this one, pause, or change it before then?`,
  /** The agent console line for a proactive message sent while a person has the chat. */
  forAgent: (text: string) => `Sent to the customer automatically: ${text}`,
};

export const CARRIER_NAMES: Record<string, string> = { ups: 'UPS', fedex: 'FedEx', usps: 'USPS' };
