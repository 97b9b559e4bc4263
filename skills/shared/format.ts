import { daysBetween } from '../../platform/dates';

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const day = new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' });
const dayWithYear = new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const number = new Intl.NumberFormat('en-US');

/** Beyond this many days from today (either way) a date is written with its year. */
export const YEAR_AFTER_DAYS = 92;

/** 1234 → "$12.34" */
export const formatMoney = (cents: number): string => money.format(cents / 100);
/**
 * A calendar day as a person reads it, relative to `today` (both `YYYY-MM-DD`):
 * "2026-12-04" → "Friday, December 4"; with the year when it falls in another year or more
 * than about three months away ("Saturday, November 25, 2028"), so it is never misread.
 */
export function formatDay(iso: string, today: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  const far = iso.slice(0, 4) !== today.slice(0, 4) || Math.abs(daysBetween(today, iso)) > YEAR_AFTER_DAYS;
  return (far ? dayWithYear : day).format(d);
}
/** 12400 → "12,400" */
export const formatNumber = (n: number): string => number.format(n);
/** 1 → "1 week", 3 → "3 weeks" */
export const plural = (n: number, word: string): string => `${formatNumber(n)} ${word}${n === 1 ? '' : 's'}`;
