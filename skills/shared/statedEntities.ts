import type { Entity, Recognition } from '../../nlu/recognizer';

// "every 3 weeks instead of 4", "for 6 weeks not 4", "from 4 to 3": the number after these is the old value.
const OLD_VALUE_BEFORE = /(?:instead\s+of|rather\s+than|not|from|was|were|currently|used\s+to\s+be|than)\s+(?:every\s+|the\s+)?$/i;
// "one" counts only before a thing counted ("one bag"); "change one", "the salmon one", "one of them" are pronouns.
const COUNTED_AFTER = /^\s+(?:more\s+)?(?:bags?|box(?:es)?|cans?|packs?|bottles?|tubs?|cases?|units?|items?|pieces?|jars?|pouches?|per\b|each\b|at a time\b)/i;
// "3 of the dental chews" counts them; "one of them" picks one thing, it is no quantity of 1.
const COUNT_OF_AFTER = /^\s+of (?:the|my|them|those|these)\b/i;

/**
 * The entities that state what the customer wants, without old values ("instead of 4") and
 * without "one" used as a pronoun. Without the message text every entity is kept, except
 * a spelled-out "one".
 */
export function statedEntities(r: Pick<Recognition, 'entities'> & { text?: string }): Entity[] {
  const text = r.text ?? '';
  return r.entities.filter((e) => {
    if (text && OLD_VALUE_BEFORE.test(text.slice(0, e.start))) return false;
    if (e.type === 'quantity' && /^one$/i.test(e.text.trim())) return text.trim().toLowerCase() === 'one' || COUNTED_AFTER.test(text.slice(e.end));
    return true;
  });
}

/** A count with what is counted ("2 bags", "3 per delivery", "3 of the dental chews"): how many, not how often. */
export function countedQuantity(r: Pick<Recognition, 'entities'> & { text?: string }): number | undefined {
  const text = r.text ?? '';
  const e = statedEntities(r).find((x) => x.type === 'quantity' && (COUNTED_AFTER.test(text.slice(x.end)) || (x.value >= 2 && COUNT_OF_AFTER.test(text.slice(x.end)))));
  return e?.type === 'quantity' ? e.value : undefined;
}
