// @ts-check
// The live panel: the handoff queue and the agents online right now (server-sent events).
import { $ } from '../kit/dom.js';
import { ms } from './format.js';
import { rows } from './tables.js';

/** @param {import('../../ops/admin/adminViews').LiveState} s */
function renderLive(s) {
  $('live-queue').textContent = String(s.queueLength);
  $('live-wait').textContent = s.longestWaitMs === null ? '–' : ms(s.longestWaitMs);
  $('live-online').textContent = String(s.agents.length);
  const load = s.agents.reduce((n, a) => n + a.load, 0);
  const capacity = s.agents.reduce((n, a) => n + a.capacity, 0);
  $('live-load').textContent = `${load} chats of ${capacity} capacity`;
  rows('table-live-agents', s.agents, (a) => [a.displayName, [a.load, 'num'], [a.capacity, 'num']]);
  $('live').dataset.at = s.at;
}

export function startLive() {
  const status = $('live-status');
  const panel = $('live');
  if (!window.EventSource) return void (status.textContent = 'not supported by this browser');
  const source = new EventSource('/admin/api/live');
  source.addEventListener('open', () => {
    status.textContent = 'live';
    panel.dataset.state = 'live';
  });
  source.addEventListener('error', () => {
    status.textContent = 'reconnecting…';
    panel.dataset.state = 'reconnecting';
  });
  source.addEventListener('live', (e) => renderLive(JSON.parse(/** @type {MessageEvent} */ (e).data)));
}
