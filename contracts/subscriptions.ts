import { customerId, isoDate, isoDateTime, z } from './z';

export const SubscriptionStatus = z.enum(['active', 'paused', 'cancelled']);
export const CancelReason = z.enum(['too_much_product', 'too_expensive', 'pet_no_longer_needs', 'switching_product', 'moving', 'other']);

export const Subscription = z
  .object({
    id: z.string(),
    customerId,
    product: z.object({ sku: z.string(), name: z.string() }),
    quantity: z.number().int().min(1).max(20),
    frequencyWeeks: z.number().int().min(1).max(26),
    nextDeliveryDate: isoDate.nullable().openapi({ description: 'null when cancelled' }),
    status: SubscriptionStatus,
    pausedUntil: isoDate.nullable(),
    cancelledAt: isoDateTime.nullable(),
    cancelReason: CancelReason.nullable(),
    /** Grows on every write; send it back in `If-Match` to avoid overwriting someone else's change. */
    version: z.number().int().min(1),
    updatedAt: isoDateTime,
  })
  .openapi('Subscription');
export type Subscription = z.infer<typeof Subscription>;

export const SubscriptionList = z.object({ subscriptions: z.array(Subscription) }).openapi('SubscriptionList');
export type SubscriptionList = z.infer<typeof SubscriptionList>;

export const ModifySubscriptionRequest = z
  .object({
    frequencyWeeks: z.number().int().min(1).max(26).optional(),
    quantity: z.number().int().min(1).max(20).optional(),
    nextDeliveryDate: isoDate.optional().openapi({ description: 'not in the past, at most 180 days ahead' }),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'give at least one of frequencyWeeks, quantity, nextDeliveryDate' })
  .openapi('ModifySubscriptionRequest');
export type ModifySubscriptionRequest = z.infer<typeof ModifySubscriptionRequest>;

export const PauseSubscriptionRequest = z
  .union([
    z.object({ until: isoDate.openapi({ description: 'resume on this date; after today, at most 180 days ahead' }) }).strict(),
    z.object({ weeks: z.number().int().min(1).max(26) }).strict(),
  ])
  .openapi('PauseSubscriptionRequest');
export type PauseSubscriptionRequest = z.infer<typeof PauseSubscriptionRequest>;

export const ResumeSubscriptionRequest = z.object({}).strict().openapi('ResumeSubscriptionRequest');

export const SkipResult = z
  .object({ subscription: Subscription, skippedDate: isoDate, nextDeliveryDate: isoDate })
  .openapi('SkipResult');
export type SkipResult = z.infer<typeof SkipResult>;

export const CancelSubscriptionRequest = z
  .object({ reason: CancelReason, comment: z.string().max(500).optional() })
  .strict()
  .openapi('CancelSubscriptionRequest');
export type CancelSubscriptionRequest = z.infer<typeof CancelSubscriptionRequest>;
