import { ORDER_LOOKUP_MAX_FAILURES, ORDER_LOOKUP_WINDOW_SECONDS } from '../../contracts/shipping';
import { AppError } from '../../platform/errors';
import type { DocWrite } from '../../platform/store/docStore';

/** Failed order lookups of one key (an order number, or a ZIP code / e-mail) in the current window. */
export interface LookupFailures {
  failures: number;
  windowEndsAt: string;
}

const live = (f: LookupFailures | undefined, now: Date) => (f && Date.parse(f.windowEndsAt) > now.getTime() ? f : undefined);

/** Seconds until `f`'s window ends when it has used up its failures, else 0. */
export function blockedForSeconds(f: LookupFailures | undefined, now: Date): number {
  const current = live(f, now);
  if (!current || current.failures < ORDER_LOOKUP_MAX_FAILURES) return 0;
  return Math.max(1, Math.ceil((Date.parse(current.windowEndsAt) - now.getTime()) / 1000));
}

/** One more failure of `key` (the window starts at the first failure and expires with it). */
export function countFailure(key: string, f: LookupFailures | undefined, now: Date): DocWrite {
  const current = live(f, now);
  const windowEndsAt = current?.windowEndsAt ?? new Date(now.getTime() + ORDER_LOOKUP_WINDOW_SECONDS * 1000).toISOString();
  const ttlSeconds = Math.max(1, Math.ceil((Date.parse(windowEndsAt) - now.getTime()) / 1000));
  return { key, value: { failures: (current?.failures ?? 0) + 1, windowEndsAt } satisfies LookupFailures, ttlSeconds };
}

export const tooManyLookups = (retryAfterSeconds: number) =>
  new AppError(429, 'too_many_attempts', `Too many order lookups that did not match: try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`, {
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
