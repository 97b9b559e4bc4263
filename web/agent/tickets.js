// @ts-check
// The follow-up tickets panel: messages customers left when nobody could take the chat.
import { api } from '../kit/api.js';
import { $, el } from '../kit/dom.js';
import { fail } from '../kit/toast.js';
import { clock, customerLabel, reasonBadge, state } from './state.js';

export async function refreshTickets() {
  try {
    state.tickets = /** @type {{ tickets: import('./consoleViews').Ticket[] }} */ (await api('GET', '/agent/api/tickets')).tickets;
    renderTickets();
  } catch (e) {
    fail(e);
  }
}

export function renderTickets() {
  $('tickets-count').textContent = String(state.tickets.length);
  $('tickets-empty').hidden = state.tickets.length > 0;
  $('tickets').replaceChildren(
    ...state.tickets.map((t) => {
      const done = el('button', { className: 'secondary', text: 'Mark done', attrs: { type: 'button' } });
      done.addEventListener('click', async () => {
        done.disabled = true;
        try {
          await api('POST', `/agent/api/tickets/${encodeURIComponent(t.id)}/close`);
          await refreshTickets();
        } catch (e) {
          done.disabled = false;
          fail(e);
        }
      });
      return el('li', { className: 'item', attrs: { 'data-ticket-id': t.id } }, [
        el('div', { className: 'row' }, [el('span', { className: 'who', text: `${t.id} · ${customerLabel(t)}` }), reasonBadge(t.reason)]),
        el('div', { className: 'summary', text: t.message }),
        t.earlier.length > 0 && el('div', { className: 'meta', text: `Earlier: ${t.earlier.join(' / ')}` }),
        el('div', { className: 'row' }, [el('span', { className: 'wait', text: clock(t.createdAt) }), done]),
      ]);
    }),
  );
}
