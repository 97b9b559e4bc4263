// @ts-check
// The dashboard's four charts, drawn with Chart.js (served from node_modules, loaded before us).
import { $ } from '../kit/dom.js';
import { reasonLabel } from './labels.js';

/** @typedef {import('../../ops/admin/adminViews').Kpis} Kpis */
/** @typedef {{ destroy(): void }} ChartInstance */
/** @typedef {new (canvas: HTMLCanvasElement, config: object) => ChartInstance} ChartClass */

export const COLORS = { contained: '#2f6f5e', handoff: '#e8702a', abandoned: '#c0392b', open: '#c9b8a6', fallback: '#8e6bbf', csat: '#f2b134' };

/** @type {Record<string, ChartInstance>} */
const charts = {};

/** @param {string} id @param {object} config */
function chart(id, config) {
  const Chart = /** @type {{ Chart?: ChartClass }} */ (/** @type {unknown} */ (window)).Chart;
  if (!Chart) throw new Error('Chart.js did not load.');
  charts[id]?.destroy();
  charts[id] = new Chart($(id, HTMLCanvasElement), config);
}

/** @param {number | null} rate */
const percent = (rate) => (rate === null ? null : rate * 100);

/** @param {Kpis} k */
export function drawCharts(k) {
  const t = k.total;
  const days = k.byDay.map((d) => d.day.slice(5));
  chart('chart-daily', {
    type: 'bar',
    data: {
      labels: days,
      datasets: [
        { label: 'Contained', data: k.byDay.map((d) => d.contained), backgroundColor: COLORS.contained },
        { label: 'Handed off', data: k.byDay.map((d) => d.handoffs), backgroundColor: COLORS.handoff },
        { label: 'Abandoned', data: k.byDay.map((d) => d.abandoned), backgroundColor: COLORS.abandoned },
        { label: 'Still open', data: k.byDay.map((d) => d.open), backgroundColor: COLORS.open },
      ],
    },
    options: { maintainAspectRatio: false, animation: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
  });
  chart('chart-rates', {
    type: 'line',
    data: {
      labels: days,
      datasets: [
        { label: 'Containment', data: k.byDay.map((d) => percent(d.containmentRate)), borderColor: COLORS.contained, backgroundColor: COLORS.contained, spanGaps: true },
        { label: 'Handoff', data: k.byDay.map((d) => percent(d.handoffRate)), borderColor: COLORS.handoff, backgroundColor: COLORS.handoff, spanGaps: true },
        { label: 'Not understood', data: k.byDay.map((d) => percent(d.fallbackRate)), borderColor: COLORS.fallback, backgroundColor: COLORS.fallback, spanGaps: true },
      ],
    },
    options: { maintainAspectRatio: false, animation: false, scales: { y: { min: 0, max: 100, ticks: { callback: (/** @type {number} */ v) => `${v} %` } } } },
  });
  const reasons = Object.keys(t.handoffsByReason);
  chart('chart-reasons', {
    type: 'doughnut',
    data: { labels: reasons.map(reasonLabel), datasets: [{ data: reasons.map((r) => t.handoffsByReason[r]?.count ?? 0), backgroundColor: ['#e8702a', '#2f6f5e', '#8e6bbf', '#c0392b', '#f2b134'] }] },
    options: { maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'right' } } },
  });
  chart('chart-csat', {
    type: 'bar',
    data: { labels: ['1', '2', '3', '4', '5'], datasets: [{ label: 'Ratings', data: t.csat.distribution, backgroundColor: COLORS.csat }] },
    options: { maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
}
