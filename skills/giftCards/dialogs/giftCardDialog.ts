import { checkedTextPrompt, confirmPrompt, conversationData, customerOf, newOperationId, operationKey, PROMPTS, say, typing, vals } from '../../../bot/skillKit';
import { ComponentDialog, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { GiftCardBalance, GiftCardCredentials } from '../../../contracts/giftCards';
import { isoDay } from '../../../platform/dates';
import { ApiError } from '../../shared/apiErrors';
import { handleApiError } from '../../shared/handleApiError';
import type { SkillServices } from '../../shared/skillServices';
import { slots } from '../../shared/slots';
import { giftCardsReplies } from '../giftCardsReplies';
import { readCardNumber, readPin } from '../readCardAnswer';

export const GIFT_CARD_BALANCE_DIALOG = 'giftcard.balance';
export const GIFT_CARD_REDEEM_DIALOG = 'giftcard.redeem';

/**
 * What the dialog's waterfall starts with: never the customer's message (it may hold the
 * number and PIN), only the card details sealed by the {@link CardVault}.
 */
interface GiftCardStart {
  sealed?: string;
  /** The PIN was wrong: ask for it again (the number is kept). */
  retry?: { attemptsLeft?: number };
}

const refusals = {
  card_or_pin_incorrect: (e: ApiError) => giftCardsReplies.incorrect(attemptsLeftOf(e)),
  card_locked: (e: ApiError) => giftCardsReplies.locked(e.retryAfterSeconds),
  card_empty: giftCardsReplies.empty,
  card_expired: giftCardsReplies.expired,
};
const attemptsLeftOf = (e: ApiError) => (typeof e.details.attemptsLeft === 'number' ? e.details.attemptsLeft : undefined);

/**
 * Gift cards: the balance (number + PIN), or redeem the whole balance into store credit
 * (number + PIN, confirmation, one call). The number is echoed masked; the PIN never. Number
 * and PIN are kept between turns only sealed (encrypted, expiring in minutes), never in plain
 * text in dialog state or the transcript. A wrong PIN asks for the PIN again, with the tries
 * left; the card number is kept.
 */
export class GiftCardDialog extends ComponentDialog {
  private readonly steps: string;

  constructor(
    private readonly services: SkillServices,
    private readonly mode: 'balance' | 'redeem',
  ) {
    super(mode === 'balance' ? GIFT_CARD_BALANCE_DIALOG : GIFT_CARD_REDEEM_DIALOG);
    this.steps = `${this.id}.steps`;
    this.initialDialogId = this.steps;
    const numberPrompt = `${this.id}.number`;
    const pinPrompt = `${this.id}.pin`;
    const vault = services.cardVault;
    this.addDialog(confirmPrompt());
    this.addDialog(checkedTextPrompt(numberPrompt, async (text) => (readCardNumber(text) ? null : giftCardsReplies.badNumber)));
    // A whole card number at the PIN prompt replaces the number (it was the number that was wrong).
    this.addDialog(checkedTextPrompt(pinPrompt, async (text) => (readPin(text) || readCardNumber(text) ? null : giftCardsReplies.badPin)));
    const card = (step: WaterfallStepContext) => vault.open(vals(step).sealed) ?? {};
    const keep = (step: WaterfallStepContext, c: Partial<GiftCardCredentials>) => {
      vals(step).sealed = vault.seal(c);
      if (c.number) conversationData(step.context).slots.giftCard = `**** ${c.number.slice(-4)}`;
    };
    this.addDialog(
      new WaterfallDialog(this.steps, [
        async (step: WaterfallStepContext) => {
          const start = step.options as GiftCardStart;
          const c = vault.open(start.sealed) ?? {};
          keep(step, c);
          if (c.number) return step.next();
          // What answers the number question may hold a PIN too: kept out of the transcript.
          conversationData(step.context).expectingSecret = true;
          return step.prompt(numberPrompt, { prompt: giftCardsReplies.askNumber });
        },
        async (step: WaterfallStepContext) => {
          const c = card(step);
          if (!c.number) {
            const n = typeof step.result === 'string' ? readCardNumber(step.result) : undefined;
            if (!n) return this.giveUp(step);
            // "6006 4912 3456 1001, pin 1234" at the number prompt gives both.
            keep(step, { number: n, pin: typeof step.result === 'string' ? readPin(step.result, n) : undefined });
          }
          if (card(step).pin) return step.next();
          const { retry } = step.options as GiftCardStart;
          conversationData(step.context).expectingSecret = true;
          return step.prompt(pinPrompt, { prompt: retry ? giftCardsReplies.askPinAgain(card(step).number!) : giftCardsReplies.askPin });
        },
        async (step: WaterfallStepContext) => {
          conversationData(step.context).expectingSecret = false;
          let c = card(step);
          if (!c.number) return this.expired(step);
          if (!c.pin) {
            const text = typeof step.result === 'string' ? step.result : '';
            const newNumber = readCardNumber(text);
            const pin = readPin(text, newNumber);
            if (newNumber && !pin) {
              // A corrected card number: ask for its PIN.
              return step.replaceDialog(this.steps, { sealed: vault.seal({ number: newNumber }) } satisfies GiftCardStart);
            }
            if (!pin) return this.giveUp(step);
            c = { number: newNumber ?? c.number, pin };
          }
          await typing(step.context);
          let balance: GiftCardBalance;
          try {
            balance = await services.giftCards.balance(customerOf(step.context).customerId, c as GiftCardCredentials);
          } catch (e) {
            return this.failed(step, e, c, 'check that gift card', false);
          }
          const today = isoDay(services.now());
          if (this.mode === 'balance' || balance.status !== 'active' || balance.balanceCents === 0) {
            vals(step).sealed = undefined;
            await say(step.context, giftCardsReplies.balance(balance, today));
            conversationData(step.context).shown.push(`Gift card ${balance.maskedNumber}: ${balance.status}, ${balance.balanceCents} cents`);
            return step.endDialog();
          }
          keep(step, c);
          vals(step).operationId = newOperationId();
          return step.prompt(PROMPTS.confirm, { prompt: giftCardsReplies.confirmRedeem(balance) });
        },
        async (step: WaterfallStepContext) => {
          const c = card(step);
          vals(step).sealed = undefined;
          if (step.result !== true) {
            await say(step.context, giftCardsReplies.declined);
            return step.endDialog();
          }
          if (!c.number || !c.pin) return this.expired(step);
          await typing(step.context);
          try {
            const done = await services.giftCards.redeem(customerOf(step.context).customerId!, c as GiftCardCredentials, {
              idempotencyKey: operationKey(step.context, vals(step).operationId as string),
            });
            await say(step.context, giftCardsReplies.redeemed(done));
            conversationData(step.context).shown.push(`Redeemed gift card ${done.maskedNumber}: ${done.amountCents} cents to store credit`);
          } catch (e) {
            return this.failed(step, e, c, 'redeem that gift card', true);
          }
          return step.endDialog();
        },
      ]),
    );
  }

  /**
   * The skill is started with a masked recognition (dialog options are saved): the number and
   * PIN of the first message are read from the message itself, in memory for this turn, and
   * kept only sealed.
   */
  override async beginDialog(outerDC: DialogContext, _options?: object): Promise<DialogTurnResult> {
    const said = await this.services.recognizer.recognize(outerDC.context.activity.text ?? '');
    const number = slots.giftCardNumber(said);
    const pin = slots.pin(said);
    return super.beginDialog(outerDC, { sealed: this.services.cardVault.seal({ number, pin }) } satisfies GiftCardStart);
  }

  /** A wrong PIN (tries left) asks for the PIN again and keeps the number; other failures end the dialog. */
  private async failed(step: WaterfallStepContext, e: unknown, c: Partial<GiftCardCredentials>, action: string, write: boolean): Promise<DialogTurnResult> {
    vals(step).sealed = undefined;
    if (e instanceof ApiError && e.code === 'card_or_pin_incorrect' && attemptsLeftOf(e) !== 0) {
      await say(step.context, giftCardsReplies.incorrect(attemptsLeftOf(e)));
      return step.replaceDialog(this.steps, { sealed: this.services.cardVault.seal({ number: c.number }), retry: { attemptsLeft: attemptsLeftOf(e) } } satisfies GiftCardStart);
    }
    return handleApiError(step, e, { action, write, refusals });
  }

  private async giveUp(step: WaterfallStepContext): Promise<DialogTurnResult> {
    vals(step).sealed = undefined;
    conversationData(step.context).expectingSecret = false;
    await say(step.context, giftCardsReplies.gaveUp);
    return step.endDialog();
  }

  private async expired(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await say(step.context, giftCardsReplies.forgotten);
    return step.endDialog();
  }
}
