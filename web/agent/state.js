// @ts-check
// What the agent console knows right now, and the small views every panel shares.
import { el, pageData } from '../kit/dom.js';

/** @typedef {import('./consoleViews').ConsoleState} ConsoleState */
/** @typedef {import('./consoleViews').ConsolePageData} ConsolePageData */
/** @typedef {import('./consoleViews').ChatSummary} ChatSummary */
/** @typedef {import('./consoleViews').ConversationView} ConversationView */
/** @typedef {import('./consoleViews').QueueItem} QueueItem */
/** @typedef {import('./consoleViews').Ticket} Ticket */

/**
 * @typedef {object} ConsoleModel
 * @property {ConsoleState['me'] | null} me
 * @property {QueueItem[]} queue
 * @property {number} queueAt when the queue was read (its wait times count from then)
 * @property {number} online
 * @property {ChatSummary[]} chats
 * @property {Ticket[]} tickets
 * @property {ConsoleState['canned']} canned
 * @property {string | null} selected the open conversation's id
 * @property {ConversationView | null} view the open conversation
 * @property {Record<string, number>} unread customer lines per chat not open
 */

/** @type {ConsoleModel} */
export const state = { me: null, queue: [], queueAt: 0, online: 0, chats: [], tickets: [], canned: [], selected: null, view: null, unread: {} };

/** The server's labels for handoff reasons and outcomes. */
export const labels = /** @type {ConsolePageData} */ (pageData());

/** @param {string} reason */
export const reasonLabel = (reason) => labels.reasons[/** @type {keyof ConsolePageData['reasons']} */ (reason)] ?? reason;

/** @param {{ customerName?: string | null, customerId?: string | null }} c */
export const customerLabel = (c) => c.customerName || (c.customerId ? `Customer ${c.customerId}` : 'Anonymous visitor');

/** @param {string} reason */
export function reasonBadge(reason) {
  return el('span', { className: 'badge', text: reasonLabel(reason), attrs: { 'data-reason': reason } });
}

/** "14:05" in the agent's locale; empty for a missing or bad time. @param {string | null | undefined} iso */
export function clock(iso) {
  const d = new Date(iso ?? '');
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** "4:07", or "1h 12m" past an hour. @param {number} ms */
export function duration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(s / 60);
  return m >= 60 ? `${Math.floor(m / 60)}h ${m % 60}m` : `${m}:${String(s % 60).padStart(2, '0')}`;
}

/** `/agent/api/conversations/<id>[/<action>]`. @param {string} id @param {string} [action] */
export const conversationPath = (id, action) => `/agent/api/conversations/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
