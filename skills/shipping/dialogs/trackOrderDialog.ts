import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Order } from '../../../contracts/shipping';
import { conversationData, customerOf, say, type SkillDialogOptions, typing } from '../../../bot/skillKit';
import { isoDay } from '../../../platform/dates';
import { handleApiError } from '../../shared/handleApiError';
import type { SkillServices } from '../../shared/skillServices';
import { shippingReplies } from '../shippingReplies';
import { asksAboutSeveral, findOrders, openOrders, withTracking } from './findOrders';

export const TRACK_ORDER_DIALOG = 'shipping.track';

const NEXT = [
  { title: 'Report a problem', intent: 'shipping.problem' },
  { title: 'Talk to a person', intent: 'agent.request' },
];

/**
 * Where is my order: the order named by number, or by what was in it or when it was placed
 * ("the hay", "the dog bed one"); "where are my orders?" gives each open order, the ones with a
 * problem first; otherwise the latest order. A named order that isn't there is said so, never
 * swapped for another.
 */
export class TrackOrderDialog extends ComponentDialog {
  constructor(services: SkillServices) {
    super(TRACK_ORDER_DIALOG);
    this.initialDialogId = `${this.id}.steps`;
    this.addDialog(
      new WaterfallDialog(`${TRACK_ORDER_DIALOG}.steps`, [
        async (step: WaterfallStepContext) => {
          const { recognition } = step.options as SkillDialogOptions;
          const customerId = customerOf(step.context).customerId!;
          const today = isoDay(services.now());
          const data = conversationData(step.context);
          await typing(step.context);
          let asked: string | undefined;
          try {
            const target = await findOrders(services, customerId, recognition, today);
            if (target.kind !== 'number' && target.orders.length === 0) {
              await say(step.context, shippingReplies.noOrders);
              return step.endDialog();
            }
            let one: { orderId: string; order?: Order } | undefined;
            let several: Order[] | undefined;
            switch (target.kind) {
              case 'number':
                one = { orderId: target.orderId };
                break;
              case 'one':
                one = { orderId: target.order.id, order: target.order };
                break;
              case 'several':
                several = target.matches;
                break;
              case 'unmatched':
                await say(step.context, shippingReplies.noneMatch(recognition.text.trim().slice(0, 80)));
                several = openOrders(target.orders, today);
                if (several.length === 0) several = target.orders.slice(0, 3);
                break;
              case 'none': {
                const open = openOrders(target.orders, today);
                if (asksAboutSeveral(recognition.text) && open.length > 1) several = open;
                else one = { orderId: target.orders[0]!.id, order: target.orders[0] };
              }
            }
            asked = one?.orderId;
            if (one) {
              data.slots.orderId = one.orderId;
              const tracking = await services.shipping.tracking(customerId, one.orderId);
              await say(step.context, shippingReplies.tracking(tracking, today, one.order), NEXT);
              data.shown.push(`Order ${tracking.orderId}: ${tracking.status}, ETA ${tracking.eta ?? 'none'}`);
            } else {
              const rows = await withTracking(services, customerId, several!);
              await say(step.context, shippingReplies.whereAreThey(rows, today), NEXT);
              data.shown.push(...rows.map((r) => `Order ${r.order.id}: ${r.tracking.status}, ETA ${r.tracking.eta ?? 'none'}`));
            }
          } catch (e) {
            return handleApiError(step, e, { action: 'look up your order', write: false, refusals: { not_found: shippingReplies.notYours(asked ?? '') } });
          }
          return step.endDialog();
        },
      ]),
    );
  }
}
