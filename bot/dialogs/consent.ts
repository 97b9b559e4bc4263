/** A clear answer to a yes/no question. */
export type Consent = 'yes' | 'no';

// Whole-message phrases only: a yes/no classifier that looks for "ok" or "sure" anywhere
// (botbuilder's ConfirmPrompt) takes "is that ok for kittens?" as consent.
const YES = [
  'yes', 'yeah', 'yea', 'yep', 'yup', 'ya', 'yas', 'y', 'sure', 'ok', 'okay', 'okey', 'k', 'kk', 'alright', 'all right', 'fine', 'correct',
  'right', 'confirm', 'confirmed', 'i confirm', 'do it', 'go ahead', 'go for it', 'please do', 'sounds good', 'perfect', 'great', 'absolutely',
  'definitely', 'of course', 'certainly', 'affirmative', 'yes do it', 'yes go ahead', 'that is right', "that's right", 'thats right',
  'that works', 'works for me', 'that is fine', "that's fine", 'thats fine', 'that is correct', "that's correct", 'exactly', 'sure thing',
  'lets do it', "let's do it", 'do that', 'yes do that', 'go on', 'proceed', 'agreed', 'i agree', 'sounds great', 'good', 'cool', '👍',
];
const NO = [
  'no', 'nope', 'nah', 'no way', 'n', 'negative', 'not really', "don't", 'dont', 'do not', "don't do it", 'dont do it', 'do not do it',
  "don't do that", 'no don’t', "no don't", 'no dont', 'absolutely not', 'definitely not', 'certainly not', 'no no', 'no thank you', 'no thanks',
  'no thx', 'not at all', 'no please', 'please no', 'please don’t', "please don't",
];
// Politeness around the answer that changes nothing about it.
const FILLER = [
  'please', 'thanks', 'thank you', 'thx', 'ty', 'then', 'now', 'sir', 'mate', 'buddy', 'friend', 'lol', 'haha', 'oh', 'well', 'and',
  'that one too', 'this one too', 'that too', 'too', 'as well', 'also', 'pls', 'plz',
];

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[.!,;:…]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Whether the words split into phrases of `phrases` and fillers, with at least one of `phrases`. */
function covers(text: string, phrases: string[]): boolean {
  const words = text.split(' ');
  const answer = new Set(phrases.map(norm));
  const filler = new Set(FILLER.map(norm));
  // best[i]: the first i words split into known phrases; true when one of them is an answer.
  const best: (boolean | undefined)[] = [false];
  for (let end = 1; end <= words.length; end++) {
    for (let start = Math.max(0, end - 5); start < end; start++) {
      if (best[start] === undefined) continue;
      const p = words.slice(start, end).join(' ');
      if (answer.has(p)) best[end] = true;
      else if (filler.has(p)) best[end] = best[end] || best[start];
    }
  }
  return best[words.length] === true;
}

const OBJECTS = ['it', 'that', 'them', 'this', 'it then', 'it now', 'them now'];
const NOT = ["don't", 'dont', 'do not', 'no dont', "no don't"];

/**
 * "yes", "yep, go ahead", "sure, thanks" → yes; "no", "nope", "no thanks" → no; anything else
 * (a question, a complaint, a correction, "ok wait", "sure but…", "is that ok for kittens?")
 * → undefined: never consent. With the verbs of the action asked about ("pause" for "Pause …
 * until …?"), "yes pause it", "ok fine, go ahead and pause it" are yes and "don't pause it" is no;
 * "pause it for 5 weeks" is still not an answer (it corrects the change).
 */
export function readConsent(raw: string, ...actions: (string | undefined)[]): Consent | undefined {
  if (/[?]/.test(raw)) return undefined;
  const text = norm(raw);
  if (!text || text.length > 60) return undefined;
  const verbs = [...new Set(actions.filter((a): a is string => !!a).map(norm).filter((v) => /^[a-z]+$/.test(v)))];
  // Repeating the question's own verb is an answer: "yes pause it" at "Pause …?", "don't cancel it" at "Cancel …?".
  const yes = covers(text, [...YES, ...verbs.flatMap((v) => OBJECTS.map((o) => `${v} ${o}`))]);
  const no = covers(text, [...NO, ...verbs.flatMap((v) => OBJECTS.flatMap((o) => NOT.map((n) => `${n} ${v} ${o}`)))]);
  if (yes === no) return undefined;
  return yes ? 'yes' : 'no';
}
