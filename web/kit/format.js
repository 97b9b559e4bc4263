// @ts-check
// The page kit's number and time formats, the same on every page. A missing figure is "–".

/** "42.5 %". @param {number | null | undefined} v a share 0–1 */
export const pct = (v) => (v === null || v === undefined ? '–' : `${(Math.round(v * 1000) / 10).toFixed(1)} %`);

/** A date and time in the reader's locale. @param {string | null | undefined} iso */
export const when = (iso) => (iso ? new Date(iso).toLocaleString() : '–');
