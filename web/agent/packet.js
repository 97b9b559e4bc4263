// @ts-check
// The handoff packet beside the open conversation: what the bot knew when it handed off.
import { $, el } from '../kit/dom.js';
import { clock, customerLabel, reasonLabel } from './state.js';

/** @param {HTMLElement} dl @param {string} k @param {string} v */
const fact = (dl, k, v) => dl.append(el('dt', { text: k }), el('dd', { text: v }));

/** @param {import('./consoleViews').ConversationView} view */
export function renderPacket(view) {
  const { packet } = view;
  const facts = $('facts');
  facts.replaceChildren();
  fact(facts, 'Reason', reasonLabel(view.reason));
  fact(facts, 'Customer', customerLabel(view));
  fact(facts, 'Customer id', view.customerId || 'not signed in');
  fact(facts, 'Summary', view.summary);
  fact(facts, 'Requested', clock(packet.requestedAt));

  const trail = $('trail');
  trail.replaceChildren(
    ...packet.trail.map((t) =>
      el('tr', {}, [el('td', { text: t.text }), el('td', { text: t.intent }), el('td', { className: 'score', text: Number(t.score).toFixed(2) }), el('td', { text: t.decision })]),
    ),
  );
  if (!packet.trail.length) {
    const td = el('td', { className: 'empty', text: 'Nothing recognised yet.' });
    td.colSpan = 4;
    trail.append(el('tr', {}, [td]));
  }

  const slots = $('slots');
  slots.replaceChildren();
  const entries = Object.entries(packet.slots || {});
  for (const [k, v] of entries) fact(slots, k, typeof v === 'string' ? v : JSON.stringify(v));
  if (!entries.length) fact(slots, '—', 'nothing collected');

  $('shown').replaceChildren(...(packet.shown.length ? packet.shown.map((s) => el('li', { text: s })) : [el('li', { className: 'empty', text: 'Nothing yet.' })]));
}
