import { createHmac } from 'node:crypto';
import { OrderLookupRequest, OrderLookupResult } from '../../contracts/shipping';
import { notFound, type AppError } from '../../platform/errors';
import type { SandboxContext } from '../sandboxContext';
import { blockedForSeconds, countFailure, tooManyLookups, type LookupFailures } from './lookupFailures';
import { orderContactKey, type OrderContact } from './orderContacts';
import { orderKey, toTracking, type OrderRecord } from './orderStore';

const noMatch = () => notFound('No order matches that order number and ZIP code or e-mail address.');

/**
 * `POST /v1/orders/lookup`: an order's tracking for a visitor who is not signed in, proven by
 * its number plus the ZIP code or e-mail on it. An unknown number and a wrong ZIP/e-mail get
 * the same 404 after the same steps, and both count against the failure limits of the number
 * and of the ZIP/e-mail tried (so neither guessing ZIPs for one order nor trying order numbers
 * with one ZIP gets far).
 */
export function registerOrderLookupRoute(ctx: SandboxContext): void {
  // The limiter's keys name the ZIP/e-mail tried only through a keyed hash (personal data).
  const proofKey = (proof: string) => `order-lookup-failures:proof:${createHmac('sha256', ctx.idempotencySecret).update(proof).digest('hex')}`;
  ctx.endpoints.add({
    method: 'post',
    path: '/v1/orders/lookup',
    summary: 'Track an order without a customer id: its number plus the ZIP code or e-mail on it (rate-limited; no match and no such order are the same 404)',
    tags: ['shipping'],
    body: OrderLookupRequest,
    response: { status: 200, schema: OrderLookupResult, description: 'The order matched: its tracking details and items' },
    errors: {
      404: 'No order with this number and this ZIP code or e-mail (deliberately the same answer when the order does not exist)',
      429: 'too_many_attempts: too many failed lookups of this order number, or with this ZIP code or e-mail (Retry-After)',
    },
    handler: async ({ body }) => {
      const id = body.orderId.toUpperCase();
      const proof = body.zip !== undefined ? `zip:${body.zip.slice(0, 5)}` : `email:${body.email!}`;
      const limitKeys = [`order-lookup-failures:order:${id}`, proofKey(proof)];
      const now = ctx.clock.now();
      const outcome = await ctx.store.transact<{ ok: OrderLookupResult } | { error: AppError }>([orderKey(id), orderContactKey(id), ...limitKeys], (read) => {
        const blocked = Math.max(...limitKeys.map((k) => blockedForSeconds(read<LookupFailures>(k)?.value, now)));
        if (blocked > 0) return { result: { error: tooManyLookups(blocked) } };
        const order = read<OrderRecord>(orderKey(id))?.value;
        const contact = read<OrderContact>(orderContactKey(id))?.value;
        const matches = !!order && !!contact && (body.zip !== undefined ? contact.zip === body.zip.slice(0, 5) : contact.email.toLowerCase() === body.email!);
        if (!matches) return { writes: limitKeys.map((k) => countFailure(k, read<LookupFailures>(k)?.value, now)), result: { error: noMatch() } };
        const result: OrderLookupResult = { ...toTracking(order!), placedAt: order!.placedAt, items: order!.items.map(({ name, quantity }) => ({ name, quantity })) };
        return { result: { ok: result } };
      });
      if ('error' in outcome) throw outcome.error;
      return { status: 200, body: outcome.ok };
    },
  });
}
