import type { Subscription } from '../../contracts/subscriptions';
import { formatDay, plural } from '../shared/format';

const every = (weeks: number) => (weeks === 1 ? 'every week' : `every ${weeks} weeks`);

/** One line describing a subscription. */
export function describeSubscription(s: Subscription, today: string): string {
  const what = `${s.quantity} × ${s.product.name}, ${every(s.frequencyWeeks)}`;
  switch (s.status) {
    case 'active':
      return `${what}: next delivery ${formatDay(s.nextDeliveryDate!, today)}`;
    case 'paused':
      return `${what}: paused until ${formatDay(s.pausedUntil!, today)}`;
    case 'cancelled':
      return `${what}: cancelled`;
  }
}

/** The day a cancelled subscription was cancelled, as a person reads it. */
const cancelledOn = (s: Subscription, today: string) => (s.cancelledAt ? ` on ${formatDay(s.cancelledAt.slice(0, 10), today)}` : '');

/** Why the subscription the customer named can't take the action they asked for. */
const CANNOT: Record<'pause' | 'resume' | 'skip' | 'cancel' | 'modify', (s: Subscription, today: string) => string> = {
  pause: (s, t) => `${s.product.name} was cancelled${cancelledOn(s, t)}, so there is nothing to pause.`,
  resume: (s, t) =>
    s.status === 'cancelled'
      ? `${s.product.name} was cancelled${cancelledOn(s, t)}. A cancelled autoship can't be resumed; you can set it up again from the product page.`
      : `${s.product.name} isn't paused: it is active, with the next delivery on ${formatDay(s.nextDeliveryDate!, t)}.`,
  skip: (s, t) =>
    s.status === 'cancelled'
      ? `${s.product.name} was cancelled${cancelledOn(s, t)}, so there is no delivery to skip.`
      : `${s.product.name} is paused until ${formatDay(s.pausedUntil!, t)}, so there is no delivery to skip.`,
  cancel: (s, t) => `${s.product.name} was already cancelled${cancelledOn(s, t)}.`,
  modify: (s, t) => `${s.product.name} was cancelled${cancelledOn(s, t)}, so it can't be changed any more.`,
};

/** What the subscriptions skill says. */
export const subscriptionsReplies = {
  none: "You don't have any autoship subscriptions yet.",
  list: (subs: Subscription[], today: string) => `Here are your autoship subscriptions:\n${subs.map((s) => `- ${describeSubscription(s, today)}`).join('\n')}`,
  cannot: (action: keyof typeof CANNOT, s: Subscription, today: string) => CANNOT[action](s, today),
  /** Offered when a paused subscription was named for a skip: resuming is what would fit. */
  offerResume: 'Resume it now?',
  noneEligible: {
    pause: "You don't have an active subscription to pause.",
    resume: "None of your subscriptions is paused, so there's nothing to resume.",
    skip: "You don't have an active subscription with a delivery to skip.",
    cancel: "You don't have an active or paused subscription to cancel.",
    modify: "You don't have a subscription that can be changed.",
  },
  noneNamed: (all: Subscription[]) => `I couldn't find a subscription like that on your account. Your autoship subscriptions are: ${all.map((s) => s.product.name).join(', ')}.`,
  which: (verb: string) => `Which subscription would you like to ${verb}?`,
  askPause: 'For how long would you like to pause it? You can say something like "3 weeks" or "until March 3rd" (up to 26 weeks).',
  badPause: "I didn't catch a length or a date there.",
  pauseTooLong: 'I can pause a subscription for up to 26 weeks (about 6 months).',
  dateInPast: "That date has already passed; please pick a date after today.",
  dateTooFar: 'That is more than 180 days away; please pick a date within the next 6 months.',
  confirmPause: (s: Subscription, until: string, today: string, assumedWeeks?: number) =>
    s.status === 'paused'
      ? `**${s.product.name}** is paused until ${formatDay(s.pausedUntil!, today)}. Change the pause to end on **${formatDay(until, today)}** instead?`
      : `Pause **${s.product.name}** ${assumedWeeks !== undefined ? `for **${plural(assumedWeeks, 'week')}** (I read your number as weeks), until` : 'until'} **${formatDay(until, today)}**? No deliveries will be sent until then.`,
  paused: (s: Subscription, today: string) =>
    s.nextDeliveryDate === s.pausedUntil
      ? `Done: your ${s.product.name} autoship is paused until ${formatDay(s.pausedUntil!, today)}, when deliveries restart.`
      : `Done: your ${s.product.name} autoship is paused until ${formatDay(s.pausedUntil!, today)}. The next delivery after that is on ${formatDay(s.nextDeliveryDate!, today)}.`,
  confirmResume: (s: Subscription) => `Resume **${s.product.name}** now?`,
  resumed: (s: Subscription, today: string) => `Done: your ${s.product.name} autoship is active again. Next delivery: ${formatDay(s.nextDeliveryDate!, today)}.`,
  confirmSkip: (s: Subscription, today: string) => `Skip the **${s.product.name}** delivery on **${formatDay(s.nextDeliveryDate!, today)}**?`,
  skipped: (name: string, skipped: string, next: string, today: string) => `Done: the ${name} delivery on ${formatDay(skipped, today)} is skipped. Your next one is ${formatDay(next, today)}.`,
  offerPause: (s: Subscription) => `Before you cancel ${s.product.name}: would you rather pause it instead? You can pause for up to 26 weeks and keep your autoship pricing.`,
  askReason: 'Sorry to see it go. May I ask why you are cancelling?',
  confirmCancel: (s: Subscription) => `Cancel **${s.product.name}** for good? No further deliveries will be sent.`,
  cancelled: (s: Subscription) => `Done: your ${s.product.name} autoship is cancelled. You won't be charged for further deliveries.`,
  askChange: 'What would you like to change?',
  whichNumber: (n: number) => `Just to be sure I change the right thing: ${n} per delivery, or a delivery every ${n === 1 ? 'week' : `${n} weeks`}?`,
  every: (n: number) => (n === 1 ? 'Every week' : `Every ${n} weeks`),
  askFrequency: 'How often should it come? For example "every 6 weeks" (1 to 26 weeks).',
  badFrequency: 'Please give how often in weeks, between 1 and 26 (for example "every 4 weeks").',
  askQuantity: 'How many would you like each time? (1 to 20)',
  badQuantity: 'Please give a number between 1 and 20.',
  askDate: 'Which date should the next delivery arrive? (Within the next 180 days.)',
  badDate: "I couldn't read a date there.",
  confirmModify: (s: Subscription, change: string) => `Change **${s.product.name}** to ${change}?`,
  modified: (s: Subscription, today: string) => `Done. ${s.product.name} is now ${describeSubscription(s, today).replace(/^[^,]+, /, `${s.quantity} × `)}.`,
  declined: "Okay, I didn't change anything.",
  gaveUp: "Let's leave it there for now; nothing was changed. Ask me again whenever you're ready.",
  changed: 'That subscription was just changed somewhere else, so I stopped to be safe. Nothing was changed by me; please ask again and I will start from its latest state.',
  refused: (message: string) => `I couldn't do that: ${message}`,
  weeks: (n: number) => plural(n, 'week'),
};
