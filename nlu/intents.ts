/**
 * Questions about the shop the bot answers directly (opening hours, shipping, returns, points,
 * autoship). Their answers and training utterances are in `intents/knowledge.json`; they never
 * change an account.
 */
export const KNOWLEDGE_INTENTS = ['knowledge.hours', 'knowledge.shipping', 'knowledge.returns', 'knowledge.points', 'knowledge.autoship'] as const;

/**
 * The intents the bot understands. Anything else is out of scope: the recognizer says
 * {@link NONE_INTENT} (NLP.js's own class for it is `None`).
 */
export const IN_SCOPE_INTENTS = [
  'greeting',
  'goodbye',
  'thanks',
  'help',
  'agent.request',
  'subscription.list',
  'subscription.pause',
  'subscription.resume',
  'subscription.skip',
  'subscription.cancel',
  'subscription.modify',
  'shipping.track',
  'shipping.problem',
  'order.list',
  'order.cancel',
  'giftcard.balance',
  'giftcard.redeem',
  'rewards.balance',
  'rewards.history',
  'rewards.redeem',
  ...KNOWLEDGE_INTENTS,
] as const;

export type InScopeIntent = (typeof IN_SCOPE_INTENTS)[number];

/** Out of scope: passwords, payment cards, pet health, chit-chat, gibberish… */
export const NONE_INTENT = 'none';

/** Intents that change a customer's account: routed with stricter confidence. */
export const ACCOUNT_CHANGING_INTENTS: readonly InScopeIntent[] = [
  'subscription.pause',
  'subscription.resume',
  'subscription.skip',
  'subscription.cancel',
  'subscription.modify',
  'giftcard.redeem',
  'rewards.redeem',
];
