import { z } from 'zod';
import { badRequest } from '../../platform/errors';

const DAY = 86_400_000;
/** The longest period the admin API answers for. */
export const MAX_PERIOD_DAYS = 366;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date yyyy-mm-dd').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'is not a calendar date');

/** The query fields of a period: UTC days, both inclusive. */
export const periodFields = {
  /** First day (UTC), inclusive. */
  from: isoDay.optional(),
  /** Last day (UTC), inclusive. */
  to: isoDay.optional(),
};

/** A period as `[from, to)`. */
export interface Period {
  from: Date;
  to: Date;
}

/**
 * The period of a query: `from`…`to` (inclusive UTC days), by default the 7 days ending today.
 * @throws AppError 400 when `from` is after `to` or the period is longer than {@link MAX_PERIOD_DAYS}.
 */
export function resolvePeriod(q: { from?: string; to?: string }, now: Date): Period {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const to = q.to ? Date.parse(`${q.to}T00:00:00Z`) + DAY : today + DAY;
  const from = q.from ? Date.parse(`${q.from}T00:00:00Z`) : to - 7 * DAY;
  if (from >= to) throw badRequest('"from" must be on or before "to".');
  if (to - from > MAX_PERIOD_DAYS * DAY) throw badRequest(`The period can be at most ${MAX_PERIOD_DAYS} days.`);
  return { from: new Date(from), to: new Date(to) };
}

/** Did the conversation start in the period? (A conversation belongs to the period, and the UTC day, it started in.) */
export const startedIn = (startedAt: string, p: Period): boolean => {
  const t = Date.parse(startedAt);
  return t >= p.from.getTime() && t < p.to.getTime();
};
