// @ts-check
// The model panel: the active model and its figures, every version (report, evaluate,
// publish, roll back), the history, and the training or evaluation job as it runs.
import { api } from '../kit/api.js';
import { $, el } from '../kit/dom.js';
import { pct, when } from '../kit/format.js';
import { showError } from '../kit/toast.js';

/** @typedef {import('./trainerViews').ModelsView} ModelsView */
/** @typedef {import('./trainerViews').ModelEntryView} ModelEntryView */

/** @type {number} */
let jobTimer = 0;

/** @param {string} k @param {string} v */
const fact = (k, v) => [el('dt', { text: k }), el('dd', { text: v })];
/** @param {string} k @param {string} v */
const metric = (k, v) => el('div', { className: 'metric' }, [el('div', { className: 'k', text: k }), el('div', { className: 'v', text: v })]);
/** @param {string} version @param {string} action */
const modelPath = (version, action) => `/trainer/api/models/${encodeURIComponent(version)}/${action}`;

export async function loadModels() {
  const s = /** @type {ModelsView} */ (await api('GET', '/trainer/api/models'));
  const a = s.active;
  $('active').replaceChildren(
    ...fact('Active version', a ? a.version : 'none published yet'),
    ...fact('Published', a ? `${when(a.publishedAt)} by ${a.publishedBy}` : '–'),
    ...fact('This instance serves', s.serving.version),
    ...fact('Trained on', a ? `${a.examples} examples, ${a.intents.length} labels` : '–'),
  );
  const m = a?.scorecard;
  $('metrics').replaceChildren(
    metric('In-scope accuracy', m ? pct(m.inScopeAccuracy) : '–'),
    metric('Out-of-scope recall', m ? pct(m.oosRecall) : '–'),
    metric('Out-of-scope precision', m ? pct(m.oosPrecision) : '–'),
    metric('Macro-F1', m ? m.macroF1.toFixed(3) : '–'),
  );
  $('versions').replaceChildren(...s.entries.map((e) => versionRow(e, a ? a.version : null)));
  $('history').replaceChildren(...s.history.slice(0, 10).map((h) => el('li', { text: `${when(h.at)}: ${h.action} ${h.version} by ${h.by}` })));
}

/** @param {ModelEntryView} e @param {string | null} active */
function versionRow(e, active) {
  const btns = el('div', { className: 'btns' });
  /** @param {string} text @param {string} className @param {() => void} fn */
  const add = (text, className, fn) => {
    const b = el('button', { text, className, attrs: { type: 'button', 'data-action': text.toLowerCase() } });
    b.addEventListener('click', fn);
    btns.append(b);
  };
  add('Report', 'secondary', () => window.open(modelPath(e.version, 'report'), '_blank', 'noopener'));
  add('Evaluate', 'secondary', () => void startJob(modelPath(e.version, 'evaluate')));
  if (e.version !== active) {
    if (e.publishedAt) add('Roll back', 'danger', () => void modelAction(modelPath(e.version, 'rollback'), `Rolled back to ${e.version}.`));
    else add('Publish', '', () => void modelAction(modelPath(e.version, 'publish'), `Published ${e.version}: every instance is switching to it.`));
  }
  const status = e.version === active ? 'active' : e.publishedAt ? 'published before' : 'not published';
  const v = el('td', {}, [el('div', { className: 'v', text: e.version }), el('span', { className: `tag ${e.version === active ? 'done' : 'off'}`, text: status }), el('div', { className: 'score', text: `by ${e.addedBy}` })]);
  return el('tr', { attrs: { 'data-version': e.version } }, [v, el('td', { text: e.scorecard ? pct(e.scorecard.inScopeAccuracy) : '–' }), el('td', { text: e.scorecard ? pct(e.scorecard.oosRecall) : '–' }), el('td', {}, [btns])]);
}

/** @param {string} url @param {string} success */
async function modelAction(url, success) {
  const notice = $('model-notice');
  $('model-error').hidden = true;
  notice.hidden = true;
  try {
    await api('POST', url);
    notice.textContent = success;
    notice.hidden = false;
    // Instances switch a moment later: show what this one serves once it has.
    window.setTimeout(() => void loadModels().catch(() => undefined), 1500);
  } catch (err) {
    showError($('model-error'), err);
  }
  await loadModels();
}

/** @param {string} url */
async function startJob(url) {
  $('model-error').hidden = true;
  try {
    await api('POST', url);
  } catch (err) {
    showError($('model-error'), err);
  }
  await loadJob();
}

/** Shows the job; while it runs, again every second. */
export async function loadJob() {
  window.clearTimeout(jobTimer);
  const { job } = /** @type {import('./trainerViews').JobView} */ (await api('GET', '/trainer/api/job'));
  const box = $('job');
  box.hidden = !job;
  if (!job) return;
  const state = $('job-state');
  $('job-title').textContent = job.kind === 'train' ? 'Training' : `Evaluating ${job.version}`;
  state.textContent = job.state === 'running' ? '… running' : job.state === 'succeeded' ? `done${job.version ? `: ${job.version}` : ''}` : `failed: ${job.error || ''}`;
  state.className = job.state === 'failed' ? 'error' : job.state === 'succeeded' ? 'notice' : '';
  $('job-lines').textContent = job.lines.join('\n');
  $('train', HTMLButtonElement).disabled = job.state === 'running';
  if (job.state === 'running') jobTimer = window.setTimeout(() => void loadJob(), 1000);
  else await loadModels();
}

export function wireModels() {
  $('train').addEventListener('click', () => void startJob('/trainer/api/models/train'));
}
