// @ts-check
// The conversation browser: the conversations behind a figure (same filters as the KPIs), one
// page at a time, and one conversation opened with its routing trail and masked transcript.
import { api, errorText } from '../kit/api.js';
import { $, el, fillSelect } from '../kit/dom.js';
import { labels, reasonLabel, resultLabel } from './labels.js';
import { period, periodQuery } from './period.js';
import { rows } from './tables.js';

/** @typedef {import('../../ops/admin/adminViews').ConversationsPage} ConversationsPage */
/** @typedef {import('../../ops/admin/adminViews').ConversationDetail} ConversationDetail */
/** @typedef {Partial<Record<'intent' | 'outcome' | 'reason' | 'topic' | 'csat' | 'agent' | 'fallback', string>>} Filter */

const FILTERS = /** @type {const} */ (['intent', 'outcome', 'reason', 'topic', 'csat', 'agent']);
const PAGE = 25;
let offset = 0;

/** @param {string} k */
const field = (k) => /** @type {HTMLInputElement | HTMLSelectElement} */ ($(`f-${k}`));

/** @returns {Filter} */
function filterFromForm() {
  /** @type {Filter} */
  const f = {};
  for (const k of FILTERS) {
    const v = field(k).value.trim();
    if (v) f[k] = v;
  }
  if ($('f-fallback', HTMLInputElement).checked) f.fallback = 'yes';
  return f;
}

/** The filters in the address (`?browse=1&…`). @returns {Filter} */
export function filterFromUrl() {
  const q = new URLSearchParams(location.search);
  /** @type {Filter} */
  const f = {};
  for (const k of [...FILTERS, /** @type {const} */ ('fallback')]) {
    const v = q.get(k);
    if (v) f[k] = v;
  }
  return f;
}

/** @param {Filter} f */
function setForm(f) {
  for (const k of FILTERS) field(k).value = f[k] || '';
  $('f-fallback', HTMLInputElement).checked = f.fallback === 'yes';
}

/** @param {Filter} f */
const browserQuery = (f) => [periodQuery(), ...Object.entries(f).map(([k, v]) => `${k}=${encodeURIComponent(v ?? '')}`)].join('&');

/** Opens the conversations behind a figure: the filters, the period of the dashboard. @param {Filter} f */
export async function drill(f) {
  setForm(f);
  offset = 0;
  await loadConversations();
  $('browser').scrollIntoView({ block: 'start' });
}

async function loadConversations() {
  const f = filterFromForm();
  const q = browserQuery(f);
  const csv = $('browser-csv', HTMLAnchorElement);
  csv.href = `/admin/api/conversations.csv?${q}`;
  csv.setAttribute('download', '');
  const summary = $('browser-summary');
  summary.textContent = 'Loading…';
  /** @type {ConversationsPage} */
  let b;
  try {
    b = /** @type {ConversationsPage} */ (await api('GET', `/admin/api/conversations?${q}&limit=${PAGE}&offset=${offset}`));
  } catch (err) {
    summary.textContent = errorText(err);
    return;
  }
  const described = Object.entries(f).map(([k, v]) => `${k} ${v}`).join(', ');
  const p = period();
  summary.textContent = `${b.total} conversations${described ? ` (${described})` : ''} from ${p.from} to ${p.to}${b.total > PAGE ? `, showing ${b.offset + 1}–${Math.min(b.total, b.offset + b.conversations.length)}` : ''}`;
  $('browser').dataset.total = String(b.total);
  $('page-prev', HTMLButtonElement).disabled = offset === 0;
  $('page-next', HTMLButtonElement).disabled = offset + PAGE >= b.total;
  const filters = q.replace(/^from=[^&]*&to=[^&]*&?/, '');
  history.replaceState(null, '', `/admin?${periodQuery()}&browse=1${filters ? `&${filters}` : ''}`);
  const trs = rows(
    'table-conversations',
    b.conversations,
    (c) => [new Date(c.startedAt).toLocaleString(), resultLabel(c.outcome), c.intents.join(', ') || '–', c.handoffReason ? reasonLabel(c.handoffReason) : '–', c.agent || '–', [c.rating === null ? '–' : c.rating, 'num'], [c.messages, 'num']],
    (c) => void openConversation(c.conversationId),
  );
  trs.forEach((tr, i) => (tr.dataset.conversationId = b.conversations[i]?.conversationId ?? ''));
}

/** @param {ConversationDetail} d */
function handoffText(d) {
  const h = d.handoff;
  if (!h) return 'none';
  return `${reasonLabel(h.reason)}, topic ${h.intent}${h.agent ? `, taken by ${h.agent}` : ', no agent yet'}${h.result ? `, ${h.result}` : ''}`;
}

/** @param {ConversationDetail} d */
function csatText(d) {
  if (!d.csat) return 'not asked';
  return `${d.csat.rating ? `${d.csat.rating} / 5` : 'asked, no rating'}${d.csat.comment ? `: “${d.csat.comment}”` : ''}`;
}

/** @param {string} id */
async function openConversation(id) {
  /** @type {ConversationDetail} */
  let d;
  try {
    d = /** @type {ConversationDetail} */ (await api('GET', `/admin/api/conversations/${encodeURIComponent(id)}`));
  } catch (err) {
    $('browser-summary').textContent = errorText(err);
    return;
  }
  const c = d.conversation;
  $('conversation-id').textContent = c.conversationId;
  const facts = [
    ['Started', new Date(c.startedAt).toLocaleString()],
    ['Ended', c.endedAt ? `${new Date(c.endedAt).toLocaleString()} (${c.endedHow})` : 'not yet'],
    ['Outcome', resultLabel(c.outcome)],
    ['Customer', c.customerId || 'anonymous'],
    ['Channel', c.channelId],
    ['Handoff', handoffText(d)],
    ['CSAT', csatText(d)],
  ];
  $('conversation-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
  rows('table-trail', d.trail, (s) => [new Date(s.at).toLocaleTimeString(), [s.text, 'comment'], s.intent, [s.score.toFixed(3), 'num'], s.detail]);
  const list = $('transcript');
  if (d.transcript === null) list.replaceChildren(el('li', { className: 'gone', text: 'The chat channel no longer keeps this transcript (DIRECTLINE_RETENTION_SECONDS); the routing trail above has the customer’s messages.' }));
  else
    list.replaceChildren(
      ...d.transcript.map((l) =>
        el('li', { className: `line ${l.from}` }, [
          el('span', { className: 'who', text: `${new Date(l.at).toLocaleTimeString()} · ${l.from === 'agent' ? l.name : l.from}` }),
          el('span', { className: 'text', text: l.text }),
          !!l.suggestions && el('span', { className: 'buttons', text: l.suggestions.map((x) => `[${x}]`).join(' ') }),
        ]),
      ),
    );
  $('conversation').hidden = false;
  $('conversation').scrollIntoView({ block: 'start' });
}

/** Fills the filter choices from the server's labels and wires the form and the pager. */
export function wireBrowser() {
  fillSelect($('f-outcome', HTMLSelectElement), Object.entries(labels.results), true);
  fillSelect($('f-reason', HTMLSelectElement), Object.entries(labels.reasons), true);
  $('browser-form').addEventListener('submit', (e) => {
    e.preventDefault();
    offset = 0;
    void loadConversations();
  });
  $('f-clear').addEventListener('click', () => void drill({}));
  $('page-prev').addEventListener('click', () => {
    offset = Math.max(0, offset - PAGE);
    void loadConversations();
  });
  $('page-next').addEventListener('click', () => {
    offset += PAGE;
    void loadConversations();
  });
  $('conversation-close').addEventListener('click', () => void ($('conversation').hidden = true));
}
