import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { choicePrompt, customerOf } from '../../../bot/skillKit';
import { isoDay } from '../../../platform/dates';
import type { SkillServices } from '../../shared/skillServices';
import { subscriptionsReplies } from '../subscriptionsReplies';
import { applyIfConfirmed, askToConfirm, changeConfirmPrompt } from './applySubscriptionChange';
import { chooseSubscriptionSteps } from './chooseSubscription';

export const RESUME_SUBSCRIPTION_DIALOG = 'subscription.resume';

/** Resume a paused subscription. */
export class ResumeSubscriptionDialog extends ComponentDialog {
  constructor(services: SkillServices) {
    super(RESUME_SUBSCRIPTION_DIALOG);
    this.initialDialogId = `${this.id}.steps`;
    this.addDialog(changeConfirmPrompt<null>(services, 'resume', { describe: (s) => subscriptionsReplies.confirmResume(s) }));
    this.addDialog(choicePrompt());
    this.addDialog(
      new WaterfallDialog(`${RESUME_SUBSCRIPTION_DIALOG}.steps`, [
        ...chooseSubscriptionSteps(services, 'resume'),
        async (step: WaterfallStepContext) => askToConfirm(step, null),
        async (step: WaterfallStepContext) =>
          applyIfConfirmed<null>(step, 'resume your subscription', async (change, opts) =>
            subscriptionsReplies.resumed(await services.subscriptions.resume(customerOf(step.context).customerId!, change.subscription.id, opts), isoDay(services.now())),
          ),
      ]),
    );
  }
}
