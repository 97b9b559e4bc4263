import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { conversationData, customerOf, say, typing } from '../../../bot/skillKit';
import { isoDay } from '../../../platform/dates';
import { handleApiError } from '../../shared/handleApiError';
import type { SkillServices } from '../../shared/skillServices';
import { describeSubscription, subscriptionsReplies } from '../subscriptionsReplies';

export const SUBSCRIPTION_LIST_DIALOG = 'subscription.list';

/** The customer's autoship subscriptions with status and next delivery. */
export class SubscriptionListDialog extends ComponentDialog {
  constructor(services: SkillServices) {
    super(SUBSCRIPTION_LIST_DIALOG);
    this.initialDialogId = `${this.id}.steps`;
    this.addDialog(
      new WaterfallDialog(`${SUBSCRIPTION_LIST_DIALOG}.steps`, [
        async (step: WaterfallStepContext) => {
          await typing(step.context);
          const today = isoDay(services.now());
          try {
            const subs = await services.subscriptions.list(customerOf(step.context).customerId!);
            if (subs.length === 0) await say(step.context, subscriptionsReplies.none);
            else {
              await say(step.context, subscriptionsReplies.list(subs, today), [
                { title: 'Pause one', intent: 'subscription.pause' },
                { title: 'Skip a delivery', intent: 'subscription.skip' },
                { title: 'Change one', intent: 'subscription.modify' },
              ]);
              conversationData(step.context).shown.push(...subs.map((s) => `Subscription ${s.id}: ${describeSubscription(s, today)}`));
            }
          } catch (e) {
            return handleApiError(step, e, { action: 'look up your subscriptions', write: false });
          }
          return step.endDialog();
        },
      ]),
    );
  }
}
