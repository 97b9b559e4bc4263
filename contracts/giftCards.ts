import { cents, currency, isoDate, z } from './z';

/**
 * Card number and PIN. Sent only in request bodies (never in a URL), never echoed back in
 * full, never logged: responses carry `maskedNumber` (last 4 digits) only.
 */
export const GiftCardCredentials = z
  .object({
    number: z.string().regex(/^\d{16}$/, 'must be the 16 digits printed on the card'),
    pin: z.string().regex(/^\d{4,8}$/, 'must be 4 to 8 digits'),
  })
  .strict()
  .openapi('GiftCardCredentials');
export type GiftCardCredentials = z.infer<typeof GiftCardCredentials>;

export const GiftCardStatus = z.enum(['active', 'empty', 'expired']);
export type GiftCardStatus = z.infer<typeof GiftCardStatus>;

export const GiftCardBalance = z
  .object({
    maskedNumber: z.string().openapi({ example: '**** **** **** 4242' }),
    balanceCents: cents,
    currency,
    /** `empty` once the balance is 0 (e.g. redeemed); `expired` after `expiresOn`. */
    status: GiftCardStatus,
    expiresOn: isoDate.nullable(),
  })
  .openapi('GiftCardBalance');
export type GiftCardBalance = z.infer<typeof GiftCardBalance>;

/** The whole remaining balance moved to the customer's store credit. */
export const GiftCardRedemption = z
  .object({
    redemptionId: z.string(),
    maskedNumber: z.string(),
    amountCents: cents.openapi({ description: 'credited to the customer account' }),
    currency,
    storeCreditCents: cents.openapi({ description: "the customer's store credit after the redemption" }),
  })
  .openapi('GiftCardRedemption');
export type GiftCardRedemption = z.infer<typeof GiftCardRedemption>;

/**
 * Problem `code`s of the gift card endpoints.
 *
 * - `card_or_pin_incorrect` (422): unknown number OR wrong PIN, deliberately the same answer
 *   (no enumeration of card numbers). The problem carries `attemptsLeft`, counted per number
 *   whether or not a card has it, so it reveals nothing either.
 * - `card_locked` (429 + `Retry-After`): five failed attempts on a number lock it for 15 minutes
 *   (the fifth failure already answers this). Applies to unknown numbers alike.
 * - `card_empty` (409, redeem only): balance 0, including a card already redeemed.
 * - `card_expired` (409, redeem only): past `expiresOn`.
 */
export const GiftCardErrorCode = z.enum(['card_or_pin_incorrect', 'card_locked', 'card_empty', 'card_expired']);
export type GiftCardErrorCode = z.infer<typeof GiftCardErrorCode>;

/** Failed attempts allowed before a lock, and how long the lock lasts. */
export const GIFT_CARD_MAX_ATTEMPTS = 5;
export const GIFT_CARD_LOCK_SECONDS = 15 * 60;
