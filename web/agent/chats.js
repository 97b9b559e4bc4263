// @ts-check
// The "My chats" panel: the agent's conversations, with unread counts.
import { api } from '../kit/api.js';
import { $, el } from '../kit/dom.js';
import { fail } from '../kit/toast.js';
import { openChat } from './conversation.js';
import { renderQueue } from './queue.js';
import { clock, customerLabel, reasonBadge, state } from './state.js';

export async function refreshChats() {
  try {
    state.chats = /** @type {{ chats: import('./consoleViews').ChatSummary[] }} */ (await api('GET', '/agent/api/chats')).chats;
    renderChats();
    renderQueue();
  } catch (e) {
    fail(e);
  }
}

export function renderChats() {
  $('chats-empty').hidden = state.chats.length > 0;
  $('load').textContent = `${state.chats.length} / ${state.me ? state.me.capacity : 3} chats`;
  $('chats').replaceChildren(
    ...state.chats.map((c) => {
      const unread = state.unread[c.conversationId];
      const li = el('li', { className: 'item', attrs: { 'data-conversation-id': c.conversationId, 'aria-current': String(c.conversationId === state.selected) } }, [
        el('div', { className: 'row' }, [el('span', { className: 'who', text: customerLabel(c) }), !!unread && el('span', { className: 'unread', text: unread }), reasonBadge(c.reason)]),
        el('span', { className: 'wait', text: c.acceptedAt ? `since ${clock(c.acceptedAt)}` : '' }),
      ]);
      li.tabIndex = 0;
      const open = () => void openChat(c.conversationId);
      li.addEventListener('click', open);
      li.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') open();
      });
      return li;
    }),
  );
}
