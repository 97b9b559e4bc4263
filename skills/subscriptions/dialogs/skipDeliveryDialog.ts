import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { choicePrompt, confirmPrompt } from '../../../bot/dialogs/prompts';
import { customerOf } from '../../../bot/turn/turnMemory';
import { isoDay } from '../../../platform/dates';
import type { SkillServices } from '../../shared/skillServices';
import { subscriptionsReplies } from '../subscriptionsReplies';
import { applyIfConfirmed, askToConfirm } from './applySubscriptionChange';
import { chooseSubscriptionSteps, chosen } from './chooseSubscription';

export const SKIP_DELIVERY_DIALOG = 'subscription.skip';

/** Skip the next delivery of an active subscription. */
export class SkipDeliveryDialog extends ComponentDialog {
  constructor(services: SkillServices) {
    super(SKIP_DELIVERY_DIALOG);
    this.initialDialogId = `${this.id}.steps`;
    const today = () => isoDay(services.now());
    this.addDialog(confirmPrompt());
    this.addDialog(choicePrompt());
    this.addDialog(
      new WaterfallDialog(`${SKIP_DELIVERY_DIALOG}.steps`, [
        ...chooseSubscriptionSteps(services, 'skip'),
        async (step: WaterfallStepContext) => askToConfirm(step, subscriptionsReplies.confirmSkip(chosen(step), today())),
        async (step: WaterfallStepContext) =>
          applyIfConfirmed(step, 'skip that delivery', async (opts) => {
            const r = await services.subscriptions.skip(customerOf(step.context).customerId!, chosen(step).id, opts);
            return subscriptionsReplies.skipped(r.subscription.product.name, r.skippedDate, r.nextDeliveryDate, today());
          }),
      ]),
    );
  }
}
