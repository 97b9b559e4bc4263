import type { GiftCardBalance, GiftCardRedemption } from '../../contracts/giftCards';
import { formatDay, formatMoney } from '../shared/format';

const last4 = (masked: string) => masked.replace(/\D/g, '').slice(-4);

/** What the gift card skill says. Card numbers appear masked only; PINs never. */
export const giftCardsReplies = {
  askNumber: 'Please type the 16-digit number on the back of the gift card.',
  badNumber: "That doesn't look like a gift card number: it should be 16 digits.",
  askPin: 'And the PIN? (Scratch the silver strip next to the number; 4 to 8 digits.)',
  badPin: 'The PIN is 4 to 8 digits.',
  askPinAgain: (number: string) => `Please type the PIN of the card ending ${number.slice(-4)} again. If the card number was wrong, type the whole number instead.`,
  forgotten: "For your security I don't keep card details for long, and I no longer have them. Please tell me the card number and PIN again.",
  balance: (b: GiftCardBalance, today: string) =>
    b.status === 'expired'
      ? `The gift card ending ${last4(b.maskedNumber)} expired${b.expiresOn ? ` on ${formatDay(b.expiresOn, today)}` : ''}, so it can't be used any more.`
      : b.status === 'empty'
        ? `The gift card ending ${last4(b.maskedNumber)} has no balance left.`
        : `The gift card ending ${last4(b.maskedNumber)} has **${formatMoney(b.balanceCents)}** left${b.expiresOn ? `, usable until ${formatDay(b.expiresOn, today)}` : ''}.`,
  confirmRedeem: (b: GiftCardBalance) => `Add the **${formatMoney(b.balanceCents)}** on the card ending ${last4(b.maskedNumber)} to your account as store credit?`,
  redeemed: (r: GiftCardRedemption) =>
    `Done: ${formatMoney(r.amountCents)} from the card ending ${last4(r.maskedNumber)} is now store credit on your account. Your store credit is ${formatMoney(r.storeCreditCents)}.`,
  declined: 'Okay, the card is untouched.',
  incorrect: (attemptsLeft?: number) =>
    `That card number and PIN don't match our records.${attemptsLeft !== undefined ? ` ${attemptsLeft} ${attemptsLeft === 1 ? 'try' : 'tries'} left before the card is locked for 15 minutes.` : ''}`,
  locked: (seconds?: number) =>
    `That card is locked after too many wrong PINs. Please try again ${seconds && seconds > 3600 ? 'tomorrow' : `in about ${Math.max(1, Math.ceil((seconds ?? 900) / 60))} minutes`}, or ask me for a person.`,
  empty: 'That card has no balance left to redeem.',
  expired: "That card has expired, so it can't be redeemed.",
  gaveUp: "Let's leave it there for now. Ask me again whenever you have the card at hand.",
};
