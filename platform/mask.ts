/**
 * Masks personal and payment data in free text before it is kept anywhere (logs, transcripts,
 * handoff records, the review inbox): card-like digit runs (keeps the last 4), PINs and codes
 * named as such, e-mail addresses and phone numbers. Digits of any script (full-width, Arabic-
 * Indic, Devanagari…) and full-width punctuation count as their ASCII forms, so the masked text
 * comes back with ASCII digits. `test/platform/mask.test.ts` is the table of what is caught.
 */

const EMAIL = /[A-Za-z0-9._%+-]+\s?@\s?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// 12–19 digits, optionally grouped by single spaces, dashes or dots: gift and payment card numbers.
const CARD = /(?<![\d.+-])(?:\d[ .-]?){11,18}\d(?![\d-]|\.\d)/g;
// A number after a word that names it a secret: "pin 1234", "the code is 5678", "my PIN's: 0042".
const SECRET_WORDS = String.raw`(?:pin|pin\s*code|pin\s*number|(?<!zip |postal |post |promo |discount |order |tracking )code|passcode|pass\s*code|security\s*code|access\s*code|cvv|cvc)`;
const SECRET_AFTER = new RegExp(String.raw`\b(${SECRET_WORDS}(?:'s|\s*(?:is|was|=|:|#|-|number|no\.?)\s*)*\s*)(\d{3,8})\b`, 'gi');
// "1234 is my pin", "5678 is the code".
const SECRET_BEFORE = new RegExp(String.raw`\b\d{3,8}(?=\s+(?:is|was)\s+(?:my|the|our)\s+${SECRET_WORDS}\b)`, 'gi');
// Phone numbers written with a country code, parentheses or separators: +1 415-555-0132,
// (415) 555 0199, 555.123.4567, +44 20 7946 0958, 1-800-555-0199.
const PHONE_GROUPED = /(?<![\w-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\d{1,4}[\s.-])(?:\d{2,4}[\s.-]){0,2}\d{3,4}\b/g;
// A short digit run in a message that also holds a card number is its PIN, whatever the words around it.
const NEAR_CARD_PIN = /(?<![\d*])\d{3,8}(?!\d)/g;
// An ungrouped 10- or 11-digit run (5551234567, +15551234567), or a local 555-0132.
const PHONE_BARE = /(?<![\w-])(?:\+?\d{10,11}|\d{3}[.-]\d{4})(?![\d-]|\.\d)/g;

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const SPACES = /[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g;
const DASHES = /[\u2010-\u2015\u2212\uFE63]/g;
const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
const DIGIT = /\p{Nd}/gu;
const NON_ASCII = /[^\x00-\x7f]/;

/** The value (0–9) of a decimal digit of any script: its offset in its run of consecutive digits. */
function digitValue(ch: string): string {
  let cp = ch.codePointAt(0)!;
  const at = cp;
  while (/\p{Nd}/u.test(String.fromCodePoint(cp - 1))) cp -= 1;
  return String((at - cp) % 10);
}

/** Full-width forms, digits of every script, odd spaces and dashes → their ASCII forms; invisible characters removed. */
export function normalizeForMasking(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  return text
    .replace(ZERO_WIDTH, '')
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(SPACES, ' ')
    .replace(DASHES, '-')
    .replace(DIGIT, (d) => (d >= '0' && d <= '9' ? d : digitValue(d)));
}

export function maskCardNumber(digits: string): string {
  const d = digits.replace(/\D/g, '');
  return d.length <= 4 ? '****' : `${'*'.repeat(Math.max(4, d.length - 4))}${d.slice(-4)}`.replace(/^\*+/, '**** ');
}

/** The one masking function: every place that keeps text people typed runs it. */
export function maskText(text: string): string {
  const digitsIn = (m: string) => m.replace(/\D/g, '').length;
  // Card numbers are set aside first, so the digits they keep (the last 4) are not taken for a PIN or phone.
  const cards: string[] = [];
  let masked = normalizeForMasking(text)
    .replace(EMAIL, '[email]')
    .replace(CARD, (m) => `\u0000${cards.push(maskCardNumber(m)) - 1}\u0000`)
    .replace(SECRET_AFTER, (_m, pre: string) => `${pre}[pin]`)
    .replace(SECRET_BEFORE, '[pin]')
    .replace(PHONE_GROUPED, (m) => (digitsIn(m) >= 10 && digitsIn(m) <= 15 ? '[phone]' : m))
    .replace(PHONE_BARE, '[phone]');
  if (cards.length > 0) masked = masked.replace(NEAR_CARD_PIN, '[pin]');
  return masked.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => cards[Number(i)]!);
}

/**
 * The answer to a question for a secret (a PIN prompt): every digit is hidden, whatever the
 * words around it ("sorry, it's 4321" → "sorry, it's ****"), so the agent still sees what was said.
 */
export function maskSecretAnswer(text: string): string {
  return maskText(text).replace(/\d/g, '*');
}
