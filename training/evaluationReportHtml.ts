import { NONE_INTENT } from '../nlu/intents';
import type { EvaluationReport } from './evaluate';

/** What the page says about where the figures come from. */
export interface ReportContext {
  title?: string;
  /** e.g. "model 20260101T…-abc, test set intents/test.tsv (400 rows)". */
  subtitle?: string;
  /** Per-fold figures of a cross-validation, when there was one. */
  perFold?: { fold: number; train: number; test: number; inScopeAccuracy: number; oosRecall: number | null; macroF1: number }[];
  generatedAt?: Date;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Every text that reaches the page goes through this. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)} %`);
const num = (x: number) => x.toFixed(3);

/**
 * One self-contained HTML page of an evaluation (no script, no external resource): headline
 * figures, the confusion-matrix heatmap, the worst confusions with example utterances, the curve
 * of in-scope accuracy against out-of-scope recall as the answer threshold moves, and per-intent
 * precision / recall / F1.
 */
export function renderEvaluationHtml(report: EvaluationReport, context: ReportContext = {}): string {
  const title = context.title ?? 'Intent model evaluation';
  const cards = [
    ['In-scope accuracy', pct(report.inScopeAccuracy), `${report.inScopeRows} in-scope rows; ${pct(report.inScopeClarified)} got a clarifying question`],
    ['Out-of-scope recall', pct(report.oosRecall), `${report.oosRows} out-of-scope rows sent to fallback`],
    ['Out-of-scope precision', pct(report.oosPrecision), 'of the messages the bot did not act on, really out of scope'],
    ['Macro-F1', num(report.macroF1), 'mean F1 of every label with test rows'],
    ['Top-1 accuracy', pct(report.top1Accuracy), 'best intent right, before thresholds'],
  ]
    .map(([h, v, s]) => `<div class="card"><div class="k">${escapeHtml(h!)}</div><div class="v">${escapeHtml(v!)}</div><div class="s">${escapeHtml(s!)}</div></div>`)
    .join('');

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1d2433;background:#f6f7fb}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}.sub{color:#5b6478;margin:0 0 16px}
.cards{display:flex;flex-wrap:wrap;gap:12px}.card{background:#fff;border:1px solid #dfe3ec;border-radius:8px;padding:12px 16px;min-width:170px}
.card .k{color:#5b6478;font-size:12px;text-transform:uppercase;letter-spacing:.04em}.card .v{font-size:26px;font-weight:600}.card .s{color:#5b6478;font-size:12px;max-width:220px}
section{background:#fff;border:1px solid #dfe3ec;border-radius:8px;padding:16px;margin-top:16px;overflow-x:auto}
table{border-collapse:collapse}th,td{padding:4px 8px;text-align:right}th{font-weight:600}td.l,th.l{text-align:left}
table.list tr:nth-child(even) td{background:#f3f5f9}
table.heat td{width:28px;height:24px;padding:0;text-align:center;font-size:11px;border:1px solid #fff}
table.heat th.col{writing-mode:vertical-rl;transform:rotate(180deg);font-size:11px;font-weight:500;padding:4px 0;text-align:left;height:130px}
table.heat th.row{font-size:12px;font-weight:500;text-align:right;white-space:nowrap}
.axis{font-size:11px;fill:#5b6478}.ex{color:#5b6478;font-size:12px}.legend{color:#5b6478;font-size:12px;margin-top:6px}
.bad{color:#b42318}.ok{color:#067647}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p class="sub">${escapeHtml(context.subtitle ?? '')}${context.generatedAt ? ` · ${escapeHtml(context.generatedAt.toISOString())}` : ''}</p>
<div class="cards">${cards}</div>
<section><h2>Confusion matrix</h2>${heatmap(report)}<p class="legend">Rows: the intent the message really has; columns: what the bot did with it at the model's thresholds (<code>none</code> = fallback or clarifying question). Green: right; red: wrong; darker = a larger share of the row.</p></section>
<section><h2>Worst confusions</h2>${worst(report)}</section>
<section><h2>In-scope accuracy against out-of-scope recall</h2>${curve(report)}</section>
<section><h2>Per intent</h2>${perIntentTable(report)}</section>
${context.perFold ? `<section><h2>Cross-validation folds</h2>${foldsTable(context.perFold)}</section>` : ''}
<section><h2>Thresholds</h2><pre>${escapeHtml(JSON.stringify(report.thresholds, null, 2))}</pre></section>
</body></html>
`;
}

function heatmap(r: EvaluationReport): string {
  const { labels, matrix } = r.confusion;
  const head = labels.map((l) => `<th class="col" scope="col">${escapeHtml(l)}</th>`).join('');
  const rows = labels
    .map((label, i) => {
      const row = matrix[i]!;
      const total = row.reduce((a, b) => a + b, 0) || 1;
      const cells = row
        .map((n, j) => {
          if (n === 0) return '<td></td>';
          const share = n / total;
          const alpha = (0.15 + 0.85 * share).toFixed(2);
          const color = i === j ? `rgba(6,118,71,${alpha})` : `rgba(180,35,24,${alpha})`;
          const fg = share > 0.5 ? '#fff' : '#1d2433';
          return `<td style="background:${color};color:${fg}" title="${escapeHtml(`${label} → ${labels[j]!}: ${n}`)}">${n}</td>`;
        })
        .join('');
      return `<tr><th class="row" scope="row">${escapeHtml(label)}</th>${cells}</tr>`;
    })
    .join('');
  return `<table class="heat"><thead><tr><th></th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

function worst(r: EvaluationReport): string {
  if (r.worstConfusions.length === 0) return '<p>No confusions: every test row was routed right.</p>';
  const rows = r.worstConfusions
    .map(
      (c) =>
        `<tr><td>${c.count}</td><td class="l">${escapeHtml(c.expected)}</td><td class="l">${escapeHtml(c.predicted === NONE_INTENT ? 'none (not answered)' : c.predicted)}</td><td class="l ex">${c.examples.map((e) => `“${escapeHtml(e)}”`).join('<br>')}</td></tr>`,
    )
    .join('');
  return `<table class="list"><thead><tr><th>rows</th><th class="l">really</th><th class="l">routed as</th><th class="l">examples</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function curve(r: EvaluationReport): string {
  const W = 560;
  const H = 360;
  const pad = { l: 52, r: 16, t: 12, b: 44 };
  const x = (v: number) => pad.l + v * (W - pad.l - pad.r);
  const y = (v: number) => H - pad.b - v * (H - pad.t - pad.b);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const grid = ticks
    .map(
      (t) =>
        `<line x1="${x(t)}" y1="${y(0)}" x2="${x(t)}" y2="${y(1)}" stroke="#eef0f5"/><line x1="${x(0)}" y1="${y(t)}" x2="${x(1)}" y2="${y(t)}" stroke="#eef0f5"/>` +
        `<text class="axis" x="${x(t)}" y="${y(0) + 16}" text-anchor="middle">${t * 100}%</text><text class="axis" x="${x(0) - 6}" y="${y(t) + 4}" text-anchor="end">${t * 100}%</text>`,
    )
    .join('');
  const pts = r.curve.map((p) => `${x(p.oosRecall).toFixed(1)},${y(p.inScopeAccuracy).toFixed(1)}`).join(' ');
  const dots = r.curve
    .map((p) => `<circle cx="${x(p.oosRecall).toFixed(1)}" cy="${y(p.inScopeAccuracy).toFixed(1)}" r="2.5" fill="#3056d3"><title>threshold ${p.threshold}: in-scope ${pct(p.inScopeAccuracy)}, out-of-scope recall ${pct(p.oosRecall)}</title></circle>`)
    .join('');
  const op = { a: r.inScopeAccuracy, o: r.oosRecall ?? 0 };
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="in-scope accuracy against out-of-scope recall">
${grid}
<polyline points="${pts}" fill="none" stroke="#3056d3" stroke-width="2"/>${dots}
<circle cx="${x(op.o)}" cy="${y(op.a)}" r="7" fill="none" stroke="#b42318" stroke-width="2.5"><title>the model's thresholds: in-scope ${pct(op.a)}, out-of-scope recall ${pct(op.o)}</title></circle>
<text class="axis" x="${(x(0) + x(1)) / 2}" y="${H - 8}" text-anchor="middle">out-of-scope recall (share of out-of-scope messages sent to fallback)</text>
<text class="axis" transform="translate(14 ${(y(0) + y(1)) / 2}) rotate(-90)" text-anchor="middle">in-scope accuracy</text>
</svg>`;
  const sample = r.curve.filter((_, i) => i % 5 === 0);
  const table = `<table class="list"><thead><tr><th>answer threshold</th><th>in-scope accuracy</th><th>out-of-scope recall</th></tr></thead><tbody>${sample
    .map((p) => `<tr><td>${p.threshold.toFixed(2)}</td><td>${pct(p.inScopeAccuracy)}</td><td>${pct(p.oosRecall)}</td></tr>`)
    .join('')}</tbody></table>`;
  return `<div style="display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start">${svg}${table}</div><p class="legend">Each dot is one answer threshold (per-intent thresholds keep their offset to it); raising it sends more messages to fallback: more out-of-scope ones caught, fewer in-scope ones answered. The red ring is the model's calibrated thresholds (answer ${r.thresholds.answer}).</p>`;
}

function perIntentTable(r: EvaluationReport): string {
  const rows = Object.entries(r.perIntent)
    .sort((a, b) => a[1].f1 - b[1].f1 || a[0].localeCompare(b[0]))
    .map(([label, m]) => `<tr><td class="l">${escapeHtml(label)}</td><td>${m.support}</td><td>${m.predicted}</td><td>${num(m.precision)}</td><td>${num(m.recall)}</td><td class="${m.f1 < 0.8 ? 'bad' : 'ok'}">${num(m.f1)}</td></tr>`)
    .join('');
  return `<table class="list"><thead><tr><th class="l">label</th><th>rows</th><th>predicted</th><th>precision</th><th>recall</th><th>F1</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function foldsTable(perFold: NonNullable<ReportContext['perFold']>): string {
  return `<table class="list"><thead><tr><th>fold</th><th>train</th><th>held out</th><th>in-scope accuracy</th><th>out-of-scope recall</th><th>macro-F1</th></tr></thead><tbody>${perFold
    .map((f) => `<tr><td>${f.fold}</td><td>${f.train}</td><td>${f.test}</td><td>${pct(f.inScopeAccuracy)}</td><td>${pct(f.oosRecall)}</td><td>${num(f.macroF1)}</td></tr>`)
    .join('')}</tbody></table>`;
}
