import type { Subscription } from '../../contracts/subscriptions';
import { formatDay, plural } from '../shared/format';

const every = (weeks: number) => (weeks === 1 ? 'every week' : `every ${weeks} weeks`);

/** One line describing a subscription. */
export function describeSubscription(s: Subscription): string {
  const what = `${s.quantity} × ${s.product.name}, ${every(s.frequencyWeeks)}`;
  switch (s.status) {
    case 'active':
      return `${what}: next delivery ${formatDay(s.nextDeliveryDate!)}`;
    case 'paused':
      return `${what}: paused until ${formatDay(s.pausedUntil!)}`;
    case 'cancelled':
      return `${what}: cancelled`;
  }
}

/** What the subscriptions skill says. */
export const subscriptionsReplies = {
  none: "You don't have any autoship subscriptions yet.",
  list: (subs: Subscription[]) => `Here are your autoship subscriptions:\n${subs.map((s) => `- ${describeSubscription(s)}`).join('\n')}`,
  noneEligible: {
    pause: "You don't have an active subscription to pause.",
    resume: "None of your subscriptions is paused, so there's nothing to resume.",
    skip: "You don't have an active subscription with a delivery to skip.",
    cancel: "You don't have an active or paused subscription to cancel.",
    modify: "You don't have a subscription that can be changed.",
  },
  which: (verb: string) => `Which subscription would you like to ${verb}?`,
  askPause: 'For how long would you like to pause it? You can say something like "3 weeks" or "until March 3rd" (up to 26 weeks).',
  badPause: "I didn't catch a length or a date there.",
  pauseTooLong: 'I can pause a subscription for up to 26 weeks (about 6 months).',
  dateInPast: "That date has already passed; please pick a date after today.",
  dateTooFar: 'That is more than 180 days away; please pick a date within the next 6 months.',
  confirmPause: (s: Subscription, until: string, assumedWeeks?: number) =>
    `Pause **${s.product.name}** ${assumedWeeks !== undefined ? `for **${plural(assumedWeeks, 'week')}** (I read your number as weeks), until` : 'until'} **${formatDay(until)}**? No deliveries will be sent until then.`,
  paused: (s: Subscription) => `Done: your ${s.product.name} autoship is paused until ${formatDay(s.pausedUntil!)}. Deliveries restart on ${formatDay(s.nextDeliveryDate!)}.`,
  confirmResume: (s: Subscription) => `Resume **${s.product.name}** now?`,
  resumed: (s: Subscription) => `Done: your ${s.product.name} autoship is active again. Next delivery: ${formatDay(s.nextDeliveryDate!)}.`,
  confirmSkip: (s: Subscription) => `Skip the **${s.product.name}** delivery on **${formatDay(s.nextDeliveryDate!)}**?`,
  skipped: (name: string, skipped: string, next: string) => `Done: the ${name} delivery on ${formatDay(skipped)} is skipped. Your next one is ${formatDay(next)}.`,
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
  modified: (s: Subscription) => `Done. ${s.product.name} is now ${describeSubscription(s).replace(/^[^,]+, /, `${s.quantity} × `)}.`,
  declined: "Okay, I didn't change anything.",
  gaveUp: "Let's leave it there for now; nothing was changed. Ask me again whenever you're ready.",
  changed: 'That subscription was just changed somewhere else, so I stopped to be safe. Nothing was changed by me; please ask again and I will start from its latest state.',
  cannot: (action: 'pause' | 'resume' | 'skip' | 'cancel' | 'modify', s: Subscription) =>
    `I can't ${{ pause: 'pause', resume: 'resume', skip: 'skip a delivery of', cancel: 'cancel', modify: 'change' }[action]} ${s.product.name}: it is ${s.status === 'paused' ? `paused until ${formatDay(s.pausedUntil!)}` : s.status}.`,
  refused: (message: string) => `I couldn't do that: ${message}`,
  weeks: (n: number) => plural(n, 'week'),
};
