/** A CSV cell: text, a number, or empty (null/undefined). */
export type CsvCell = string | number | boolean | null | undefined;

/** Text that a spreadsheet would run as a formula (CWE-1236). */
const FORMULA = /^[=+\-@\t\r]/;

function cell(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'string') return String(v);
  // Text starting like a formula is prefixed with ' so a spreadsheet shows it instead of running it.
  const text = FORMULA.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * RFC 4180 CSV (CRLF line ends, quotes doubled) of a header and rows. Text cells that start
 * like a spreadsheet formula (`=`, `+`, `-`, `@`) are prefixed with `'`; numbers are written as is.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
