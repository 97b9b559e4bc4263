import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { choicePrompt, confirmPrompt } from '../../../bot/dialogs/prompts';
import { customerOf } from '../../../bot/turn/turnMemory';
import { isoDay } from '../../../platform/dates';
import type { SkillServices } from '../../shared/skillServices';
import { subscriptionsReplies } from '../subscriptionsReplies';
import { applyIfConfirmed, askToConfirm } from './applySubscriptionChange';
import { chooseSubscriptionSteps, chosen } from './chooseSubscription';

export const RESUME_SUBSCRIPTION_DIALOG = 'subscription.resume';

/** Resume a paused subscription. */
export class ResumeSubscriptionDialog extends ComponentDialog {
  constructor(services: SkillServices) {
    super(RESUME_SUBSCRIPTION_DIALOG);
    this.initialDialogId = `${this.id}.steps`;
    this.addDialog(confirmPrompt());
    this.addDialog(choicePrompt());
    this.addDialog(
      new WaterfallDialog(`${RESUME_SUBSCRIPTION_DIALOG}.steps`, [
        ...chooseSubscriptionSteps(services, 'resume'),
        async (step: WaterfallStepContext) => askToConfirm(step, subscriptionsReplies.confirmResume(chosen(step))),
        async (step: WaterfallStepContext) =>
          applyIfConfirmed(step, 'resume your subscription', async (opts) =>
            subscriptionsReplies.resumed(await services.subscriptions.resume(customerOf(step.context).customerId!, chosen(step).id, opts), isoDay(services.now())),
          ),
      ]),
    );
  }
}
