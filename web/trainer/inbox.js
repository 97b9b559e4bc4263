// @ts-check
// The review inbox: what customers said that the bot missed, filtered, and labelled here.
import { api } from '../kit/api.js';
import { $, el, fillSelect, pageData } from '../kit/dom.js';
import { showError } from '../kit/toast.js';
import { when } from '../kit/format.js';

/** @typedef {import('./trainerViews').ReviewItem} ReviewItem */
/** @typedef {import('./trainerViews').TrainerPageData} TrainerPageData */

const labels = /** @type {TrainerPageData} */ (pageData());
/** @param {string} r */
const reasonLabel = (r) => labels.reviewReasons[/** @type {keyof TrainerPageData['reviewReasons']} */ (r)] ?? r;
/** @param {string} s */
const statusLabel = (s) => labels.reviewStatuses[/** @type {keyof TrainerPageData['reviewStatuses']} */ (s)] ?? s;
/** @param {string} r */
const handoffLabel = (r) => labels.handoffReasons[/** @type {keyof TrainerPageData['handoffReasons']} */ (r)] ?? r;

/** The model's intents (what an item can be assigned to). @type {string[]} */
let intents = [];

export async function loadIntents() {
  intents = /** @type {{ intents: string[] }} */ (await api('GET', '/trainer/api/intents')).intents;
  fillSelect($('f-intent', HTMLSelectElement), [...intents.map((i) => /** @type {const} */ ([i, i])), ['none', 'none (out of scope)']], true);
}

function query() {
  const value = (/** @type {string} */ id) => /** @type {HTMLInputElement | HTMLSelectElement} */ ($(id)).value.trim();
  const p = new URLSearchParams({ status: value('f-status'), sort: value('f-sort'), limit: '100' });
  for (const [key, id] of [['reason', 'f-reason'], ['intent', 'f-intent'], ['q', 'f-q']]) if (value(id)) p.set(key, value(id));
  return p.toString();
}

export async function loadInbox() {
  const box = $('inbox-error');
  try {
    const { items, total } = /** @type {import('./trainerViews').InboxPage} */ (await api('GET', `/trainer/api/inbox?${query()}`));
    box.hidden = true;
    $('inbox-count').textContent = `${total} item${total === 1 ? '' : 's'}`;
    $('items').replaceChildren(...items.map(row));
    $('items-empty').hidden = items.length > 0;
  } catch (err) {
    showError(box, err);
  }
}

/** @param {ReviewItem} item */
function row(item) {
  const why = el('td', {}, [el('span', { className: 'tag', text: reasonLabel(item.reason) })]);
  if (item.handoffReason) why.append(el('div', { className: 'score', text: handoffLabel(item.handoffReason) }));
  const model = el('td', {}, [el('div', { text: item.intent }), el('div', { className: 'score', text: `score ${item.score.toFixed(2)}`, title: item.ranking.map((r) => `${r.intent} ${r.score}`).join(', ') })]);
  const agent = el('td', { text: item.agentLabel || '–', title: item.agentLabelledBy ? `labelled by ${item.agentLabelledBy}` : '' });
  return el('tr', { attrs: { 'data-id': item.id } }, [el('td', { className: 'score', text: when(item.at) }), el('td', { className: 'text', text: item.text }), why, model, agent, el('td', {}, [reviewCell(item)])]);
}

/** @param {ReviewItem} item */
function reviewCell(item) {
  if (item.status !== 'open') {
    const label = item.status === 'accepted' ? `→ ${item.resolution?.intent}` : statusLabel(item.status);
    return el('span', { className: `tag ${item.status === 'dismissed' ? 'off' : 'done'}`, text: label, title: item.resolution ? `${item.resolution.by}, ${when(item.resolution.at)}` : '' });
  }
  const select = el('select', { attrs: { 'aria-label': 'intent', class: 'assign-intent' } }, intents.map((i) => new Option(i, i)));
  const suggested = item.agentLabel && intents.includes(item.agentLabel) ? item.agentLabel : intents.includes(item.intent) ? item.intent : intents[0];
  if (suggested) select.value = suggested;
  const assign = el('button', { text: 'Assign', attrs: { type: 'button', class: 'assign' } });
  const oos = el('button', { text: 'Out of scope', className: 'secondary', attrs: { type: 'button' } });
  const dismiss = el('button', { text: 'Dismiss', className: 'secondary', attrs: { type: 'button' } });
  /** @param {() => object} body */
  const act = (body) => async () => {
    for (const b of [assign, oos, dismiss]) b.disabled = true;
    try {
      await api('POST', `/trainer/api/inbox/${encodeURIComponent(item.id)}`, body());
      await loadInbox();
    } catch (err) {
      showError($('inbox-error'), err);
      for (const b of [assign, oos, dismiss]) b.disabled = false;
    }
  };
  assign.addEventListener('click', act(() => ({ action: 'accept', intent: select.value })));
  oos.addEventListener('click', act(() => ({ action: 'out_of_scope' })));
  dismiss.addEventListener('click', act(() => ({ action: 'dismiss' })));
  return el('div', { className: 'review' }, [select, assign, oos, dismiss]);
}

/** Filters reload the list; the text filter once typing pauses. */
export function wireFilters() {
  fillSelect($('f-status', HTMLSelectElement), [...Object.entries(labels.reviewStatuses), ['all', 'all']]);
  fillSelect($('f-reason', HTMLSelectElement), Object.entries(labels.reviewReasons), true);
  let typing = 0;
  $('filters').addEventListener('change', () => void loadInbox());
  $('f-q').addEventListener('input', () => {
    window.clearTimeout(typing);
    typing = window.setTimeout(() => void loadInbox(), 300);
  });
  $('filters').addEventListener('submit', (e) => e.preventDefault());
}
