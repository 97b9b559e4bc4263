import { cents, currency, customerId, isoDateTime, z } from './z';

/** Tiers by lifetime points earned (redemptions never lower a tier). */
export const RewardsTier = z.enum(['bronze', 'silver', 'gold']);
export type RewardsTier = z.infer<typeof RewardsTier>;

/** The programme's rules, shared by the sandbox and the bot's replies. */
export const REWARDS_RULES = {
  /** 100 points = $1 of store credit, i.e. one point = one cent. */
  pointsPerDollar: 100,
  /** Redemptions are whole multiples of this. */
  redemptionStep: 100,
  maxRedemptionPoints: 1_000_000,
  /** Lifetime points needed for each tier. */
  tierThresholds: { bronze: 0, silver: 1000, gold: 5000 } as const satisfies Record<RewardsTier, number>,
} as const;

/** A customer's rewards account: balance, tier and what the balance is worth. */
export const Rewards = z
  .object({
    customerId,
    /** Spendable balance; always the sum of the transaction history. */
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

/** One ledger entry. */
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

/** Paging of the history (`?page=1&pageSize=10`). */
export const RewardsTransactionsQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1).openapi({ description: '1-based page number', example: 1 }),
  pageSize: z.coerce.number().int().min(1).max(100).default(10).openapi({ description: 'entries per page (1–100)', example: 10 }),
});
export type RewardsTransactionsQuery = z.input<typeof RewardsTransactionsQuery>;

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
  .object({
    points: z
      .number()
      .int()
      .positive()
      .multipleOf(REWARDS_RULES.redemptionStep, 'redeem in steps of 100 points')
      .max(REWARDS_RULES.maxRedemptionPoints),
  })
  .strict()
  .openapi('RewardsRedemptionRequest');
export type RewardsRedemptionRequest = z.infer<typeof RewardsRedemptionRequest>;

/** A redemption's result: points turned into store credit on the customer's account. */
export const RewardsRedemption = z
  .object({
    /** Also the id of the ledger entry. */
    redemptionId: z.string(),
    pointsRedeemed: z.number().int().positive(),
    creditCents: cents,
    currency,
    points: z.number().int().min(0).openapi({ description: 'points left' }),
    storeCreditCents: cents.openapi({ description: "the customer's store credit after the redemption" }),
  })
  .openapi('RewardsRedemption');
export type RewardsRedemption = z.infer<typeof RewardsRedemption>;
