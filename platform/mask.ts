/**
 * Masks personal and payment data in free text before it is logged or kept for training:
 * card-like digit runs (keeps the last 4), PINs after the word "pin", emails and phone numbers.
 */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// 12–19 digits, optionally grouped by spaces or dashes: gift and payment card numbers.
const CARD = /\b(?:\d[ -]?){11,18}\d\b/g;
const PIN = /\b(pin(?:\s*(?:code|number|is|:|#|=))*\s*)(\d{3,8})\b/gi;
// Phone numbers: +country or (area) forms, 10+ digits with separators.
const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\d{2,4})[\s.-]\d{3,4}[\s.-]\d{3,4}\b/g;

export function maskCardNumber(digits: string): string {
  const d = digits.replace(/\D/g, '');
  return d.length <= 4 ? '****' : `${'*'.repeat(Math.max(4, d.length - 4))}${d.slice(-4)}`.replace(/^\*+/, '**** ');
}

export function maskText(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(CARD, (m) => maskCardNumber(m))
    .replace(PIN, (_m, pre: string) => `${pre}[pin]`)
    .replace(PHONE, '[phone]');
}
