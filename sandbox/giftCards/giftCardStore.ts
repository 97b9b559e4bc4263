import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { GiftCardBalance, GiftCardStatus } from '../../contracts/giftCards';
import type { DocWrite } from '../../platform/store/docStore';

/** A gift card as stored. Neither the number nor the PIN is kept in clear. */
export interface GiftCardRecord {
  last4: string;
  balanceCents: number;
  currency: 'USD';
  /** Last day the card can be used (inclusive), or null. */
  expiresOn: string | null;
  /** scrypt of the PIN with a per-card salt. */
  pin: { salt: string; hash: string };
  redemptions: { id: string; customerId: string; amountCents: number; at: string }[];
}

/** Failed PIN attempts on one card number (kept for unknown numbers too, so they behave alike). */
export interface PinAttempts {
  failures: number;
  /** ISO instant until which every attempt is refused, or null. */
  lockedUntil: string | null;
}

// Keys carry a digest, never the number: key names show up in monitoring and slow logs.
const numberDigest = (number: string) => createHash('sha256').update(`giftcard:${number}`).digest('hex').slice(0, 40);
export const giftCardKey = (number: string) => `giftcard:${numberDigest(number)}`;
export const pinAttemptsKey = (number: string) => `giftcard-attempts:${numberDigest(number)}`;

export const maskGiftCardNumber = (last4: string) => `**** **** **** ${last4}`;

// Modest cost on purpose: a 4-digit PIN falls to brute force under any hash; the lockout is
// the real protection, the hash only keeps PINs unreadable in the store (and seeding fast).
const SCRYPT = { N: 1 << 12, r: 8, p: 1 };
/** Salt of the dummy hash computed for unknown numbers, so they take as long as known ones. */
export const DUMMY_PIN_SALT = '00000000000000000000000000000000';

export function hashPin(pin: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(pin, Buffer.from(salt, 'hex'), 32, SCRYPT, (err, key) => (err ? reject(err) : resolve(key))));
}

/** Constant-time comparison of a candidate hash with the card's. */
export function pinMatches(card: GiftCardRecord, candidate: Buffer): boolean {
  const stored = Buffer.from(card.pin.hash, 'hex');
  return stored.length === candidate.length && timingSafeEqual(stored, candidate);
}

export function giftCardStatus(card: GiftCardRecord, today: string): GiftCardStatus {
  if (card.expiresOn !== null && card.expiresOn < today) return 'expired';
  return card.balanceCents === 0 ? 'empty' : 'active';
}

export function toBalance(card: GiftCardRecord, today: string): GiftCardBalance {
  return { maskedNumber: maskGiftCardNumber(card.last4), balanceCents: card.balanceCents, currency: card.currency, status: giftCardStatus(card, today), expiresOn: card.expiresOn };
}

/** A new card's record (seeding, tests). */
export async function newGiftCard(input: { number: string; pin: string; balanceCents: number; expiresOn: string | null }): Promise<GiftCardRecord> {
  const salt = randomBytes(16).toString('hex');
  return {
    last4: input.number.slice(-4),
    balanceCents: input.balanceCents,
    currency: 'USD',
    expiresOn: input.expiresOn,
    pin: { salt, hash: (await hashPin(input.pin, salt)).toString('hex') },
    redemptions: [],
  };
}

/** Writes that create a card, optionally with a failed-attempts state (seeding, tests). */
export async function giftCardWrites(input: { number: string; pin: string; balanceCents: number; expiresOn: string | null; attempts?: PinAttempts }): Promise<DocWrite[]> {
  return [
    { key: giftCardKey(input.number), value: await newGiftCard(input) },
    ...(input.attempts ? [{ key: pinAttemptsKey(input.number), value: input.attempts, ttlSeconds: 2 * 24 * 60 * 60 }] : []),
  ];
}
