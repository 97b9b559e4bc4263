/**
 * "don't cancel it", "do not cancel my subscription", "I don't want to pause anything": the
 * customer says NOT to do what an account-changing intent does. Checked before a skill starts,
 * so such a message never begins the change (classifiers see "cancel … subscription" and
 * answer subscription.cancel with high confidence).
 */

/** The verbs that name what each account-changing intent does. */
const VERBS: Record<string, string[]> = {
  'subscription.cancel': ['cancel', 'cancell?ing', 'end', 'stop', 'terminate', 'close'],
  'subscription.pause': ['pause', 'pausing', 'hold', 'stop'],
  'subscription.skip': ['skip', 'skipping'],
  'subscription.resume': ['resume', 'resuming', 'restart', 'restarting', 'start'],
  'subscription.modify': ['change', 'changing', 'modify', 'update', 'touch'],
  'giftcard.redeem': ['redeem', 'redeeming', 'use', 'add', 'apply'],
  'rewards.redeem': ['redeem', 'redeeming', 'use', 'spend', 'spending', 'cash'],
  'order.cancel': ['cancel', 'cancell?ing'],
};

/** The plain verbs that name what `intent` does ("pause", "hold" for subscription.pause); none for intents that change nothing. */
export const actionVerbs = (intent: string | undefined): string[] => (intent ? (VERBS[intent] ?? []).filter((v) => /^[a-z]+$/.test(v)) : []);

// "don't", "do not", "never", "please don't", "no need to", "not": a refusal of the verb that
// follows, possibly after a few words of wanting ("don't want you to", "do not go ahead and").
// "can't"/"cannot" is not a refusal ("I can't cancel it online" asks for help cancelling).
const NEGATOR = String.raw`(?:don'?t|do\s+not|dont|never|no\s+need\s+to|not|n't\s+want\s+to|won'?t\s+need\s+to)`;
const FILLER = String.raw`(?:(?:want|wanna|need|like|mean|intend|plan|ask(?:ed)?|you|to|it|please|pls|go|ahead|and|ever|actually|really|gonna|going|trying|i|yet|just)\s+){0,5}`;

/** True when the text says not to do what `intent` does. */
export function negatesIntent(intent: string, text: string): boolean {
  const verbs = VERBS[intent];
  if (!verbs) return false;
  const normal = text.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ');
  if (/\b(?:can'?t|cannot|can\s+not|couldn'?t|unable\s+to)\b/.test(normal) && !/\b(?:don'?t|do\s+not|never)\b/.test(normal)) return false;
  return new RegExp(String.raw`(?:^|[^a-z'])${NEGATOR}\s+${FILLER}(?:${verbs.join('|')})\b`).test(normal);
}

/**
 * "don't cancel my dog food subscription, I just want to know when the next one comes": the
 * message with its refusals cut out ("my dog food subscription, I just want to know when the
 * next one comes"), so what it does ask is read with what it is about. Undefined when no clause
 * refuses an account change, or no other clause asks anything.
 */
export function withoutRefusedClauses(text: string): string | undefined {
  const clauses = text.split(/[,;.!]+|\s+-\s+|\s+but\s+/i).map((c) => c.trim()).filter(Boolean);
  if (clauses.length < 2) return undefined;
  const refuses = (c: string) => Object.keys(VERBS).some((intent) => negatesIntent(intent, c));
  const kept = clauses.filter((c) => !refuses(c));
  if (kept.length === clauses.length || kept.join(' ').split(/\s+/).length < 3) return undefined;
  const verbs = [...new Set(Object.values(VERBS).flat())].join('|');
  const refusal = new RegExp(String.raw`(?:^|(?<=[^a-z']))${NEGATOR}\s+${FILLER}(?:${verbs})\b`, 'gi');
  return text.replace(/[’‘]/g, "'").replace(refusal, ' ').replace(/\s+/g, ' ').replace(/^[\s,]+/, '').trim();
}
