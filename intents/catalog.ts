/**
 * What the bot does with each intent it understands, one row per intent: the one place an intent
 * is spelled besides its corpus (`intents/<domain>.json`) and the dialog that serves it. The
 * in-scope and account-changing lists (`nlu/intents.ts`), the strict default thresholds, button
 * titles, the small-talk sets, the capability menus and the agent console's labels all derive
 * from it. Adding an intent: corpus examples + a row here + a skill dialog (or a built-in answer
 * in `bot/PawBot.ts` for small talk).
 */
export type IntentKind =
  /** Answered by the bot itself in one message (greeting, thanks…). */
  | 'smallTalk'
  /** Served by a skill dialog (`skills/<domain>/`). */
  | 'skill'
  /** Hands the conversation to a person. */
  | 'agent'
  /** A question about the shop answered from `intents/knowledge.json` (title from there too). */
  | 'knowledge';

export interface IntentRow {
  readonly intent: string;
  readonly kind: IntentKind;
  /** Button title when the bot offers this intent as an option (knowledge: the knowledge base's). */
  readonly title?: string;
  /** Changes the customer's account: routed with stricter confidence. */
  readonly changesAccount: boolean;
  /** Title in the capability menu, when it differs from {@link title}. */
  readonly menuTitle?: string;
  /** Title in the menu of a visitor who is not signed in, when it differs from the menu's. */
  readonly visitorMenuTitle?: string;
}

/** Every in-scope intent, in the order the console lists them. */
export const INTENT_CATALOG = [
  { intent: 'greeting', kind: 'smallTalk', title: 'Say hello', changesAccount: false },
  { intent: 'goodbye', kind: 'smallTalk', title: "That's all", changesAccount: false },
  { intent: 'thanks', kind: 'smallTalk', title: 'Thanks', changesAccount: false },
  { intent: 'help', kind: 'smallTalk', title: 'What can you do?', changesAccount: false },
  { intent: 'agent.request', kind: 'agent', title: 'Talk to a person', changesAccount: false },
  { intent: 'subscription.list', kind: 'skill', title: 'See my subscriptions', changesAccount: false, menuTitle: 'My subscriptions' },
  { intent: 'subscription.pause', kind: 'skill', title: 'Pause a subscription', changesAccount: true },
  { intent: 'subscription.resume', kind: 'skill', title: 'Resume a subscription', changesAccount: true },
  { intent: 'subscription.skip', kind: 'skill', title: 'Skip a delivery', changesAccount: true },
  { intent: 'subscription.cancel', kind: 'skill', title: 'Cancel a subscription', changesAccount: true },
  { intent: 'subscription.modify', kind: 'skill', title: 'Change a subscription', changesAccount: true },
  { intent: 'shipping.track', kind: 'skill', title: 'Track my order', changesAccount: false, menuTitle: 'Where is my order?', visitorMenuTitle: 'Track an order' },
  { intent: 'shipping.problem', kind: 'skill', title: 'Report a delivery problem', changesAccount: false },
  { intent: 'order.list', kind: 'skill', title: 'Show my orders', changesAccount: false },
  { intent: 'order.cancel', kind: 'skill', title: 'Cancel an order', changesAccount: false },
  { intent: 'giftcard.balance', kind: 'skill', title: 'Gift card balance', changesAccount: false },
  { intent: 'giftcard.redeem', kind: 'skill', title: 'Redeem a gift card', changesAccount: true },
  { intent: 'rewards.balance', kind: 'skill', title: 'My reward points', changesAccount: false },
  { intent: 'rewards.history', kind: 'skill', title: 'Points history', changesAccount: false },
  { intent: 'rewards.redeem', kind: 'skill', title: 'Use my points', changesAccount: true },
  { intent: 'knowledge.hours', kind: 'knowledge', changesAccount: false },
  { intent: 'knowledge.shipping', kind: 'knowledge', changesAccount: false },
  { intent: 'knowledge.returns', kind: 'knowledge', changesAccount: false },
  { intent: 'knowledge.points', kind: 'knowledge', changesAccount: false },
  { intent: 'knowledge.autoship', kind: 'knowledge', changesAccount: false },
] as const satisfies readonly IntentRow[];

/** An intent of the catalog. */
export type CatalogIntent = (typeof INTENT_CATALOG)[number]['intent'];

/** The capability menu of a signed-in customer, in button order. */
export const CUSTOMER_MENU: readonly CatalogIntent[] = ['shipping.track', 'subscription.list', 'giftcard.balance', 'rewards.balance', 'agent.request'];

/** What a visitor who is not signed in is offered (after a sign-in link), in button order. */
export const VISITOR_MENU: readonly CatalogIntent[] = ['shipping.track', 'giftcard.balance', 'agent.request'];

/** Out of scope: passwords, payment cards, pet health, chit-chat, gibberish… (NLP.js's own class is `None`). */
export const NONE_INTENT = 'none';

/** The intents of `kind`, in catalog order. */
export const intentsOfKind = (kind: IntentKind): CatalogIntent[] => INTENT_CATALOG.filter((r) => r.kind === kind).map((r) => r.intent);

/** The catalog row of `intent`, if it is one. */
export const catalogRow = (intent: string): IntentRow | undefined => INTENT_CATALOG.find((r) => r.intent === intent);
