import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { GiftCardBalance, GiftCardCredentials, GiftCardRedemption } from '../../contracts/giftCards';
import { customerId, z } from '../../contracts/z';
import { AppError, notFound } from '../../platform/errors';
import type { DocWrite, TxSnapshot } from '../../platform/store/docStore';
import { isoDay } from '../clock';
import { customerKey, requireCustomer, type CustomerRecord } from '../customers/customerStore';
import { idempotentWrite } from '../http/idempotency';
import type { SandboxContext } from '../sandboxContext';
import {
  DUMMY_PIN_SALT,
  giftCardKey,
  giftCardStatus,
  hashPin,
  maskGiftCardNumber,
  pinAttemptsKey,
  pinMatches,
  toBalance,
  type GiftCardRecord,
  type PinAttempts,
} from './giftCardStore';
import { cardLocked, failAttempt, lockedForSeconds, resetAttempts } from './pinAttempts';

const CustomerParams = z.object({ customerId });

const CARD_ERRORS = {
  422: 'Invalid body, or card_or_pin_incorrect: unknown number or wrong PIN (deliberately the same answer; carries attemptsLeft)',
  429: 'card_locked: five failed attempts lock the number for 15 minutes (Retry-After)',
};

type Unlocked = { ok: true; card: GiftCardRecord; writes: DocWrite[] } | { ok: false; writes: DocWrite[]; error: AppError };

/**
 * Checks number and PIN inside a transaction over the card and its attempts document. Unknown
 * numbers go through the same steps (a dummy hash, the same failure count and lock), so the
 * answers and their timing cannot tell a wrong PIN from a card that does not exist.
 */
async function unlockCard(read: TxSnapshot, number: string, hashFor: (salt: string) => Promise<Buffer>, now: Date): Promise<Unlocked> {
  const aKey = pinAttemptsKey(number);
  const attempts = read<PinAttempts>(aKey)?.value;
  const locked = lockedForSeconds(attempts, now);
  if (locked > 0) return { ok: false, writes: [], error: cardLocked(locked) };
  const card = read<GiftCardRecord>(giftCardKey(number))?.value;
  const candidate = await hashFor(card?.pin.salt ?? DUMMY_PIN_SALT);
  if (!card || !pinMatches(card, candidate)) return { ok: false, ...failAttempt(aKey, attempts, now) };
  return { ok: true, card, writes: resetAttempts(aKey, attempts) };
}

/** scrypt once per request, even when the transaction is retried under contention. */
function pinHasher(pin: string): (salt: string) => Promise<Buffer> {
  const memo = new Map<string, Promise<Buffer>>();
  return (salt) => {
    let h = memo.get(salt);
    if (!h) memo.set(salt, (h = hashPin(pin, salt)));
    return h;
  };
}

/** Registers the gift card endpoints: balance lookup (with or without a customer) and redemption into store credit. */
export function registerGiftCardRoutes(ctx: SandboxContext): void {
  const balanceLookup = async (body: GiftCardCredentials, req: Request) => {
    const now = ctx.clock.now();
    const hashFor = pinHasher(body.pin);
    return idempotentWrite(ctx, req, [giftCardKey(body.number), pinAttemptsKey(body.number)], async (read) => {
      const u = await unlockCard(read, body.number, hashFor, now);
      if (!u.ok) return { writes: u.writes, error: u.error };
      return { writes: u.writes, response: { status: 200, body: toBalance(u.card, isoDay(now)) satisfies GiftCardBalance } };
    });
  };

  ctx.endpoints.add({
    method: 'post',
    path: '/v1/customers/{customerId}/gift-cards/balance',
    summary: 'Look up a gift card balance (number and PIN in the body, never in the URL)',
    tags: ['gift cards'],
    params: CustomerParams,
    body: GiftCardCredentials,
    idempotent: true,
    response: { status: 200, schema: GiftCardBalance, description: 'Balance and status (active, empty or expired)' },
    errors: { 404: 'No such customer', ...CARD_ERRORS },
    handler: async ({ params, body, req }) => {
      await requireCustomer(ctx.store, params.customerId);
      return balanceLookup(body, req);
    },
  });

  // Number and PIN are the proof of a balance lookup, so a visitor who is not signed in may ask too.
  ctx.endpoints.add({
    method: 'post',
    path: '/v1/gift-cards/balance',
    summary: 'Look up a gift card balance without a customer (number and PIN are the proof; same rules and limits as the customer lookup)',
    tags: ['gift cards'],
    body: GiftCardCredentials,
    idempotent: true,
    response: { status: 200, schema: GiftCardBalance, description: 'Balance and status (active, empty or expired)' },
    errors: CARD_ERRORS,
    handler: async ({ body, req }) => balanceLookup(body, req),
  });

  ctx.endpoints.add({
    method: 'post',
    path: '/v1/customers/{customerId}/gift-cards/redemptions',
    summary: "Redeem a gift card: its whole remaining balance becomes the customer's store credit",
    tags: ['gift cards'],
    params: CustomerParams,
    body: GiftCardCredentials,
    idempotent: true,
    response: { status: 201, schema: GiftCardRedemption, description: 'Redeemed; the amount is now store credit' },
    errors: {
      404: 'No such customer',
      409: 'card_empty (no balance left, e.g. already redeemed) or card_expired',
      ...CARD_ERRORS,
    },
    handler: async ({ params, body, req }) => {
      await requireCustomer(ctx.store, params.customerId);
      const now = ctx.clock.now();
      const today = isoDay(now);
      const hashFor = pinHasher(body.pin);
      const cKey = giftCardKey(body.number);
      const custKey = customerKey(params.customerId);
      // Card, attempts, customer (and the idempotency record): one transaction, so a card is
      // credited exactly once however many redemptions race.
      return idempotentWrite(ctx, req, [cKey, pinAttemptsKey(body.number), custKey], async (read) => {
        const u = await unlockCard(read, body.number, hashFor, now);
        if (!u.ok) return { writes: u.writes, error: u.error };
        const customer = read<CustomerRecord>(custKey)?.value;
        if (!customer) return { error: notFound(`There is no customer ${params.customerId}.`) };
        const card = u.card;
        const status = giftCardStatus(card, today);
        if (status === 'expired') return { writes: u.writes, error: new AppError(409, 'card_expired', `This gift card expired on ${card.expiresOn}.`) };
        if (status === 'empty') return { writes: u.writes, error: new AppError(409, 'card_empty', 'This gift card has no balance left.') };
        const amountCents = card.balanceCents;
        const redemptionId = `gcr-${randomUUID()}`;
        const storeCreditCents = customer.storeCreditCents + amountCents;
        const updatedCard: GiftCardRecord = {
          ...card,
          balanceCents: 0,
          redemptions: [...card.redemptions, { id: redemptionId, customerId: customer.id, amountCents, at: now.toISOString() }],
        };
        const body201: GiftCardRedemption = { redemptionId, maskedNumber: maskGiftCardNumber(card.last4), amountCents, currency: card.currency, storeCreditCents };
        return {
          writes: [...u.writes, { key: cKey, value: updatedCard }, { key: custKey, value: { ...customer, storeCreditCents } satisfies CustomerRecord }],
          response: { status: 201, body: body201 },
        };
      });
    },
  });
}
