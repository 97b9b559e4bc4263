import type { Entity } from '../../nlu/recognizer';
import { withoutEntities } from '../../nlu/withoutEntities';

/** Words around a bare number that say nothing more than what the number is. */
const LABEL = new Set('my the a an gift card cards giftcard number no nr num pin code is its it\'s here this order ps # : - and with please pls thanks what about'.split(' '));

/**
 * What a message that is little more than a number the shop knows asks about, as a careful
 * agent reads it: a gift card number (with or without its PIN) asks for the card's balance, an
 * order number asks where the order is. Undefined when the message says anything else (then
 * the classifier's reading stands). The bot uses it only when the classifier is unsure and no
 * flow waits for an answer.
 */
export function impliedIntent(r: { text: string; entities: Entity[] }): string | undefined {
  const kinds = new Set(r.entities.map((e) => e.type));
  const intent = kinds.has('giftCardNumber') ? 'giftcard.balance' : kinds.has('orderNumber') && !kinds.has('pin') ? 'shipping.track' : undefined;
  if (!intent) return undefined;
  const left = withoutEntities(r);
  const words = left.toLowerCase().replace(/[’‘]/g, "'").split(/[^a-z'#:-]+/).filter((w) => w && !LABEL.has(w));
  return words.length === 0 ? intent : undefined;
}
