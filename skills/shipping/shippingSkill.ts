import type { Skill } from '../../bot/skillKit';
import type { SkillServices } from '../shared/skillServices';
import { CANCEL_ORDER_DIALOG, CancelOrderDialog } from './dialogs/cancelOrderDialog';
import { ORDER_LIST_DIALOG, OrderListDialog } from './dialogs/orderListDialog';
import { REPORT_PROBLEM_DIALOG, ReportProblemDialog } from './dialogs/reportProblemDialog';
import { TRACK_ORDER_BY_NUMBER_DIALOG, TrackOrderByNumberDialog } from './dialogs/trackOrderByNumberDialog';
import { TRACK_ORDER_DIALOG, TrackOrderDialog } from './dialogs/trackOrderDialog';

/** Shipping: track orders (signed in, or by number + ZIP/e-mail), list them, report a delivery problem (then a person takes over), ask to cancel one (a person does it). */
export function shippingSkill(services: SkillServices): Skill {
  return {
    name: 'shipping',
    intents: [
      { intent: 'shipping.track', dialogId: TRACK_ORDER_DIALOG, needsCustomer: true, anonymousDialogId: TRACK_ORDER_BY_NUMBER_DIALOG, readOnly: true },
      { intent: 'shipping.problem', dialogId: REPORT_PROBLEM_DIALOG, needsCustomer: true },
      { intent: 'order.list', dialogId: ORDER_LIST_DIALOG, needsCustomer: true, readOnly: true },
      { intent: 'order.cancel', dialogId: CANCEL_ORDER_DIALOG, needsCustomer: true },
    ],
    dialogs: [new TrackOrderDialog(services), new ReportProblemDialog(services), new OrderListDialog(services), new CancelOrderDialog(services), new TrackOrderByNumberDialog(services)],
  };
}
