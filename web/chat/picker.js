// @ts-check
// Demo mode: pick a shop customer to chat as (or chat anonymously), then get a chat token.
import { api, errorText } from '../kit/api.js';
import { $, el } from '../kit/dom.js';
import { saveSession } from './session.js';
import { notice, setStatus, show } from './view.js';
import { startChat, stopChat } from './webChat.js';

/** @param {boolean} demo */
export async function showPicker(demo) {
  stopChat();
  setStatus('idle');
  if (!demo) {
    notice('Chat is embedded by the shop', 'Demo mode is off on this server: the shop’s own pages open the chat with a token from POST /api/chat/token.');
    return;
  }
  show('picker');
  const list = $('customers');
  const error = $('picker-error');
  error.hidden = true;
  list.setAttribute('aria-busy', 'true');
  list.replaceChildren();
  try {
    const { customers } = /** @type {import('./chatViews').DemoCustomers} */ (await api('GET', '/api/demo/customers'));
    list.replaceChildren(
      ...customers.map((c) => {
        const name = String(c.name || c.id);
        const b = el('button', { className: 'customer', attrs: { type: 'button', 'data-customer-id': c.id } }, [
          el('span', { className: 'initial', text: (name.trim().charAt(0) || '?').toUpperCase(), attrs: { 'aria-hidden': 'true' } }),
          el('span', { className: 'name', text: name }),
          el('span', { className: 'id', text: c.id }),
        ]);
        b.addEventListener('click', () => void begin(c.id, name));
        return el('li', {}, [b]);
      }),
    );
  } catch (err) {
    error.textContent = `${errorText(err)} You can still chat anonymously.`;
    error.hidden = false;
  }
  list.setAttribute('aria-busy', 'false');
}

/** Starts a chat as a demo customer, or anonymously (`customerId` null). @param {string | null} customerId @param {string} label */
export async function begin(customerId, label) {
  setStatus('connecting');
  try {
    const t = /** @type {import('./chatViews').ChatToken} */ (await api('POST', '/api/demo/token', customerId ? { customerId } : {}));
    const session = { token: t.token, conversationId: t.conversationId, label, resume: false };
    saveSession(session);
    startChat(session);
  } catch (err) {
    setStatus('idle');
    const error = $('picker-error');
    error.textContent = errorText(err);
    error.hidden = false;
  }
}
