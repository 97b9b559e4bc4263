import { randomUUID } from 'node:crypto';
import { GiftCardBalance, GiftCardRedemption, type GiftCardCredentials } from '../../contracts/giftCards';
import { ApiClient, seg, type ApiClientOptions } from '../shared/apiClient';

const BALANCE = '/v1/customers/{customerId}/gift-cards/balance';
const ANONYMOUS_BALANCE = '/v1/gift-cards/balance';
const REDEMPTIONS = '/v1/customers/{customerId}/gift-cards/redemptions';

/** Options of a gift card call. */
export interface GiftCardCallOptions {
  /** Makes the call safe to retry (and retried on 5xx/timeouts); reuse it for the same intent. */
  idempotencyKey?: string;
}

/**
 * Typed client of the gift card API. Number and PIN travel in the request body only and never
 * appear in errors this client raises. Refusals are `ApiError('rejected')` with code
 * `card_or_pin_incorrect` (422, `details.attemptsLeft`), `card_locked` (429,
 * `retryAfterSeconds`), `card_empty` or `card_expired` (409), `not_found` (404, customer).
 */
export class GiftCardsClient extends ApiClient {
  constructor(options: ApiClientOptions) {
    super('giftCards', options);
  }

  /**
   * Balance, status (`active`, `empty`, `expired`) and expiry of a card, number masked. A lookup
   * changes nothing but the failed-PIN count, so it is sent with an Idempotency-Key (a fresh one
   * unless given) and therefore retried on 5xx and timeouts. `customerId` null: a visitor who is
   * not signed in (number and PIN are the proof; same limits).
   */
  async balance(customerId: string | null, card: GiftCardCredentials, opts: GiftCardCallOptions = {}): Promise<GiftCardBalance> {
    const { data } = await this.send({
      method: 'POST',
      route: customerId === null ? ANONYMOUS_BALANCE : BALANCE,
      path: customerId === null ? ANONYMOUS_BALANCE : `/v1/customers/${seg(customerId)}/gift-cards/balance`,
      body: card,
      schema: GiftCardBalance,
      idempotencyKey: opts.idempotencyKey ?? randomUUID(),
    });
    return data;
  }

  /**
   * Moves the card's whole remaining balance to the customer's store credit. Retried only when
   * `idempotencyKey` is given (then applied once however often it is sent).
   */
  async redeem(customerId: string, card: GiftCardCredentials, opts: GiftCardCallOptions = {}): Promise<GiftCardRedemption> {
    const { data } = await this.send({
      method: 'POST',
      route: REDEMPTIONS,
      path: `/v1/customers/${seg(customerId)}/gift-cards/redemptions`,
      body: card,
      schema: GiftCardRedemption,
      idempotencyKey: opts.idempotencyKey,
    });
    return data;
  }
}
