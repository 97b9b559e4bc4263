import { vals } from '../../../bot/dialogs/stepValues';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { GiftCardBalance, GiftCardCredentials } from '../../../contracts/giftCards';
import { newOperationId, operationKey } from '../../../bot/dialogs/operationKey';
import { checkedTextPrompt, confirmPrompt, PROMPTS } from '../../../bot/dialogs/prompts';
import type { SkillDialogOptions } from '../../../bot/dialogs/skill';
import { say, typing } from '../../../bot/turn/say';
import { conversationData, customerOf } from '../../../bot/turn/turnMemory';
import type { ApiError } from '../../shared/apiErrors';
import { handleApiError } from '../../shared/handleApiError';
import type { SkillServices } from '../../shared/skillServices';
import { slots } from '../../shared/slots';
import { giftCardsReplies } from '../giftCardsReplies';

export const GIFT_CARD_BALANCE_DIALOG = 'giftcard.balance';
export const GIFT_CARD_REDEEM_DIALOG = 'giftcard.redeem';

const digits = (s: string) => s.replace(/[\s-]/g, '');
const cardIn = (text: string) => (/^\d{16}$/.test(digits(text)) ? digits(text) : undefined);
const pinIn = (text: string) => (/^\s*(?:pin\s*(?:is|:)?\s*)?(\d{4,8})\s*$/i.exec(text)?.[1]);

const refusals = {
  card_or_pin_incorrect: (e: ApiError) => giftCardsReplies.incorrect(typeof e.details.attemptsLeft === 'number' ? e.details.attemptsLeft : undefined),
  card_locked: (e: ApiError) => giftCardsReplies.locked(e.retryAfterSeconds),
  card_empty: giftCardsReplies.empty,
  card_expired: giftCardsReplies.expired,
};

/**
 * Gift cards: the balance (number + PIN), or redeem the whole balance into store credit
 * (number + PIN, confirmation, one call). The number is echoed masked; the PIN never, and the
 * customer's PIN message is masked in the transcript.
 */
export class GiftCardDialog extends ComponentDialog {
  constructor(
    services: SkillServices,
    private readonly mode: 'balance' | 'redeem',
  ) {
    super(mode === 'balance' ? GIFT_CARD_BALANCE_DIALOG : GIFT_CARD_REDEEM_DIALOG);
    this.initialDialogId = `${this.id}.steps`;
    const numberPrompt = `${this.id}.number`;
    const pinPrompt = `${this.id}.pin`;
    this.addDialog(confirmPrompt());
    this.addDialog(checkedTextPrompt(numberPrompt, async (text) => (cardIn(text) ? null : giftCardsReplies.badNumber)));
    this.addDialog(checkedTextPrompt(pinPrompt, async (text) => (pinIn(text) ? null : giftCardsReplies.badPin)));
    const card = (step: WaterfallStepContext) => vals(step).card as Partial<GiftCardCredentials>;
    this.addDialog(
      new WaterfallDialog(`${this.id}.steps`, [
        async (step: WaterfallStepContext) => {
          const { recognition } = step.options as SkillDialogOptions;
          vals(step).card = { number: slots.giftCardNumber(recognition), pin: slots.pin(recognition) } satisfies Partial<GiftCardCredentials>;
          if (card(step).number) return step.next();
          return step.prompt(numberPrompt, { prompt: giftCardsReplies.askNumber });
        },
        async (step: WaterfallStepContext) => {
          if (!card(step).number) {
            const n = typeof step.result === 'string' ? cardIn(step.result) : undefined;
            if (!n) {
              await say(step.context, giftCardsReplies.gaveUp);
              return step.endDialog();
            }
            card(step).number = n;
          }
          conversationData(step.context).slots.giftCard = `**** ${card(step).number!.slice(-4)}`;
          if (card(step).pin) return step.next();
          conversationData(step.context).expectingSecret = true;
          return step.prompt(pinPrompt, { prompt: giftCardsReplies.askPin });
        },
        async (step: WaterfallStepContext) => {
          if (!card(step).pin) {
            const p = typeof step.result === 'string' ? pinIn(step.result) : undefined;
            if (!p) {
              await say(step.context, giftCardsReplies.gaveUp);
              return step.endDialog();
            }
            card(step).pin = p;
          }
          conversationData(step.context).expectingSecret = false;
          await typing(step.context);
          let balance: GiftCardBalance;
          try {
            balance = await services.giftCards.balance(customerOf(step.context).customerId, card(step) as GiftCardCredentials);
          } catch (e) {
            return handleApiError(step, e, { action: 'check that gift card', write: false, refusals });
          }
          vals(step).balance = balance;
          if (this.mode === 'balance' || balance.status !== 'active' || balance.balanceCents === 0) {
            await say(step.context, giftCardsReplies.balance(balance));
            conversationData(step.context).shown.push(`Gift card ${balance.maskedNumber}: ${balance.status}, ${balance.balanceCents} cents`);
            return step.endDialog();
          }
          vals(step).operationId = newOperationId();
          return step.prompt(PROMPTS.confirm, { prompt: giftCardsReplies.confirmRedeem(balance) });
        },
        async (step: WaterfallStepContext) => {
          if (step.result !== true) {
            await say(step.context, giftCardsReplies.declined);
            return step.endDialog();
          }
          await typing(step.context);
          try {
            const done = await services.giftCards.redeem(customerOf(step.context).customerId!, card(step) as GiftCardCredentials, {
              idempotencyKey: operationKey(step.context, vals(step).operationId as string),
            });
            await say(step.context, giftCardsReplies.redeemed(done));
            conversationData(step.context).shown.push(`Redeemed gift card ${done.maskedNumber}: ${done.amountCents} cents to store credit`);
          } catch (e) {
            return handleApiError(step, e, { action: 'redeem that gift card', write: true, refusals });
          }
          return step.endDialog();
        },
      ]),
    );
  }
}
