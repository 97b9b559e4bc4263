import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { KEEP_INTENT } from '../../../skills/proactive/reminderNotice';
import { say } from '../../../bot/skillKit';
import { notificationsReplies } from '../notificationsReplies';

export const KEEP_DELIVERY_DIALOG = KEEP_INTENT;

/** [Keep it] under a renewal reminder: nothing changes, the customer hears so. */
export class KeepDeliveryDialog extends ComponentDialog {
  constructor() {
    super(KEEP_DELIVERY_DIALOG);
    this.initialDialogId = `${this.id}.steps`;
    this.addDialog(
      new WaterfallDialog(`${this.id}.steps`, [
        async (step: WaterfallStepContext) => {
          await say(step.context, notificationsReplies.kept);
          return step.endDialog();
        },
      ]),
    );
  }
}
