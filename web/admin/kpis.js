// @ts-check
// The KPI tiles and tables of a period. Clicking a figure opens the conversations behind it.
import { $, el } from '../kit/dom.js';
import { drawCharts } from './charts.js';
import { drill } from './conversations.js';
import { pct } from '../kit/format.js';
import { ms, num, stars } from './format.js';
import { periodQuery } from './period.js';
import { fillList, rows } from './tables.js';

/** @typedef {import('../../ops/admin/adminViews').Kpis} Kpis */
/** @typedef {import('./conversations.js').Filter} Filter */

/**
 * A tile: its figure, the count behind it, the definition (one per rate, from the API) and,
 * when clicked, the conversations behind it in the browser below.
 * @param {string} label @param {string} value @param {string} sub @param {string} key @param {string} definition @param {Filter} filter
 */
function tile(label, value, sub, key, definition, filter) {
  const t = el('button', { className: 'tile drill', title: 'Show these conversations', attrs: { type: 'button', 'data-kpi': key } }, [
    el('div', { className: 'label', text: label }),
    el('div', { className: 'value', text: value }),
    sub && el('div', { className: 'sub', text: sub }),
    definition && el('div', { className: 'def', text: definition }),
  ]);
  t.addEventListener('click', () => drill(filter));
  return t;
}

/** @param {number} n @param {number} of */
const share = (n, of) => `${n} of ${of}`;

/** @param {Kpis} k */
export function renderKpis(k) {
  const t = k.total;
  const d = k.definitions;
  $('tiles').replaceChildren(
    tile('Conversations', num(t.conversations), 'contained + handed off + abandoned + still open', 'conversations', d.conversations, {}),
    tile('Containment', pct(t.containmentRate), `${share(t.contained, t.conversations)} conversations`, 'containment', d.containment, { outcome: 'contained' }),
    tile('Handoff rate', pct(t.handoffRate), `${share(t.handoffs, t.conversations)} conversations`, 'handoff', d.handoff, { outcome: 'handoff' }),
    tile('Abandoned', pct(t.abandonmentRate), `${share(t.abandoned, t.conversations)} conversations`, 'abandoned', d.abandoned, { outcome: 'abandoned' }),
    tile('Still open', pct(t.openRate), `${share(t.open, t.conversations)} conversations`, 'open', d.open, { outcome: 'open' }),
    tile('Not understood', pct(t.fallbackRate), `${share(t.fallbacks, t.routedMessages)} messages`, 'fallback', d.fallback, { fallback: 'yes' }),
    tile('First reply', ms(t.firstReplyMs.median), `p90 ${ms(t.firstReplyMs.p90)}, ${t.firstReplyMs.count} conversations`, 'first-reply', d.firstReply, {}),
    tile('Handoff wait', ms(t.handoffWaitMs.median), `p90 ${ms(t.handoffWaitMs.p90)}, ${t.handoffWaitMs.count} accepted`, 'handoff-wait', d.handoffWait, { outcome: 'handoff' }),
    tile('CSAT', t.csat.average === null ? '–' : `${t.csat.average.toFixed(2)} / 5`, `${t.csat.responses} ratings, ${pct(t.csat.responseRate)} of ${t.csat.asked} asked`, 'csat', d.csat, { csat: 'rated' }),
  );
  for (const a of document.querySelectorAll('a.csv[data-table]')) {
    if (!(a instanceof HTMLAnchorElement)) continue;
    a.href = `/admin/api/kpis.csv?table=${a.dataset.table}&${periodQuery()}`;
    a.setAttribute('download', '');
  }
  fillList('intent-names', k.byIntent.map((i) => i.intent));
  fillList('agent-names', k.agents.map((a) => a.agent));
  drawCharts(k);

  rows('table-handoff-intents', k.topHandoffIntents.slice(0, 10), (r) => [r.intent === 'none' ? 'none (not understood)' : r.intent, [r.handoffs, 'num'], [pct(r.share), 'num']], (r) => drill({ outcome: 'handoff', topic: r.intent }));
  rows('table-agents', k.agents, (a) => [a.agent, [a.chats, 'num'], [ms(a.handleMs.median), 'num'], [a.csatAverage === null ? '–' : `${a.csatAverage.toFixed(2)} (${a.csatResponses})`, 'num']], (a) => drill({ agent: a.agent }));
  rows(
    'table-intents',
    k.byIntent,
    (i) => [i.intent, [i.conversations, 'num'], [pct(i.containmentRate), 'num'], [pct(i.handoffRate), 'num'], [pct(i.abandonmentRate), 'num'], [pct(i.openRate), 'num'], [pct(i.fallbackRate), 'num'], [stars(i.csat.average), 'num']],
    (i) => drill({ intent: i.intent }),
  );
  rows('table-comments', k.comments, (c) => [new Date(c.at).toLocaleString(), [c.rating === null ? '–' : c.rating, 'num'], [c.comment, 'comment'], c.agent || 'bot']);
}
