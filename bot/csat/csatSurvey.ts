import type { Suggestion } from '../turn/suggestions';

/** Where the satisfaction survey of a conversation stands (kept in conversation state). */
export interface CsatState {
  /** `rating`: waiting for 1–5; `comment`: waiting for an optional comment; `done`: over (asked once per conversation). */
  stage: 'rating' | 'comment' | 'done';
  trigger: 'goodbye' | 'agent' | 'idle';
  rating?: number;
}

/** The rating buttons, best first; each sends its title, which {@link parseRating} reads. */
export const RATING_SUGGESTIONS: Suggestion[] = [
  { title: '5 - Excellent' },
  { title: '4 - Good' },
  { title: '3 - Okay' },
  { title: '2 - Poor' },
  { title: '1 - Very poor' },
];

export const SKIP_COMMENT: Suggestion = { title: 'No comment' };

const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };

/**
 * A rating from what the customer sent: "4", "4 - Good", "4 stars", "4/5", "five", "⭐⭐⭐⭐".
 * @returns 1–5, or undefined when the message is not a rating.
 */
export function parseRating(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  const digit = /^([1-5])(?:\s*(?:\/\s*5|stars?|out of 5|-\s*[a-z ]+))?\s*[.!]*$/.exec(t);
  if (digit) return Number(digit[1]);
  const word = /^(one|two|three|four|five)(?:\s+stars?)?\s*[.!]*$/.exec(t);
  if (word) return WORDS[word[1]!];
  const stars = /^(?:⭐|★){1,5}$/u.exec(t.replace(/\s+/g, ''));
  if (stars) return [...stars[0]].length;
  return undefined;
}

/** "no", "no comment", "skip", "nothing", "no thanks"… */
export function isSkip(text: string): boolean {
  return /^\s*(no|nope|nah|no comments?|no thanks?|no thank you|skip|nothing|none|n\/a|that'?s all)\s*[.!]*\s*$/i.test(text);
}

/** Longest comment kept, in characters. */
export const MAX_COMMENT = 1000;
