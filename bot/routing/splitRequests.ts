/**
 * The parts of a message that may each be a request of their own: "skip my next litter
 * delivery, and what's my points balance?" → ["skip my next litter delivery", "what's my points
 * balance?"]. Splits at sentence ends and at "and"/"also"/"plus" after a comma or before a
 * question word, else at any "and"; a message with one part returns one part.
 */
export function splitRequests(text: string): string[] {
  const parts = text
    .split(/(?<=[?!.])\s+|\s*;\s*|,?\s+(?:and\s+)?also,?\s+|,\s*(?:and|plus|then)\s+|\s+and\s+then\s+|\s+(?:and|plus)\s+(?=(?:what|what's|whats|where|where's|wheres|how|when|can|could|would|will|is|are|do|does|did|tell|show|check|please|i'd|id|i\s+(?:also\s+)?(?:want|need|would))\b)/i)
    .map((p) => p.replace(/^(?:and|also|plus|then)\s+/i, '').trim())
    .filter((p) => p.split(/\s+/).length >= 2);
  if (parts.length >= 2) return parts.slice(0, 3);
  // "skip my flea chews delivery and redeem 500 points": any "and" may join two requests; the
  // caller keeps the split only when every part is a clear request of its own.
  const halves = text.split(/\s+and\s+/i).map((p) => p.trim()).filter((p) => p.split(/\s+/).length >= 2);
  return halves.length >= 2 && halves.length <= 3 ? halves : [text];
}
