import { parsed, raw, staffHeaders, type Staff } from './attackClient';

/** One review inbox item, as the trainer API returns it. */
export interface InboxItem {
  id: string;
  conversationId: string;
  text: string;
  [key: string]: unknown;
}

/** The whole review inbox (every status), page by page. */
export async function inboxItems(url: string, trainer: Staff): Promise<InboxItem[]> {
  const out: InboxItem[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = parsed<{ items: InboxItem[]; total: number }>(await raw(`${url}/trainer/api/inbox?status=all&limit=500&offset=${offset}`, { headers: staffHeaders(trainer, false) }));
    if (!page) throw new Error('the trainer API did not answer');
    out.push(...page.items);
    if (page.items.length < 500) return out;
  }
}

/** Every string inside a JSON value, except ids and timestamps (what a person reads). */
export function readableStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(readableStrings);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => (/(^id$|Id$|At$|^at$|^type$|^version$)/.test(k) ? [] : readableStrings(v)));
  return [];
}
