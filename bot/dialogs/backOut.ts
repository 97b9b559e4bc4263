/**
 * The customer backs out of what is in progress in their own words: "cancel", "never mind,
 * I'll do it later", "not now", "I changed my mind", "nah leave it", "forget it". Whole-message
 * intent only: "cancel my subscription" and "don't cancel it" are requests, not a back-out.
 */
const BACK_OUT = [
  /^(?:ok(?:ay)?|oh|hmm+|um+|uh+|actually|wait|sorry|no|nah|nope)?[\s,.!]*(?:please\s+)?(?:cancel|stop|quit|abort|exit|halt|enough)(?:\s+(?:it|that|this|please|now|everything))*[\s.!]*$/i,
  /\bnever\s*mind\b|\bnevermind\b|\bnvm\b|\bforget (?:it|about it|that|this)\b/i,
  /\b(?:i(?:'ve| have)?|i've)\s+changed\s+my\s+mind\b|\bchanged my mind\b/i,
  /^(?:no|nah|nope|ok(?:ay)?)?[\s,.!]*(?:just\s+)?(?:leave|drop)\s+it(?:\s+(?:for now|then|please|as (?:it is|is)))*[\s.!]*$/i,
  /^(?:(?:no|nah|nope|hmm+|um+|uh+|oh|ok(?:ay)?|actually|sorry|wait|well)[\s,.!]*)*not (?:now|today|right now|yet)\b[^?]*$/i,
  /\b(?:i'?ll|i will|let me|i'?d rather)\s+(?:do|deal with|sort|handle|think about|come back to)\s+(?:it|this|that)\b.*\b(?:later|another time|myself|tomorrow)\b/i,
  /^(?:no|nah|nope)[\s,.!]+(?:thanks|thank you|thx)[\s.!]*$/i,
  /\bdon'?t bother\b/i,
  /^(?:start over|go back|back|restart|reset)[\s.!]*$/i,
];

export function isBackOut(text: string): boolean {
  const t = text.trim().replace(/[’‘]/g, "'");
  if (!t || t.length > 120 || /\?\s*$/.test(t)) return false;
  return BACK_OUT.some((re) => re.test(t));
}
