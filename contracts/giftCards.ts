import { cents, currency, isoDate, z } from './z';

export const GiftCardCredentials = z
  .object({
    number: z.string().regex(/^\d{16}$/, 'must be the 16 digits printed on the card'),
    pin: z.string().regex(/^\d{4,8}$/, 'must be 4 to 8 digits'),
  })
  .strict()
  .openapi('GiftCardCredentials');
export type GiftCardCredentials = z.infer<typeof GiftCardCredentials>;

export const GiftCardBalance = z
  .object({
    maskedNumber: z.string().openapi({ example: '**** **** **** 4242' }),
    balanceCents: cents,
    currency,
    status: z.enum(['active', 'empty', 'expired']),
    expiresOn: isoDate.nullable(),
  })
  .openapi('GiftCardBalance');
export type GiftCardBalance = z.infer<typeof GiftCardBalance>;

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
