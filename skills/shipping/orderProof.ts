import type { Recognition } from '../../nlu/recognizer';

/** What a visitor who is not signed in gave to find an order: its number, and a ZIP code or e-mail on it. */
export interface OrderProof {
  orderId?: string;
  zip?: string;
  email?: string;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const LABELLED_ZIP = /\b(?:zip|postal|post)\s*(?:code)?\s*(?:is|:|#|=)?\s*(\d{5})(?:-\d{4})?\b/i;
const BARE_ZIP = /(?<![\w-])(\d{5})(?:-\d{4})?(?![\w-])/g;
/** Text right before a number that makes it the order number: "order", "#", "PS-". */
const NAMES_AN_ORDER = /(?:\border|#|\bps)[\s#:.-]*(?:number|num|no\.?|id|is)?[\s#:.-]*$/i;

/**
 * Reads an order number, ZIP code and e-mail from one message ("PS-10042, zip 97205",
 * "order 10042 ava@example.com", "10042 97205"). The recognizer reads any 5-digit number as an
 * order number, so with two of them the one named as an order ("order", "#", "PS-") or else
 * the first is the order, and the other the ZIP code; a number after "zip" is always the ZIP.
 */
export function readOrderProof(text: string, recognition: Pick<Recognition, 'entities'>): OrderProof {
  const labelled = LABELLED_ZIP.exec(text);
  const zipSpan = labelled ? { start: labelled.index, end: labelled.index + labelled[0].length } : undefined;
  const orders = recognition.entities.filter((e) => e.type === 'orderNumber' && !(zipSpan && e.start < zipSpan.end && zipSpan.start < e.end));
  const order = orders.find((e) => NAMES_AN_ORDER.test(text.slice(0, e.start)) || /^ps/i.test(e.text)) ?? orders[0];
  const zip = labelled?.[1] ?? (order ? bareZip(text, order) : undefined);
  const email = EMAIL.exec(text)?.[0];
  return { ...(order && typeof order.value === 'string' ? { orderId: order.value } : {}), ...(zip ? { zip } : {}), ...(email ? { email } : {}) };
}

/** The ZIP code or e-mail in an answer to "what is the ZIP code or e-mail on the order?" (the order is known). */
export function readProofOnly(text: string, orderId: string): Pick<OrderProof, 'zip' | 'email'> {
  const email = EMAIL.exec(text)?.[0];
  if (email) return { email };
  const labelled = LABELLED_ZIP.exec(text)?.[1];
  const zip = labelled ?? [...text.matchAll(BARE_ZIP)].map((m) => m[1]!).find((d) => `PS-${d}` !== orderId.toUpperCase());
  return zip ? { zip } : {};
}

function bareZip(text: string, order: { start: number; end: number }): string | undefined {
  for (const m of text.matchAll(BARE_ZIP)) if (m.index < order.start || m.index >= order.end) return m[1];
  return undefined;
}
