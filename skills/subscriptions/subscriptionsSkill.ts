import type { Skill } from '../../bot/skillKit';
import type { SkillServices } from '../shared/skillServices';
import { CANCEL_SUBSCRIPTION_DIALOG, CancelSubscriptionDialog } from './dialogs/cancelSubscriptionDialog';
import { MODIFY_SUBSCRIPTION_DIALOG, ModifySubscriptionDialog } from './dialogs/modifySubscriptionDialog';
import { PAUSE_SUBSCRIPTION_DIALOG, PauseSubscriptionDialog } from './dialogs/pauseSubscriptionDialog';
import { RESUME_SUBSCRIPTION_DIALOG, ResumeSubscriptionDialog } from './dialogs/resumeSubscriptionDialog';
import { SKIP_DELIVERY_DIALOG, SkipDeliveryDialog } from './dialogs/skipDeliveryDialog';
import { SUBSCRIPTION_LIST_DIALOG, SubscriptionListDialog } from './dialogs/subscriptionListDialog';

/** Autoship subscriptions: list, pause, resume, skip, modify, cancel. */
export function subscriptionsSkill(services: SkillServices): Skill {
  return {
    name: 'subscriptions',
    intents: [
      { intent: 'subscription.list', dialogId: SUBSCRIPTION_LIST_DIALOG, needsCustomer: true, readOnly: true },
      { intent: 'subscription.pause', dialogId: PAUSE_SUBSCRIPTION_DIALOG, needsCustomer: true },
      { intent: 'subscription.resume', dialogId: RESUME_SUBSCRIPTION_DIALOG, needsCustomer: true },
      { intent: 'subscription.skip', dialogId: SKIP_DELIVERY_DIALOG, needsCustomer: true },
      { intent: 'subscription.cancel', dialogId: CANCEL_SUBSCRIPTION_DIALOG, needsCustomer: true },
      { intent: 'subscription.modify', dialogId: MODIFY_SUBSCRIPTION_DIALOG, needsCustomer: true },
    ],
    dialogs: [
      new SubscriptionListDialog(services),
      new PauseSubscriptionDialog(services),
      new ResumeSubscriptionDialog(services),
      new SkipDeliveryDialog(services),
      new CancelSubscriptionDialog(services),
      new ModifySubscriptionDialog(services),
    ],
  };
}
