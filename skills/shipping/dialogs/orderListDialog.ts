import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { conversationData, customerOf, say, typing } from '../../../bot/skillKit';
import { isoDay } from '../../../platform/dates';
import { handleApiError } from '../../shared/handleApiError';
import type { SkillServices } from '../../shared/skillServices';
import { shippingReplies } from '../shippingReplies';

export const ORDER_LIST_DIALOG = 'order.list';

/** How many recent orders "show my orders" lists. */
const RECENT = 5;

/** "show my orders": the recent orders with what was in them and their status. */
export class OrderListDialog extends ComponentDialog {
  constructor(services: SkillServices) {
    super(ORDER_LIST_DIALOG);
    this.initialDialogId = `${this.id}.steps`;
    this.addDialog(
      new WaterfallDialog(`${ORDER_LIST_DIALOG}.steps`, [
        async (step: WaterfallStepContext) => {
          await typing(step.context);
          try {
            const orders = await services.shipping.listOrders(customerOf(step.context).customerId!, { limit: RECENT });
            if (orders.length === 0) await say(step.context, shippingReplies.noOrders);
            else {
              await say(step.context, shippingReplies.list(orders, isoDay(services.now())), [
                { title: 'Track an order', intent: 'shipping.track' },
                { title: 'Report a problem', intent: 'shipping.problem' },
              ]);
              conversationData(step.context).shown.push(...orders.map((o) => `Order ${o.id}: ${o.status}`));
            }
          } catch (e) {
            return handleApiError(step, e, { action: 'look up your orders', write: false });
          }
          return step.endDialog();
        },
      ]),
    );
  }
}
