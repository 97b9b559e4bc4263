import type { PauseSubscriptionRequest } from '../../contracts/subscriptions';
import type { Recognition } from '../../nlu/recognizer';
import { addDays, daysBetween } from '../../platform/dates';
import { slots } from '../shared/slots';
import { subscriptionsReplies } from './subscriptionsReplies';

/** A pause read from what the customer said, with the date it ends, or why it can't be used. */
export type PauseReading = { ok: true; request: PauseSubscriptionRequest; until: string } | { ok: false; problem: string };

/**
 * "for 3 weeks" → 3 weeks; "for 10 days" / "until March 3rd" → until a date; limited to 26
 * weeks and 180 days, never in the past.
 */
export function readPause(r: Pick<Recognition, 'entities'>, today: string): PauseReading | undefined {
  const days = slots.durationDays(r);
  if (days !== undefined) {
    if (days <= 0) return { ok: false, problem: subscriptionsReplies.badPause };
    if (days > 26 * 7) return { ok: false, problem: subscriptionsReplies.pauseTooLong };
    if (days % 7 === 0) return { ok: true, request: { weeks: days / 7 }, until: addDays(today, days) };
    const until = addDays(today, days);
    return { ok: true, request: { until }, until };
  }
  const date = slots.date(r);
  if (date !== undefined) return readDate(date, today, 180, (until) => ({ until }));
  return undefined;
}

/** Checks a date is after today and within `maxDays`. */
export function readDate<T>(date: string, today: string, maxDays: number, make: (d: string) => T): { ok: true; request: T; until: string } | { ok: false; problem: string } {
  const ahead = daysBetween(today, date);
  if (ahead <= 0) return { ok: false, problem: subscriptionsReplies.dateInPast };
  if (ahead > maxDays) return { ok: false, problem: subscriptionsReplies.dateTooFar };
  return { ok: true, request: make(date), until: date };
}
