import { REWARDS_RULES, Rewards, RewardsRedemption, RewardsRedemptionRequest, RewardsTransactionPage, RewardsTransactionsQuery } from '../../contracts/rewards';
import { customerId, z } from '../../contracts/z';
import { AppError, notFound } from '../../platform/errors';
import { customerKey, type CustomerRecord } from '../customers/customerStore';
import { idempotentWrite } from '../http/idempotency';
import type { SandboxContext } from '../sandboxContext';
import { appendEntries, readEntries, readRewards, withNextEntry } from './rewardsLedger';
import { tierFor } from './rewardsTier';

const CustomerParams = z.object({ customerId });
const BASE = '/v1/customers/{customerId}/rewards';
const TAGS = ['rewards'];
const noCustomer = (id: string) => notFound(`There is no customer ${id}.`);
const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/** Registers the rewards endpoints: balance and tier, paged history, redemption into store credit. */
export function registerRewardsRoutes(ctx: SandboxContext): void {
  ctx.endpoints.add({
    method: 'get',
    path: BASE,
    summary: 'Points balance, tier (by lifetime points), points to the next tier and store credit',
    tags: TAGS,
    params: CustomerParams,
    response: { status: 200, schema: Rewards, description: 'The rewards account' },
    errors: { 404: 'No such customer' },
    handler: async ({ params }) => {
      const found = await readRewards(ctx.store, params.customerId);
      if (!found) throw noCustomer(params.customerId);
      const { account, customer } = found;
      const body: Rewards = {
        customerId: params.customerId,
        points: account.points,
        lifetimePoints: account.lifetimePoints,
        ...tierFor(account.lifetimePoints),
        storeCreditCents: customer.storeCreditCents,
        currency: 'USD',
        pointsPerDollar: REWARDS_RULES.pointsPerDollar,
      };
      return { status: 200, body };
    },
  });

  ctx.endpoints.add({
    method: 'get',
    path: `${BASE}/transactions`,
    summary: 'Points history, newest first, paged',
    tags: TAGS,
    params: CustomerParams,
    query: RewardsTransactionsQuery,
    response: { status: 200, schema: RewardsTransactionPage, description: 'One page of the history (empty past the end)' },
    errors: { 404: 'No such customer', 422: 'page or pageSize out of range (page ≥ 1, pageSize 1–100)' },
    handler: async ({ params, query }) => {
      const found = await readRewards(ctx.store, params.customerId);
      if (!found) throw noCustomer(params.customerId);
      const { page, pageSize } = query;
      const transactions = await readEntries(ctx.store, found.account, page, pageSize);
      const total = found.account.count;
      const body: RewardsTransactionPage = { transactions, page, pageSize, total, nextPage: page * pageSize < total ? page + 1 : null };
      return { status: 200, body };
    },
  });

  ctx.endpoints.add({
    method: 'post',
    path: `${BASE}/redemptions`,
    summary: 'Redeem points (multiples of 100) for store credit: 100 points = $1',
    tags: TAGS,
    params: CustomerParams,
    body: RewardsRedemptionRequest,
    idempotent: true,
    response: { status: 201, schema: RewardsRedemption, description: 'The points were redeemed and the credit added to the account' },
    errors: {
      404: 'No such customer',
      409: 'More points than the balance (`insufficient_points`, with `points`: the balance)',
      503: 'The store is too busy or down; safe to retry with the same Idempotency-Key',
    },
    handler: async ({ params, body, req }) => {
      const id = params.customerId;
      const creditCents = (body.points * 100) / REWARDS_RULES.pointsPerDollar;
      // Balance, ledger entry, store credit and idempotency record commit together or not at all.
      return withNextEntry(ctx.store, id, (keys, check) =>
        idempotentWrite(ctx, req, [keys.account, keys.entry, customerKey(id)], (read) => {
          const customer = read<CustomerRecord>(customerKey(id))?.value;
          if (!customer) return { error: noCustomer(id) };
          const account = check(read);
          if (account instanceof AppError) return { error: account };
          if (account.points < body.points) {
            return {
              error: new AppError(409, 'insufficient_points', `Customer ${id} has ${account.points} points, fewer than the ${body.points} asked for.`, {
                extensions: { points: account.points, requested: body.points },
              }),
            };
          }
          const now = ctx.clock.now().toISOString();
          const out = appendEntries(account, [{ type: 'redeem', points: -body.points, description: `Redeemed for ${dollars(creditCents)} store credit`, createdAt: now }]);
          const credited: CustomerRecord = { ...customer, storeCreditCents: customer.storeCreditCents + creditCents };
          const redemption: RewardsRedemption = {
            redemptionId: out.entries[0]!.id,
            pointsRedeemed: body.points,
            creditCents,
            currency: 'USD',
            points: out.account.points,
            storeCreditCents: credited.storeCreditCents,
          };
          return { writes: [...out.writes, { key: customerKey(id), value: credited }], response: { status: 201, body: redemption } };
        }),
      );
    },
  });
}
