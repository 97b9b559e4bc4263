// @ts-check
// Writing in the open conversation: messages (with canned responses and typing signals),
// internal notes, and ending the chat with an outcome.
import { api } from '../kit/api.js';
import { $ } from '../kit/dom.js';
import { fail, toast } from '../kit/toast.js';
import { closeChat, onLine } from './conversation.js';
import { renderQueue } from './queue.js';
import { conversationPath, state } from './state.js';

/** @typedef {import('./consoleViews').HandoffLine} HandoffLine */

/** The customer sees "typing…" while the agent writes: at most one signal this often. */
const TYPING_EVERY_MS = 3000;

export function wireCompose() {
  const box = $('message', HTMLTextAreaElement);
  let typingSentAt = 0;

  /** Messages go out one after the other, in the order the agent wrote them. */
  let sending = Promise.resolve();
  function send() {
    const text = box.value.trim();
    const id = state.selected;
    if (!text || !id) return;
    // Taken at once: what the agent types while this one is on its way is never wiped.
    box.value = '';
    box.focus();
    sending = sending.then(async () => {
      try {
        const line = /** @type {HandoffLine} */ (await api('POST', conversationPath(id, 'messages'), { text }));
        if (id === state.selected && state.view) onLine(id, line);
      } catch (e) {
        fail(e);
        // Not sent: given back to the agent, before anything typed since.
        if (id === state.selected) box.value = box.value ? `${text}\n${box.value}` : text;
      }
    });
  }
  $('compose').addEventListener('submit', (e) => {
    e.preventDefault();
    void send();
  });
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void send();
    }
  });
  box.addEventListener('input', () => {
    if (!state.selected || Date.now() - typingSentAt < TYPING_EVERY_MS || !box.value) return;
    typingSentAt = Date.now();
    api('POST', conversationPath(state.selected, 'typing')).catch(() => undefined);
  });

  const canned = $('canned', HTMLSelectElement);
  canned.addEventListener('change', () => {
    const c = state.canned[Number(canned.value)];
    canned.value = '';
    if (!c) return;
    box.value = box.value ? `${box.value.replace(/\s*$/, ' ')}${c.text}` : c.text;
    box.focus();
  });

  $('note-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const input = $('note', HTMLInputElement);
    const text = input.value.trim();
    const id = state.selected;
    if (!text || !id) return;
    try {
      const line = /** @type {HandoffLine} */ (await api('POST', conversationPath(id, 'notes'), { text }));
      input.value = '';
      onLine(id, line);
    } catch (err) {
      fail(err);
    }
  });

  $('end-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const id = state.selected;
    if (!id) return;
    const intent = $('intent', HTMLSelectElement);
    const end = $('end', HTMLButtonElement);
    end.disabled = true;
    try {
      await api('POST', conversationPath(id, 'end'), { outcome: $('outcome', HTMLSelectElement).value, ...(intent.value ? { intent: intent.value } : {}) });
      state.chats = state.chats.filter((c) => c.conversationId !== id);
      intent.value = '';
      closeChat();
      renderQueue();
      toast('Chat ended. The bot is looking after the customer again.');
    } catch (err) {
      end.disabled = false;
      fail(err);
    }
  });
}
