// @ts-check
// How the dashboard writes durations, counts and days (rates: the kit's `pct`). A missing figure is "–".

/** "180 ms", "4.2 s", "3.5 min". @param {number | null | undefined} v */
export function ms(v) {
  if (v === null || v === undefined) return '–';
  if (v < 1000) return `${Math.round(v)} ms`;
  if (v < 60000) return `${(v / 1000).toFixed(1)} s`;
  return `${(v / 60000).toFixed(1)} min`;
}

/** @param {number | null | undefined} v */
export const num = (v) => (v === null || v === undefined ? '–' : String(v));

/** "2026-12-02" (UTC). @param {number} t epoch ms */
export const isoDay = (t) => new Date(t).toISOString().slice(0, 10);

/** @param {number | null} v a mean rating */
export const stars = (v) => (v === null ? '–' : v.toFixed(2));
