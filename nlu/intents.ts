import { INTENT_CATALOG, intentsOfKind, type CatalogIntent } from '../intents/catalog';

export { NONE_INTENT } from '../intents/catalog';

/**
 * Questions about the shop the bot answers directly (opening hours, shipping, returns, points,
 * autoship). Their answers and training utterances are in `intents/knowledge.json`; they never
 * change an account.
 */
export const KNOWLEDGE_INTENTS: readonly CatalogIntent[] = intentsOfKind('knowledge');

/**
 * The intents the bot understands (`intents/catalog.ts`). Anything else is out of scope: the
 * recognizer says {@link NONE_INTENT} (NLP.js's own class for it is `None`).
 */
export const IN_SCOPE_INTENTS: readonly CatalogIntent[] = INTENT_CATALOG.map((r) => r.intent);

export type InScopeIntent = CatalogIntent;

/** Intents that change a customer's account: routed with stricter confidence. */
export const ACCOUNT_CHANGING_INTENTS: readonly InScopeIntent[] = INTENT_CATALOG.filter((r) => r.changesAccount).map((r) => r.intent);
