// @ts-check
// The queue panel: who is waiting, for how long, and the Accept button.
import { api } from '../kit/api.js';
import { $, el } from '../kit/dom.js';
import { fail } from '../kit/toast.js';
import { renderChats } from './chats.js';
import { showChat } from './conversation.js';
import { conversationPath, customerLabel, duration, reasonBadge, state } from './state.js';

const LONG_WAIT_MS = 5 * 60 * 1000;

/** @typedef {import('./consoleViews').ConversationView} ConversationView */

/** @param {import('./consoleViews').QueueItem[]} queue @param {number} online */
export function setQueue(queue, online) {
  state.queue = queue;
  state.queueAt = Date.now();
  state.online = online;
  renderQueue();
}

export function renderQueue() {
  const presence = $('presence', HTMLSelectElement).value;
  const full = !!state.me && state.chats.length >= state.me.capacity;
  $('queue-count').textContent = String(state.queue.length);
  $('queue-empty').hidden = state.queue.length > 0;
  $('online').textContent = state.online === 1 ? '1 agent online' : `${state.online} agents online`;
  $('queue').replaceChildren(
    ...state.queue.map((q) => {
      const accept = el('button', { className: 'accept', text: 'Accept', attrs: { type: 'button' } });
      accept.disabled = full || presence !== 'online';
      accept.title = full ? 'You are at your capacity' : presence !== 'online' ? 'Set yourself online first' : 'Take this conversation';
      accept.addEventListener('click', () => void acceptConversation(q.conversationId, accept));
      return el('li', { className: 'item', attrs: { 'data-conversation-id': q.conversationId, 'data-waited': String(q.waitedMs) } }, [
        el('div', { className: 'row' }, [el('span', { className: 'who', text: `#${q.position} ${customerLabel(q)}` }), reasonBadge(q.reason)]),
        el('div', { className: 'summary', text: q.summary }),
        el('div', { className: 'row' }, [el('span', { className: 'wait' }), accept]),
      ]);
    }),
  );
  tickWaits();
}

/** Counts every wait up from when the queue was read (no request per second). */
function tickWaits() {
  const since = Date.now() - state.queueAt;
  for (const item of $('queue').children) {
    const waited = Number(item.getAttribute('data-waited')) + since;
    const wait = item.querySelector('.wait');
    if (wait) wait.textContent = `waiting ${duration(waited)}`;
    item.classList.toggle('long', waited > LONG_WAIT_MS);
  }
}

export function startWaitClock() {
  window.setInterval(tickWaits, 1000);
}

/** @param {string} id @param {HTMLButtonElement} button */
async function acceptConversation(id, button) {
  button.disabled = true;
  try {
    const view = /** @type {ConversationView} */ (await api('POST', conversationPath(id, 'accept')));
    if (!state.chats.some((c) => c.conversationId === id)) {
      state.chats.push({ conversationId: id, customerName: view.customerName, customerId: view.customerId, reason: view.reason, acceptedAt: view.acceptedAt });
    }
    renderChats();
    showChat(view);
  } catch (e) {
    button.disabled = false;
    fail(e);
  }
}
