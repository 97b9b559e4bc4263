import { cents, currency, customerId, isoDateTime, z } from './z';

export const RewardsTier = z.enum(['bronze', 'silver', 'gold']);

export const Rewards = z
  .object({
    customerId,
    points: z.number().int().min(0),
    tier: RewardsTier,
    lifetimePoints: z.number().int().min(0),
    nextTier: RewardsTier.nullable(),
    pointsToNextTier: z.number().int().min(0).nullable(),
    storeCreditCents: cents,
    currency,
    /** Points per dollar of store credit when redeeming. */
    pointsPerDollar: z.number().int().positive(),
  })
  .openapi('Rewards');
export type Rewards = z.infer<typeof Rewards>;

export const RewardsTransaction = z
  .object({
    id: z.string(),
    type: z.enum(['earn', 'redeem', 'adjust']),
    /** Positive for earn, negative for redeem. */
    points: z.number().int(),
    description: z.string(),
    createdAt: isoDateTime,
    balanceAfter: z.number().int().min(0),
  })
  .openapi('RewardsTransaction');
export type RewardsTransaction = z.infer<typeof RewardsTransaction>;

export const RewardsTransactionPage = z
  .object({
    /** Newest first. */
    transactions: z.array(RewardsTransaction),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1).max(100),
    total: z.number().int().min(0),
    nextPage: z.number().int().nullable(),
  })
  .openapi('RewardsTransactionPage');
export type RewardsTransactionPage = z.infer<typeof RewardsTransactionPage>;

export const RewardsRedemptionRequest = z
  .object({ points: z.number().int().positive().multipleOf(100, 'redeem in steps of 100 points') })
  .strict()
  .openapi('RewardsRedemptionRequest');
export type RewardsRedemptionRequest = z.infer<typeof RewardsRedemptionRequest>;

export const RewardsRedemption = z
  .object({
    redemptionId: z.string(),
    pointsRedeemed: z.number().int().positive(),
    creditCents: cents,
    currency,
    points: z.number().int().min(0).openapi({ description: 'points left' }),
    storeCreditCents: cents,
  })
  .openapi('RewardsRedemption');
export type RewardsRedemption = z.infer<typeof RewardsRedemption>;
