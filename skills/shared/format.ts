const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const day = new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' });
const number = new Intl.NumberFormat('en-US');

/** 1234 → "$12.34" */
export const formatMoney = (cents: number): string => money.format(cents / 100);
/** "2026-12-04" → "Friday, December 4" */
export const formatDay = (iso: string): string => day.format(new Date(`${iso}T12:00:00Z`));
/** 12400 → "12,400" */
export const formatNumber = (n: number): string => number.format(n);
/** 1 → "1 week", 3 → "3 weeks" */
export const plural = (n: number, word: string): string => `${formatNumber(n)} ${word}${n === 1 ? '' : 's'}`;
