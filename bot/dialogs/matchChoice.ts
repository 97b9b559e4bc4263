/** One option of a choice question, with other words a customer may use for it. */
export interface ChoiceOption {
  title: string;
  synonyms?: string[];
}

/** The option a typed answer names, several when it fits more than one equally, or none. */
export type ChoiceMatch = { kind: 'one'; index: number } | { kind: 'several'; indexes: number[] } | { kind: 'none' };

const ORDINALS: Record<string, number> = {
  first: 0, '1st': 0, second: 1, '2nd': 1, third: 2, '3rd': 2, fourth: 3, '4th': 3, fifth: 4, '5th': 4, sixth: 5, '6th': 5,
  one: 0, two: 1, three: 2, four: 3, five: 4, six: 5,
};
const FILLER = new Set(
  "a an the my our me i i'm im we we're were are is was be been has have had got get it it's its this that these those one ones of for to please pick choose want would like id i'd go with take option number no yes yeah ok okay um uh oh hmm just the about thing stuff in on and or so well actually meant mean when really very completely here there".split(' '),
);

const norm = (s: string) => s.toLowerCase().replace(/[’‘]/g, "'").replace(/[^a-z0-9'\s-]/g, ' ').replace(/\s+/g, ' ').trim();
const stem = (w: string) => w.replace(/'s$/, '').replace(/(?<=\w{3})(ing|ed|es|s)$/, '');
// Numbers are positions or codes, read above; as words they would match sizes ("6-pack", "20 lb").
const words = (s: string) => norm(s).replace(/-/g, ' ').split(' ').filter((w) => w && !FILLER.has(w) && !/^\d+$/.test(w)).map(stem);

/** One edit apart (typos such as "liter", "samon"), for words long enough to mean something. */
function near(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.min(a.length, b.length) < 5 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/**
 * Reads a typed answer to a choice question the way a person would: the option's title
 * ("PS-10036" for "PS-10036 (exception)"), its position ("the second one", "2", "the last
 * one"), words of the title or of its synonyms, typos included ("the salmon one", "the
 * litter", "we are moving" for "I'm moving").
 */
export function matchChoice(text: string, options: ChoiceOption[]): ChoiceMatch {
  const t = norm(text);
  if (!t || options.length === 0) return { kind: 'none' };
  const exact = options.findIndex((o) => norm(o.title) === t);
  if (exact >= 0) return { kind: 'one', index: exact };

  // The label without its suffix or the words around it: "PS-10036", "order 10036".
  const codes = t.match(/\b[a-z]*-?\d{3,}\b/g) ?? [];
  if (codes.length) {
    const hits = options.map((o, i) => [i, norm(o.title)] as const).filter(([, title]) => codes.some((c) => title.includes(c) || title.replace(/[a-z]+-/g, '').includes(c.replace(/^[a-z]+-?/, ''))));
    if (hits.length === 1) return { kind: 'one', index: hits[0]![0] };
  }

  // Position: "2", "#2", "number 2", "the second one", "the last one".
  const position = /^(?:(?:the|option|number|no|#)\s*)?(\d|first|second|third|fourth|fifth|sixth|1st|2nd|3rd|4th|5th|6th|last|bottom|top)(?:\s+(?:one|option|choice))?(?:\s+please)?$/.exec(t.replace(/^(?:i'?ll take|i want|give me)\s+/, ''));
  if (position) {
    const p = position[1]!;
    const index = p === 'last' || p === 'bottom' ? options.length - 1 : p === 'top' ? 0 : /^\d$/.test(p) ? Number(p) - 1 : ORDINALS[p]!;
    if (index >= 0 && index < options.length) return { kind: 'one', index };
  }
  const ordinal = /\b(first|second|third|fourth|fifth|last)\s+(?:one|option|choice)\b/.exec(t);
  if (ordinal) {
    const index = ordinal[1] === 'last' ? options.length - 1 : ORDINALS[ordinal[1]!]!;
    if (index < options.length) return { kind: 'one', index };
  }

  // Words: a synonym phrase counts more than a single word of the title.
  const said = words(t);
  if (said.length === 0) return { kind: 'none' };
  const scores = options.map((o) => {
    const titleWords = words(o.title);
    let score = 0;
    for (const w of said) if (titleWords.some((x) => near(x, w))) score += 2;
    for (const s of o.synonyms ?? []) {
      const sw = words(s);
      const hit = (x: string) => said.some((w) => near(x, w));
      // A whole synonym ("crushed", "never came") is strong; some of its longer words ("fish flakes" of "Tropical Fish Flakes") less so.
      score += sw.length && sw.every(hit) ? 3 * sw.length : sw.filter((x) => x.length >= 4 && hit(x)).length;
    }
    return score;
  });
  const best = Math.max(...scores);
  if (best <= 0) return { kind: 'none' };
  const indexes = scores.flatMap((s, i) => (s === best ? [i] : []));
  return indexes.length === 1 ? { kind: 'one', index: indexes[0]! } : { kind: 'several', indexes };
}
