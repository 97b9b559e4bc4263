// @ts-check
// Log levels: what each module logs at, and changing it at runtime (for a while, or until changed).
import { api, errorText } from '../kit/api.js';
import { $, fillSelect } from '../kit/dom.js';
import { rows } from './tables.js';

/** @typedef {import('../../ops/admin/adminViews').LogLevelsSnapshot} LogLevelsSnapshot */

/** @param {string} m */
const moduleLabel = (m) => (m === '*' ? '* (all modules)' : m);

/** @param {string} iso */
function untilText(iso) {
  const mins = Math.max(0, Math.round((Date.parse(iso) - Date.now()) / 60000));
  return `until ${new Date(iso).toLocaleString()} (${mins < 1 ? 'under a minute' : `${mins} min`} left)`;
}

/** @param {LogLevelsSnapshot} s */
function renderLevels(s) {
  /** @type {Record<string, string>} */
  const until = {};
  for (const o of s.overrides) until[o.module] = `${o.level}${o.expiresAt ? `, ${untilText(o.expiresAt)}` : ', until changed back'}`;
  rows('table-levels', Object.keys(s.modules), (m) => [moduleLabel(m), s.modules[m] ?? '', until[m] || '–']);
  fillSelect($('level-module', HTMLSelectElement), ['*', ...s.known].map((m) => [m, moduleLabel(m)]));
}

export async function loadLevels() {
  try {
    renderLevels(/** @type {LogLevelsSnapshot} */ (await api('GET', '/admin/log-level')));
  } catch {
    // the table stays as it was; changing a level reports its own errors
  }
}

export function wireLevels() {
  $('level-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const minutes = Number($('level-minutes', HTMLInputElement).value);
    const body = { module: $('level-module', HTMLSelectElement).value || '*', level: $('level-level', HTMLSelectElement).value || null, ...(minutes > 0 ? { ttlSeconds: Math.round(minutes * 60) } : {}) };
    const error = $('level-error');
    try {
      renderLevels(/** @type {LogLevelsSnapshot} */ (await api('PUT', '/admin/log-level', body)));
      error.hidden = true;
    } catch (err) {
      error.textContent = errorText(err);
      error.hidden = false;
    }
  });
}
