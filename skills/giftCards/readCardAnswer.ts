/**
 * A gift card number or PIN in what a customer typed at a prompt, in their own words:
 * "6006-4912-3456-1005", "sorry, it's 4321", "the pin is １２３４" (full-width digits).
 */

// 16 digits, optionally grouped with spaces, dashes or dots.
const CARD = /(?<!\d)\d(?:[ .-]?\d){15}(?!\d)/;
const RUN = /(?<!\d)\d{4,8}(?!\d)/g;

/** Full-width and other compatibility digits as ASCII. */
const normal = (text: string) => text.normalize('NFKC');

/** The 16-digit card number in the text, if there is one. */
export function readCardNumber(text: string): string | undefined {
  return CARD.exec(normal(text))?.[0].replace(/\D/g, '');
}

/**
 * The PIN: the one run of 4–8 digits in the message once the card number is set aside.
 * Two candidates ("1234 or maybe 4321") are no answer: the customer is asked again.
 */
export function readPin(text: string, cardNumber?: string): string | undefined {
  const rest = normal(text).replace(new RegExp(CARD.source, 'g'), ' ');
  const runs = [...rest.matchAll(RUN)].map((m) => m[0]);
  if (runs.length !== 1) return undefined;
  return runs[0] === cardNumber ? undefined : runs[0];
}
