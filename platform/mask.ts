/**
 * Masks personal and payment data in free text before it is logged or kept for training:
 * card-like digit runs (keeps the last 4), PINs after the word "pin", emails and phone numbers.
 */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// 12–19 digits, optionally grouped by spaces or dashes: gift and payment card numbers.
const CARD = /\b(?:\d[ -]?){11,18}\d\b/g;
// "pin 1234", "the code is 5678", "passcode: 0042" (not a zip or postal code).
const PIN = /\b((?<!(?:zip|postal|post)\s)(?:pin|passcode|code)(?:\s*(?:code|number|is|was|:|#|=))*\s*)(\d{3,8})\b/gi;
// A short digit run in a message that also holds a card number is its PIN, whatever the words around it.
const NEAR_CARD_PIN = /(?<![\d*])\d{3,8}(?![\d])/g;
// Phone numbers: +country or (area) forms, 10+ digits with separators.
const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\d{2,4})[\s.-]\d{3,4}[\s.-]\d{3,4}\b/g;

export function maskCardNumber(digits: string): string {
  const d = digits.replace(/\D/g, '');
  return d.length <= 4 ? '****' : `${'*'.repeat(Math.max(4, d.length - 4))}${d.slice(-4)}`.replace(/^\*+/, '**** ');
}

export function maskText(text: string): string {
  // Card numbers are set aside first, so the digits they keep (last 4) are not taken for a PIN.
  const cards: string[] = [];
  let masked = text
    .normalize('NFKC')
    .replace(EMAIL, '[email]')
    .replace(CARD, (m) => `\u0000${cards.push(maskCardNumber(m)) - 1}\u0000`)
    .replace(PIN, (_m, pre: string) => `${pre}[pin]`)
    .replace(PHONE, '[phone]');
  if (cards.length > 0) masked = masked.replace(NEAR_CARD_PIN, '[pin]');
  return masked.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => cards[Number(i)]!);
}

/**
 * The answer to a question for a secret (a PIN prompt): every digit is hidden, whatever the
 * words around it ("sorry, it's 4321" → "sorry, it's ****"), so the agent still sees what was said.
 */
export function maskSecretAnswer(text: string): string {
  return maskText(text).replace(/\p{Nd}/gu, '*');
}
