// @ts-check
// The open conversation: its header, the transcript before the handoff, and the live lines.
import { api } from '../kit/api.js';
import { $, el } from '../kit/dom.js';
import { fail } from '../kit/toast.js';
import { renderChats } from './chats.js';
import { renderPacket } from './packet.js';
import { clock, conversationPath, customerLabel, reasonLabel, state } from './state.js';

/** @typedef {import('./consoleViews').ConversationView} ConversationView */
/** @typedef {import('./consoleViews').HandoffLine} HandoffLine */
/** @typedef {{ from: HandoffLine['from'] | 'bot', text: string, at: string, by?: string }} ShownLine */

/** @param {string} id */
export async function openChat(id) {
  try {
    showChat(/** @type {ConversationView} */ (await api('GET', conversationPath(id))));
  } catch (e) {
    fail(e);
  }
}

export function closeChat() {
  state.selected = null;
  state.view = null;
  $('chat').hidden = true;
  $('placeholder').hidden = false;
  renderChats();
}

/** @param {ConversationView} view */
export function showChat(view) {
  state.selected = view.conversationId;
  state.view = view;
  delete state.unread[view.conversationId];
  $('placeholder').hidden = true;
  $('chat').hidden = false;
  $('customer-typing').hidden = true;
  $('chat-customer').textContent = customerLabel(view);
  $('chat-meta').textContent = `${view.customerId ? `Customer id ${view.customerId} · ` : ''}queued ${clock(view.queuedAt)}${view.acceptedAt ? ` · accepted ${clock(view.acceptedAt)}` : ''}`;
  const badge = $('chat-reason');
  badge.textContent = reasonLabel(view.reason);
  badge.setAttribute('data-reason', view.reason);

  const lines = $('lines');
  lines.replaceChildren(
    ...view.transcript.map((t) => lineItem({ from: t.role === 'customer' ? 'customer' : 'bot', text: t.text, at: t.at, by: t.role === 'customer' ? customerLabel(view) : 'PawSupport bot' }, true)),
    el('li', { className: 'line divider', text: `Handed to a person · ${reasonLabel(view.reason)} · ${clock(view.queuedAt)}` }),
  );
  $('notes').replaceChildren();
  for (const l of view.lines) addLine(l);
  lines.scrollTop = lines.scrollHeight;
  renderPacket(view);

  const active = view.state === 'active';
  const message = $('message', HTMLTextAreaElement);
  message.disabled = !active;
  $('send', HTMLButtonElement).disabled = !active;
  $('end', HTMLButtonElement).disabled = !active;
  renderChats();
  if (active) message.focus();
}

/** @param {ShownLine} l @param {boolean} before said to the bot, before the handoff */
function lineItem(l, before) {
  return el('li', { className: `line ${l.from}${before ? ' before' : ''}` }, [
    l.from !== 'system' && el('span', { className: 'by', text: l.by || (l.from === 'customer' ? customerLabel(state.view ?? {}) : '') }),
    l.text,
    el('span', { className: 'at', text: clock(l.at) }),
  ]);
}

/** A line of the open conversation: chat lines in the chat, notes in the notes. @param {HandoffLine} l */
function addLine(l) {
  if (l.from === 'note') {
    $('notes').append(el('li', {}, [el('span', { className: 'by', text: `${l.by || ''} · ${clock(l.at)}` }), l.text]));
    return;
  }
  const lines = $('lines');
  const atBottom = lines.scrollHeight - lines.scrollTop - lines.clientHeight < 40;
  lines.append(lineItem(l, false));
  if (atBottom || l.from === 'agent') lines.scrollTop = lines.scrollHeight;
}

/** A line from the feed or from our own post (the same line can come both ways: shown once). @param {string} conversationId @param {HandoffLine} line */
export function onLine(conversationId, line) {
  if (conversationId === state.selected && state.view) {
    if (state.view.lines.some((x) => x.at === line.at && x.text === line.text && x.from === line.from)) return;
    state.view.lines.push(line);
    if (line.from === 'customer') $('customer-typing').hidden = true;
    addLine(line);
  } else if (line.from === 'customer') {
    state.unread[conversationId] = (state.unread[conversationId] || 0) + 1;
    renderChats();
  }
}

/** @type {number} */
let typingHide = 0;

/** The customer is typing in `conversationId`: shown for five seconds. @param {string} conversationId */
export function onTyping(conversationId) {
  if (conversationId !== state.selected) return;
  const typing = $('customer-typing');
  typing.hidden = false;
  window.clearTimeout(typingHide);
  typingHide = window.setTimeout(() => void (typing.hidden = true), 5000);
}
