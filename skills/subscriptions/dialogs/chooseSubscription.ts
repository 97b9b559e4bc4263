import { vals } from '../../../bot/dialogs/stepValues';
import type { FoundChoice } from 'botbuilder-dialogs';
import type { DialogTurnResult, WaterfallStep, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Subscription } from '../../../contracts/subscriptions';
import { PROMPTS } from '../../../bot/dialogs/prompts';
import type { SkillDialogOptions } from '../../../bot/dialogs/skill';
import { say, typing } from '../../../bot/turn/say';
import { conversationData, customerOf } from '../../../bot/turn/turnMemory';
import { handleApiError } from '../../shared/handleApiError';
import type { SkillServices } from '../../shared/skillServices';
import { matchSubscriptions } from '../matchSubscription';
import { subscriptionsReplies } from '../subscriptionsReplies';

export type SubscriptionAction = 'pause' | 'resume' | 'skip' | 'cancel' | 'modify';

export const ELIGIBLE: Record<SubscriptionAction, (s: Subscription) => boolean> = {
  pause: (s) => s.status === 'active',
  resume: (s) => s.status === 'paused',
  skip: (s) => s.status === 'active',
  cancel: (s) => s.status !== 'cancelled',
  modify: (s) => s.status !== 'cancelled',
};

const VERB: Record<SubscriptionAction, string> = { pause: 'pause', resume: 'resume', skip: 'skip a delivery of', cancel: 'cancel', modify: 'change' };

/** The chosen subscription, once the two steps ran. */
export const chosen = (step: WaterfallStepContext): Subscription => vals(step).subscription as Subscription;

/**
 * Two waterfall steps that settle which subscription the customer means: the only eligible
 * one, the one the message names ("the cat litter one"), or the customer's pick from a list.
 */
export function chooseSubscriptionSteps(services: SkillServices, action: SubscriptionAction): WaterfallStep[] {
  return [
    async (step): Promise<DialogTurnResult> => {
      const { recognition } = step.options as SkillDialogOptions;
      await typing(step.context);
      let all: Subscription[];
      try {
        all = await services.subscriptions.list(customerOf(step.context).customerId!);
      } catch (e) {
        return handleApiError(step, e, { action: 'look up your subscriptions', write: false });
      }
      const eligible = all.filter(ELIGIBLE[action]);
      if (eligible.length === 0) {
        await say(step.context, subscriptionsReplies.noneEligible[action]);
        return step.endDialog();
      }
      const named = matchSubscriptions(recognition.text, eligible);
      const candidates = named.length > 0 ? named : eligible;
      if (candidates.length === 1) {
        vals(step).subscription = candidates[0];
        return step.next();
      }
      vals(step).candidates = candidates;
      return step.prompt(PROMPTS.choice, { prompt: subscriptionsReplies.which(VERB[action]), choices: candidates.map((s) => s.product.name) });
    },
    async (step): Promise<DialogTurnResult> => {
      if (!vals(step).subscription) {
        const pick = step.result as FoundChoice | undefined;
        const candidates = vals(step).candidates as Subscription[];
        if (!pick || !candidates[pick.index]) {
          await say(step.context, subscriptionsReplies.gaveUp);
          return step.endDialog();
        }
        vals(step).subscription = candidates[pick.index];
      }
      conversationData(step.context).slots.subscription = `${chosen(step).id} (${chosen(step).product.name})`;
      return step.next();
    },
  ];
}
