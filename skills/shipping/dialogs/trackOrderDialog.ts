import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Order } from '../../../contracts/shipping';
import type { SkillDialogOptions } from '../../../bot/dialogs/skill';
import { say, typing } from '../../../bot/turn/say';
import { conversationData, customerOf } from '../../../bot/turn/turnMemory';
import { handleApiError } from '../../shared/handleApiError';
import type { SkillServices } from '../../shared/skillServices';
import { slots } from '../../shared/slots';
import { shippingReplies } from '../shippingReplies';

export const TRACK_ORDER_DIALOG = 'shipping.track';

/** Where is my order: the named order, or the latest one. */
export class TrackOrderDialog extends ComponentDialog {
  constructor(services: SkillServices) {
    super(TRACK_ORDER_DIALOG);
    this.initialDialogId = `${this.id}.steps`;
    this.addDialog(
      new WaterfallDialog(`${TRACK_ORDER_DIALOG}.steps`, [
        async (step: WaterfallStepContext) => {
          const { recognition } = step.options as SkillDialogOptions;
          const customerId = customerOf(step.context).customerId!;
          const named = slots.orderNumber(recognition);
          await typing(step.context);
          try {
            let order: Order | undefined;
            if (!named) {
              order = (await services.shipping.listOrders(customerId, { limit: 1 }))[0];
              if (!order) {
                await say(step.context, shippingReplies.noOrders);
                return step.endDialog();
              }
            }
            const orderId = named ?? order!.id;
            conversationData(step.context).slots.orderId = orderId;
            const tracking = await services.shipping.tracking(customerId, orderId);
            const text = shippingReplies.tracking(tracking, order);
            await say(step.context, text, [
              { title: 'Report a problem', intent: 'shipping.problem' },
              { title: 'Talk to a person', intent: 'agent.request' },
            ]);
            conversationData(step.context).shown.push(`Order ${tracking.orderId}: ${tracking.status}, ETA ${tracking.eta ?? 'none'}`);
          } catch (e) {
            return handleApiError(step, e, { action: 'look up your order', write: false, refusals: { not_found: shippingReplies.notYours(named ?? '') } });
          }
          return step.endDialog();
        },
      ]),
    );
  }
}
