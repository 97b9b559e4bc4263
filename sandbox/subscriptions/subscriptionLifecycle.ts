import { SUBSCRIPTION_LIMITS, type CancelSubscriptionRequest, type ModifySubscriptionRequest, type PauseSubscriptionRequest, type Subscription } from '../../contracts/subscriptions';
import { AppError, unprocessable, type FieldError } from '../../platform/errors';
import { addDays } from '../clock';

/**
 * The subscription lifecycle as pure functions: each takes the subscription as of today and
 * returns the next state (version + 1), or throws 409 for a transition the lifecycle forbids
 * and 422 for a date out of range. Dates are `YYYY-MM-DD` (UTC); `now` is an ISO instant.
 */
export interface LifecycleTime {
  today: string;
  now: string;
}

/** A transition the current status does not allow. */
export const lifecycleConflict = (code: string, message: string, sub: Subscription) =>
  new AppError(409, code, message, { extensions: { subscriptionStatus: sub.status, version: sub.version } });

const cancelledConflict = (sub: Subscription, action: string) =>
  lifecycleConflict('subscription_cancelled', `Subscription ${sub.id} is cancelled, so it cannot be ${action}.`, sub);

const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);

function next(sub: Subscription, changes: Partial<Subscription>, now: string): Subscription {
  return { ...sub, ...changes, version: sub.version + 1, updatedAt: now };
}

function invalid(errors: FieldError[]): AppError {
  return unprocessable(`The request body is not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}.`, errors);
}

/** Frequency, quantity and/or next delivery date (not in the past, ≤ 180 days; while paused, not before the pause ends). */
export function modify(sub: Subscription, body: ModifySubscriptionRequest, t: LifecycleTime): Subscription {
  if (sub.status === 'cancelled') throw cancelledConflict(sub, 'changed');
  if (body.nextDeliveryDate !== undefined) {
    const d = body.nextDeliveryDate;
    const latest = addDays(t.today, SUBSCRIPTION_LIMITS.maxDaysAhead);
    if (d < t.today) throw invalid([{ path: 'nextDeliveryDate', message: `must not be in the past (today is ${t.today})` }]);
    if (d > latest) throw invalid([{ path: 'nextDeliveryDate', message: `must be at most ${SUBSCRIPTION_LIMITS.maxDaysAhead} days ahead (${latest} at the latest)` }]);
    if (sub.status === 'paused' && sub.pausedUntil !== null && d < sub.pausedUntil) {
      throw invalid([{ path: 'nextDeliveryDate', message: `must not be before ${sub.pausedUntil}, when the pause ends (resume the subscription to get a delivery sooner)` }]);
    }
  }
  return next(sub, { ...body }, t.now);
}

/** Until a date or for N weeks; the next delivery moves to no earlier than the resume date. */
export function pause(sub: Subscription, body: PauseSubscriptionRequest, t: LifecycleTime): Subscription {
  if (sub.status === 'cancelled') throw cancelledConflict(sub, 'paused');
  const latest = addDays(t.today, SUBSCRIPTION_LIMITS.maxPauseWeeks * 7);
  const until = body.until ?? addDays(t.today, body.weeks! * 7);
  if (until <= t.today) throw invalid([{ path: 'until', message: `must be after today (${t.today})` }]);
  if (until > latest) throw invalid([{ path: 'until', message: `must be at most ${SUBSCRIPTION_LIMITS.maxPauseWeeks} weeks ahead (${latest} at the latest)` }]);
  // A paused subscription no longer knows its pre-pause schedule: the new resume date is its next delivery.
  const nextDeliveryDate = sub.status === 'paused' ? until : maxDate(sub.nextDeliveryDate!, until);
  return next(sub, { status: 'paused', pausedUntil: until, nextDeliveryDate }, t.now);
}

/** Active again now; the next delivery comes within one cycle from today. */
export function resume(sub: Subscription, t: LifecycleTime): Subscription {
  if (sub.status === 'cancelled') throw cancelledConflict(sub, 'resumed');
  if (sub.status !== 'paused') throw lifecycleConflict('subscription_not_paused', `Subscription ${sub.id} is not paused, so there is nothing to resume.`, sub);
  const nextDeliveryDate = minDate(sub.nextDeliveryDate!, addDays(t.today, sub.frequencyWeeks * 7));
  return next(sub, { status: 'active', pausedUntil: null, nextDeliveryDate }, t.now);
}

/** Skips the next delivery: the new next date is the skipped one + frequency. */
export function skip(sub: Subscription, t: LifecycleTime): { subscription: Subscription; skippedDate: string; nextDeliveryDate: string } {
  if (sub.status === 'cancelled') throw cancelledConflict(sub, 'skipped');
  if (sub.status === 'paused') {
    throw lifecycleConflict('subscription_paused', `Subscription ${sub.id} is paused until ${sub.pausedUntil}; resume it before skipping a delivery, or change the pause.`, sub);
  }
  const skippedDate = sub.nextDeliveryDate!;
  const nextDeliveryDate = addDays(skippedDate, sub.frequencyWeeks * 7);
  return { subscription: next(sub, { nextDeliveryDate }, t.now), skippedDate, nextDeliveryDate };
}

/** Final: no more deliveries. */
export function cancel(sub: Subscription, body: CancelSubscriptionRequest, t: LifecycleTime): Subscription {
  if (sub.status === 'cancelled') throw lifecycleConflict('subscription_cancelled', `Subscription ${sub.id} is already cancelled.`, sub);
  return next(
    sub,
    { status: 'cancelled', nextDeliveryDate: null, pausedUntil: null, cancelledAt: t.now, cancelReason: body.reason, cancelComment: body.comment || null },
    t.now,
  );
}
