import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { choicePrompt, customerOf } from '../../../bot/skillKit';
import { isoDay } from '../../../platform/dates';
import type { SkillServices } from '../../shared/skillServices';
import { subscriptionsReplies } from '../subscriptionsReplies';
import { applyIfConfirmed, askToConfirm, changeConfirmPrompt } from './applySubscriptionChange';
import { chooseSubscriptionSteps } from './chooseSubscription';

export const SKIP_DELIVERY_DIALOG = 'subscription.skip';

/** Skip the next delivery of an active subscription. */
export class SkipDeliveryDialog extends ComponentDialog {
  constructor(services: SkillServices) {
    super(SKIP_DELIVERY_DIALOG);
    this.initialDialogId = `${this.id}.steps`;
    const today = () => isoDay(services.now());
    this.addDialog(changeConfirmPrompt<string | null>(services, 'skip', { describe: (s, offer) => offer ?? subscriptionsReplies.confirmSkip(s, today()) }));
    this.addDialog(choicePrompt());
    this.addDialog(
      new WaterfallDialog(`${SKIP_DELIVERY_DIALOG}.steps`, [
        ...chooseSubscriptionSteps(services, 'skip'),
        async (step: WaterfallStepContext) => askToConfirm(step, null),
        async (step: WaterfallStepContext) =>
          applyIfConfirmed<null>(step, 'skip that delivery', async (change, opts) => {
            const r = await services.subscriptions.skip(customerOf(step.context).customerId!, change.subscription.id, opts);
            return subscriptionsReplies.skipped(r.subscription.product.name, r.skippedDate, r.nextDeliveryDate, today());
          }),
      ]),
    );
  }
}
