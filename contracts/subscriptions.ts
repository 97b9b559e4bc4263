import { customerId, isoDate, isoDateTime, z } from './z';

/** `active` ships on schedule; `paused` ships nothing until `pausedUntil`; `cancelled` is final. */
export const SubscriptionStatus = z.enum(['active', 'paused', 'cancelled']);
export type SubscriptionStatus = z.infer<typeof SubscriptionStatus>;

/** Why a customer cancelled (reporting buckets; free text goes in the comment). */
export const CancelReason = z.enum(['too_much_product', 'too_expensive', 'pet_no_longer_needs', 'switching_product', 'moving', 'other']);
export type CancelReason = z.infer<typeof CancelReason>;

/** The path id of a subscription. */
export const subscriptionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).openapi({ example: 'sub-ava-1' });

/** Limits of what a customer may change (shared by the schemas, the sandbox and the bot's prompts). */
export const SUBSCRIPTION_LIMITS = {
  minFrequencyWeeks: 1,
  maxFrequencyWeeks: 26,
  minQuantity: 1,
  maxQuantity: 20,
  /** How far ahead a next delivery date may be set. */
  maxDaysAhead: 180,
  /** The longest pause (by `weeks`, or by `until` counted in days: 26 × 7). */
  maxPauseWeeks: 26,
} as const;

const frequencyWeeks = z.number().int().min(SUBSCRIPTION_LIMITS.minFrequencyWeeks).max(SUBSCRIPTION_LIMITS.maxFrequencyWeeks);
const quantity = z.number().int().min(SUBSCRIPTION_LIMITS.minQuantity).max(SUBSCRIPTION_LIMITS.maxQuantity);

/** A customer's repeat delivery ("autoship") of one product. */
export const Subscription = z
  .object({
    id: subscriptionId,
    customerId,
    product: z.object({ sku: z.string(), name: z.string().openapi({ example: 'Clumping Cat Litter 40 lb' }) }),
    quantity,
    frequencyWeeks,
    nextDeliveryDate: isoDate.nullable().openapi({ description: 'null when cancelled; while paused, the first delivery after the pause' }),
    status: SubscriptionStatus,
    /** While paused: the day deliveries start again (after it the subscription reads as active). */
    pausedUntil: isoDate.nullable(),
    cancelledAt: isoDateTime.nullable(),
    cancelReason: CancelReason.nullable(),
    cancelComment: z.string().nullable(),
    /** Grows on every write; send it back in `If-Match` to avoid overwriting someone else's change. */
    version: z.number().int().min(1),
    updatedAt: isoDateTime,
  })
  .openapi('Subscription');
export type Subscription = z.infer<typeof Subscription>;

export const SubscriptionList = z.object({ subscriptions: z.array(Subscription) }).openapi('SubscriptionList');
export type SubscriptionList = z.infer<typeof SubscriptionList>;

/** Change any of frequency, quantity and next delivery date in one atomic request. */
export const ModifySubscriptionRequest = z
  .object({
    frequencyWeeks: frequencyWeeks.optional(),
    quantity: quantity.optional(),
    nextDeliveryDate: isoDate.optional().openapi({ description: 'not in the past, at most 180 days ahead' }),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'give at least one of frequencyWeeks, quantity, nextDeliveryDate' })
  .openapi('ModifySubscriptionRequest');
export type ModifySubscriptionRequest = z.infer<typeof ModifySubscriptionRequest>;

/**
 * Pause until a date or for a number of weeks (exactly one of them). The next delivery moves
 * to no earlier than the resume date. Pausing a paused subscription sets a new resume date,
 * which is then also the next delivery.
 */
export const PauseSubscriptionRequest = z
  .object({
    until: isoDate.optional().openapi({ description: 'resume on this date; after today, at most 26 weeks (182 days) ahead' }),
    weeks: z.number().int().min(1).max(SUBSCRIPTION_LIMITS.maxPauseWeeks).optional().openapi({ description: 'pause for this many weeks from today' }),
  })
  .strict()
  .refine((b) => (b.until === undefined) !== (b.weeks === undefined), { message: 'give exactly one of until, weeks' })
  .openapi('PauseSubscriptionRequest');
export type PauseSubscriptionRequest = z.infer<typeof PauseSubscriptionRequest>;

/** Resume a paused subscription now (no fields; the body may be omitted). */
export const ResumeSubscriptionRequest = z.object({}).strict().default({}).openapi('ResumeSubscriptionRequest');
export type ResumeSubscriptionRequest = z.infer<typeof ResumeSubscriptionRequest>;

/** Skip the next delivery (no fields; the body may be omitted). */
export const SkipSubscriptionRequest = z.object({}).strict().default({}).openapi('SkipSubscriptionRequest');
export type SkipSubscriptionRequest = z.infer<typeof SkipSubscriptionRequest>;

/** The answer to a skip: the delivery that will not ship and the new next one (skipped + frequency). */
export const SkipResult = z
  .object({ subscription: Subscription, skippedDate: isoDate, nextDeliveryDate: isoDate })
  .openapi('SkipResult');
export type SkipResult = z.infer<typeof SkipResult>;

export const CancelSubscriptionRequest = z
  .object({ reason: CancelReason, comment: z.string().trim().max(500).optional() })
  .strict()
  .openapi('CancelSubscriptionRequest');
export type CancelSubscriptionRequest = z.infer<typeof CancelSubscriptionRequest>;

/** Active subscriptions whose next delivery falls in `[from, to]` (the renewal reminders' look-up), a page at a time. */
export const UpcomingDeliveriesQuery = z
  .object({
    from: isoDate,
    to: isoDate,
    /** The last subscription id of the previous page. */
    after: subscriptionId.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(500),
  })
  .strict()
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] });
export type UpcomingDeliveriesQuery = z.infer<typeof UpcomingDeliveriesQuery>;

export const UpcomingDeliveries = z
  .object({ subscriptions: z.array(Subscription), next: subscriptionId.nullable().openapi({ description: 'pass as `after` for the next page; null on the last' }) })
  .openapi('UpcomingDeliveries');
export type UpcomingDeliveries = z.infer<typeof UpcomingDeliveries>;
