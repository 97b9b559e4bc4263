// @ts-check
// The period of the dashboard: from/to dates, preset chips, and the query they make.
import { $ } from '../kit/dom.js';
import { isoDay } from './format.js';

const DAY = 86400000;
const from = () => $('from', HTMLInputElement);
const to = () => $('to', HTMLInputElement);
const chips = () => /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll('.chip[data-days]'));

/** The last `days` days, today included. @param {number} days */
function setPeriod(days) {
  const now = new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  from().value = isoDay(today - (days - 1) * DAY);
  to().value = isoDay(today);
  for (const c of chips()) c.setAttribute('aria-pressed', String(Number(c.dataset.days) === days));
}

/** The period from the address (`?from&to`), else the last 7 days; `changed` runs on every change. @param {() => void} changed */
export function initPeriod(changed) {
  const q = new URLSearchParams(location.search);
  const f = q.get('from');
  const t = q.get('to');
  if (f && t) {
    from().value = f;
    to().value = t;
  } else setPeriod(7);
  for (const c of chips()) {
    c.addEventListener('click', () => {
      setPeriod(Number(c.dataset.days));
      changed();
    });
  }
  $('period').addEventListener('submit', (e) => {
    e.preventDefault();
    for (const c of chips()) c.setAttribute('aria-pressed', 'false');
    changed();
  });
}

/** The period as the admin API's `from=…&to=…`. */
export const periodQuery = () => `from=${encodeURIComponent(from().value)}&to=${encodeURIComponent(to().value)}`;

/** @returns {{ from: string, to: string }} */
export const period = () => ({ from: from().value, to: to().value });
