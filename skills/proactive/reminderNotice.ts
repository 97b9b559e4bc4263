import type { Subscription } from '../../contracts/subscriptions';
import type { Notice } from './notice';
import { proactiveReplies } from './proactiveReplies';

/** The intent of [Keep it]: the customer confirms the delivery as planned (served by the notifications skill). */
export const KEEP_INTENT = 'notifications.keep';

/** The reminder before one delivery of an active subscription (its key names the date: never twice for one delivery). */
export function reminderNotice(sub: Subscription, today: string): Notice {
  const date = sub.nextDeliveryDate!;
  const product = sub.product.name;
  return {
    key: `reminder:${sub.id}:${date}`,
    kind: 'reminder',
    customerId: sub.customerId,
    text: proactiveReplies.reminder(product, date, today),
    buttons: [
      { title: 'Skip this one', intent: 'subscription.skip', text: `Skip my next ${product} delivery` },
      { title: 'Pause', intent: 'subscription.pause', text: `Pause my ${product} subscription` },
      { title: 'Change', intent: 'subscription.modify', text: `Change my ${product} subscription` },
      { title: 'Keep it', intent: KEEP_INTENT, text: `Keep my ${product} delivery as it is` },
    ],
  };
}
