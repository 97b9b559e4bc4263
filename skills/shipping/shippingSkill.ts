import type { Skill } from '../../bot/dialogs/skill';
import type { SkillServices } from '../shared/skillServices';
import { REPORT_PROBLEM_DIALOG, ReportProblemDialog } from './dialogs/reportProblemDialog';
import { TRACK_ORDER_DIALOG, TrackOrderDialog } from './dialogs/trackOrderDialog';

/** Shipping: track an order; report a delivery problem (then a person takes over). */
export function shippingSkill(services: SkillServices): Skill {
  return {
    name: 'shipping',
    intents: [
      { intent: 'shipping.track', dialogId: TRACK_ORDER_DIALOG, needsCustomer: true, readOnly: true },
      { intent: 'shipping.problem', dialogId: REPORT_PROBLEM_DIALOG, needsCustomer: true },
    ],
    dialogs: [new TrackOrderDialog(services), new ReportProblemDialog(services)],
  };
}
