import { isoDay } from '../../../platform/dates';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { OrderLookupRequest } from '../../../contracts/shipping';
import { checkedTextPrompt, conversationData, promptTurn, say, type SkillDialogOptions, typing, vals } from '../../../bot/skillKit';
import { maskText } from '../../../platform/mask';
import type { ApiError } from '../../shared/apiErrors';
import { handleApiError } from '../../shared/handleApiError';
import type { SkillServices } from '../../shared/skillServices';
import { anonymousTrackingReplies as replies } from '../anonymousTrackingReplies';
import { readOrderProof, readProofOnly, type OrderProof } from '../orderProof';
import { shippingReplies } from '../shippingReplies';

export const TRACK_ORDER_BY_NUMBER_DIALOG = 'shipping.trackByNumber';

/**
 * Where is my order, for a visitor who is not signed in: the order number (asked for, with a
 * sign-in link, when not given) and the ZIP code or e-mail on the order as proof, then the
 * sandbox lookup. A wrong ZIP/e-mail gets the same answer as an order that does not exist.
 */
export class TrackOrderByNumberDialog extends ComponentDialog {
  constructor(services: SkillServices) {
    super(TRACK_ORDER_BY_NUMBER_DIALOG);
    this.initialDialogId = `${this.id}.steps`;
    const numberPrompt = `${this.id}.number`;
    const proofPrompt = `${this.id}.proof`;
    const read = async (text: string) => readOrderProof(text, await services.recognizer.recognize(text, { now: services.now() }));
    this.addDialog(checkedTextPrompt(numberPrompt, async (text) => ((await read(text)).orderId ? null : replies.badNumber)));
    this.addDialog(checkedTextPrompt(proofPrompt, async (text, pc) => (Object.keys(readProofOnly(text, (pc.options.validations as { orderId?: string } | undefined)?.orderId ?? '')).length ? null : replies.badProof)));
    const proof = (step: WaterfallStepContext) => vals(step).proof as OrderProof;
    this.addDialog(
      new WaterfallDialog(`${this.id}.steps`, [
        async (step: WaterfallStepContext) => {
          const { recognition } = step.options as SkillDialogOptions;
          // Dialog options keep the message masked; this turn's own words still have the e-mail in "…, my email is ava@example.com".
          const heard = promptTurn.heard(step.context);
          const said = heard && maskText(heard.text) === recognition.text ? heard : recognition;
          vals(step).proof = readOrderProof(said.text, said);
          if (proof(step).orderId) return step.next();
          return step.prompt(numberPrompt, { prompt: replies.askNumber(services.signInUrl) });
        },
        async (step: WaterfallStepContext) => {
          if (!proof(step).orderId) {
            if (typeof step.result !== 'string') return this.giveUp(step);
            // A ZIP/e-mail given before the number is kept.
            vals(step).proof = { ...proof(step), ...(await read(step.result)) };
          }
          conversationData(step.context).slots.orderId = proof(step).orderId!;
          if (proof(step).zip || proof(step).email) return step.next();
          return step.prompt(proofPrompt, { prompt: replies.askProof, validations: { orderId: proof(step).orderId } });
        },
        async (step: WaterfallStepContext) => {
          const p = proof(step);
          if (!p.zip && !p.email) {
            if (typeof step.result !== 'string') return this.giveUp(step);
            Object.assign(p, readProofOnly(step.result, p.orderId!));
          }
          const request: OrderLookupRequest = p.zip ? { orderId: p.orderId!, zip: p.zip } : { orderId: p.orderId!, email: p.email! };
          await typing(step.context);
          try {
            const found = await services.shipping.lookupOrder(request);
            await say(step.context, shippingReplies.tracking(found, isoDay(services.now()), found), [{ title: 'Talk to a person', intent: 'agent.request' }]);
            conversationData(step.context).shown.push(`Order ${found.orderId} (looked up by ${p.zip ? 'ZIP code' : 'e-mail'}): ${found.status}, ETA ${found.eta ?? 'none'}`);
          } catch (e) {
            return handleApiError(step, e, {
              action: 'look up that order',
              write: false,
              refusals: { not_found: replies.noMatch(p.orderId!), too_many_attempts: (err: ApiError) => replies.tooMany(err.retryAfterSeconds) },
            });
          }
          return step.endDialog();
        },
      ]),
    );
  }

  private async giveUp(step: WaterfallStepContext) {
    await say(step.context, replies.gaveUp);
    return step.endDialog();
  }
}
