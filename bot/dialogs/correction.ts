/**
 * "no, I meant the cat litter", "sorry, I mean the flea chews", "wrong one, the dog food":
 * the customer corrects what the flow in progress is about (not an answer to its question).
 */
const CORRECTION = [
  /^\s*(?:(?:no+|nope|nah|sorry|oops|oh|actually|wait|hmm+|err?|um+)\b[\s,.!-]*)*(?:i\s+)?(?:meant|mean|was talking about|wanted(?: to say)?)\b/i,
  /\b(?:not that one|the other one|wrong one|that's not the one|thats not the one)\b/i,
];

export function isCorrection(text: string): boolean {
  return text.length <= 160 && !/\?\s*$/.test(text) && CORRECTION.some((re) => re.test(text));
}
