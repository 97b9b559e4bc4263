/** Calendar dates as `YYYY-MM-DD` strings in UTC: the format of every API and dialog. */

/** `YYYY-MM-DD` of an instant, in UTC. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** Adds whole days to a `YYYY-MM-DD` date. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDay(d);
}

/** Whole days from `a` to `b` (both `YYYY-MM-DD`). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
