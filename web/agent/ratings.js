// @ts-check
// The "My ratings" panel: customers rate a chat after it ends, so it refreshes now and then.
import { api } from '../kit/api.js';
import { $, el } from '../kit/dom.js';
import { clock } from './state.js';

const REFRESH_MS = 60_000;
/** @type {number} */
let timer = 0;

export function followRatings() {
  void refreshRatings();
  window.clearInterval(timer);
  timer = window.setInterval(() => void refreshRatings(), REFRESH_MS);
}

async function refreshRatings() {
  /** @type {import('./consoleViews').AgentRatings} */
  let r;
  try {
    r = /** @type {import('./consoleViews').AgentRatings} */ (await api('GET', '/api/agent/ratings?days=30'));
  } catch {
    return; // ratings are a nicety: never block the console
  }
  $('ratings-average').textContent = r.average === null ? '–' : `${r.average.toFixed(1)} / 5`;
  $('ratings-empty').hidden = r.ratings.length > 0;
  $('ratings').replaceChildren(
    ...r.ratings.slice(0, 10).map((x) =>
      el('li', { className: 'item', attrs: { 'data-conversation-id': x.conversationId } }, [
        el('div', { className: 'row' }, [el('span', { className: 'who', text: '★'.repeat(x.rating) + '☆'.repeat(5 - x.rating) }), el('span', { className: 'wait', text: x.endedAt ? clock(x.endedAt) : '' })]),
        x.comment && el('div', { className: 'summary', text: x.comment }),
      ]),
    ),
  );
}
