import { confirmPrompt, conversationData, customerOf, initiateHandoff, PROMPTS, say, type SkillDialogOptions, typing, vals } from '../../../bot/skillKit';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Order } from '../../../contracts/shipping';
import { isoDay } from '../../../platform/dates';
import { maskText } from '../../../platform/mask';
import { isApiError } from '../../shared/apiErrors';
import type { SkillServices } from '../../shared/skillServices';
import { shippingReplies } from '../shippingReplies';
import { findOrders } from './findOrders';

export const CANCEL_ORDER_DIALOG = 'order.cancel';

/**
 * "cancel my order" (a one-off order, not an autoship): the bot can't cancel orders, so it
 * says so plainly, changes nothing, and offers a person (with the order it understood).
 */
export class CancelOrderDialog extends ComponentDialog {
  constructor(services: SkillServices) {
    super(CANCEL_ORDER_DIALOG);
    this.initialDialogId = `${this.id}.steps`;
    this.addDialog(confirmPrompt());
    this.addDialog(
      new WaterfallDialog(`${CANCEL_ORDER_DIALOG}.steps`, [
        async (step: WaterfallStepContext) => {
          const { recognition } = step.options as SkillDialogOptions;
          const customerId = customerOf(step.context).customerId!;
          await typing(step.context);
          let order: Order | undefined;
          try {
            const target = await findOrders(services, customerId, recognition, isoDay(services.now()));
            if (target.kind === 'one') order = target.order;
            if (target.kind === 'number') order = (await services.shipping.listOrders(customerId, { limit: 50 })).find((o) => o.id === target.orderId);
          } catch (e) {
            // Which order it is only helps the agent: an unavailable API must not stop the offer of a person.
            if (!isApiError(e)) throw e;
          }
          vals(step).orderId = order?.id;
          if (order) conversationData(step.context).slots.orderId = order.id;
          return step.prompt(PROMPTS.confirm, { prompt: shippingReplies.cannotCancel(order) });
        },
        async (step: WaterfallStepContext) => {
          if (step.result !== true) {
            await say(step.context, shippingReplies.cancelDeclined);
            return step.endDialog();
          }
          const { recognition } = step.options as SkillDialogOptions;
          const orderId = vals(step).orderId as string | undefined;
          await initiateHandoff(step.context, 'asked_for_agent', `Customer wants to cancel ${orderId ? `order ${orderId}` : 'an order'}: "${maskText(recognition.text).slice(0, 120)}"`);
          return step.endDialog();
        },
      ]),
    );
  }
}
