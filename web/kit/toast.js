// @ts-check
// The page kit's notices: a toast for passing news, an error box for what failed and why.
import { el } from './dom.js';
import { ApiError, errorText } from './api.js';

/** @type {number} */
let hideTimer = 0;

/**
 * Shows `text` for four seconds in the page's `#toast` (created when the page has none).
 * @param {string} text
 * @param {'info' | 'error'} [kind]
 */
export function toast(text, kind = 'info') {
  let t = document.getElementById('toast');
  if (!t) {
    t = el('p', { className: 'toast', attrs: { id: 'toast', role: 'status' } });
    document.body.append(t);
  }
  const box = t;
  box.textContent = text;
  box.setAttribute('data-kind', kind);
  box.hidden = false;
  window.clearTimeout(hideTimer);
  hideTimer = window.setTimeout(() => void (box.hidden = true), 4000);
}

/** Toasts what went wrong (the server's problem detail). @param {unknown} err */
export function fail(err) {
  toast(errorText(err), 'error');
}

/**
 * Shows an error in `box`: the message, and the problem's failing fields or checks as a list.
 * @param {HTMLElement} box
 * @param {unknown} err
 */
export function showError(box, err) {
  const details = err instanceof ApiError ? err.details : [];
  box.replaceChildren(el('span', { text: err instanceof Error ? err.message : String(err) }));
  if (details.length) box.append(el('ul', {}, details.map((d) => el('li', { text: d }))));
  box.hidden = false;
}
