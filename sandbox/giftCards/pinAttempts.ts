import { GIFT_CARD_LOCK_SECONDS, GIFT_CARD_MAX_ATTEMPTS } from '../../contracts/giftCards';
import { AppError } from '../../platform/errors';
import type { DocWrite } from '../../platform/store/docStore';
import type { PinAttempts } from './giftCardStore';

/** Failures without a lock are forgotten this long after the last one (storage clean-up). */
const FORGET_AFTER_SECONDS = 24 * 60 * 60;

export const cardLocked = (retryAfterSeconds: number) => {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError(429, 'card_locked', `Too many incorrect attempts: this card is locked for ${Math.ceil(seconds / 60)} more minute(s).`, {
    headers: { 'Retry-After': String(seconds) },
  });
};

/** Seconds the number stays locked, or 0 when it is not locked. */
export function lockedForSeconds(attempts: PinAttempts | undefined, now: Date): number {
  if (!attempts?.lockedUntil) return 0;
  return Math.max(0, (Date.parse(attempts.lockedUntil) - now.getTime()) / 1000);
}

/**
 * Counts one failed attempt (inside the transaction that read `attempts`, so concurrent wrong
 * PINs cannot get past the limit). The fifth failure locks the number for 15 minutes and is
 * already answered with 429; earlier ones with 422 `card_or_pin_incorrect` and `attemptsLeft`.
 * An expired lock starts a fresh count.
 */
export function failAttempt(key: string, attempts: PinAttempts | undefined, now: Date): { writes: DocWrite[]; error: AppError } {
  const expiredLock = attempts?.lockedUntil != null && lockedForSeconds(attempts, now) === 0;
  const failures = (attempts && !expiredLock ? attempts.failures : 0) + 1;
  if (failures >= GIFT_CARD_MAX_ATTEMPTS) {
    const lockedUntil = new Date(now.getTime() + GIFT_CARD_LOCK_SECONDS * 1000).toISOString();
    return {
      writes: [{ key, value: { failures, lockedUntil } satisfies PinAttempts, ttlSeconds: FORGET_AFTER_SECONDS + GIFT_CARD_LOCK_SECONDS }],
      error: cardLocked(GIFT_CARD_LOCK_SECONDS),
    };
  }
  return {
    writes: [{ key, value: { failures, lockedUntil: null } satisfies PinAttempts, ttlSeconds: FORGET_AFTER_SECONDS }],
    error: new AppError(422, 'card_or_pin_incorrect', 'The card number or PIN is incorrect.', { extensions: { attemptsLeft: GIFT_CARD_MAX_ATTEMPTS - failures } }),
  };
}

/** A correct PIN clears the count. */
export function resetAttempts(key: string, attempts: PinAttempts | undefined): DocWrite[] {
  return attempts ? [{ key, value: null }] : [];
}
