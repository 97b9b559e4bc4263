import { conversationData, customerOf, PROMPTS, say, type SkillDialogOptions, typing, vals } from '../../../bot/skillKit';
import type { FoundChoice } from 'botbuilder-dialogs';
import type { DialogTurnResult, WaterfallStep, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Subscription } from '../../../contracts/subscriptions';
import { isoDay } from '../../../platform/dates';
import { handleApiError } from '../../shared/handleApiError';
import type { SkillServices } from '../../shared/skillServices';
import { namesProduct } from '../../shared/matchProducts';
import { matchSubscriptions } from '../matchSubscription';
import { subscriptionsReplies } from '../subscriptionsReplies';
import { applyIfConfirmed, askToConfirm } from './applySubscriptionChange';

export type SubscriptionAction = 'pause' | 'resume' | 'skip' | 'cancel' | 'modify';

export const ELIGIBLE: Record<SubscriptionAction, (s: Subscription) => boolean> = {
  // Pausing a paused subscription moves the end of its pause.
  pause: (s) => s.status !== 'cancelled',
  resume: (s) => s.status === 'paused',
  skip: (s) => s.status === 'active',
  cancel: (s) => s.status !== 'cancelled',
  modify: (s) => s.status !== 'cancelled',
};

/** What fits instead when the named subscription can't take the action: a paused one has no delivery to skip, but can be resumed. */
const INSTEAD: Partial<Record<SubscriptionAction, (s: Subscription) => 'resume' | undefined>> = {
  skip: (s) => (s.status === 'paused' ? 'resume' : undefined),
};

const VERB: Record<SubscriptionAction, string> = { pause: 'pause', resume: 'resume', skip: 'skip a delivery of', cancel: 'cancel', modify: 'change' };

/** The chosen subscription, once the two steps ran. */
export const chosen = (step: WaterfallStepContext): Subscription => vals(step).subscription as Subscription;

/**
 * Two waterfall steps that settle which subscription the customer means: the one the message
 * names, matched among all of the customer's subscriptions (a named one that can't take the
 * action is explained, with what fits instead offered, never swapped for another one); else
 * the only eligible one, or the customer's pick from a list.
 */
export function chooseSubscriptionSteps(services: SkillServices, action: SubscriptionAction): WaterfallStep[] {
  const today = () => isoDay(services.now());
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
      const named = matchSubscriptions(recognition.text, all);
      const namedEligible = named.filter(ELIGIBLE[action]);
      if (named.length > 0 && namedEligible.length === 0) return explainIneligible(step, named, action, today());
      if (eligible.length === 0) {
        await say(step.context, subscriptionsReplies.noneEligible[action]);
        return step.endDialog();
      }
      const candidates = namedEligible.length > 0 ? namedEligible : eligible;
      // "pause my hamster food" when there is none: say so and ask, never take the only other one silently.
      const namedNone = named.length === 0 && namesProduct(recognition.text);
      if (namedNone) await say(step.context, subscriptionsReplies.noneNamed(all));
      if (candidates.length === 1 && !namedNone) {
        vals(step).subscription = candidates[0];
        return step.next();
      }
      vals(step).candidates = candidates;
      return step.prompt(PROMPTS.choice, { prompt: subscriptionsReplies.which(VERB[action]), choices: candidates.map((s) => s.product.name) });
    },
    async (step): Promise<DialogTurnResult> => {
      if (vals(step).instead === 'resume') {
        return applyIfConfirmed<string>(step, 'resume your subscription', async (change, opts) =>
          subscriptionsReplies.resumed(await services.subscriptions.resume(customerOf(step.context).customerId!, change.subscription.id, opts), today()),
        );
      }
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

/** Says why the named subscription(s) can't take the action; offers what fits instead, when something does. */
async function explainIneligible(step: WaterfallStepContext, named: Subscription[], action: SubscriptionAction, today: string): Promise<DialogTurnResult> {
  const why = named.map((s) => subscriptionsReplies.cannot(action, s, today)).join(' ');
  const only = named.length === 1 ? named[0]! : undefined;
  const instead = only && INSTEAD[action]?.(only);
  if (!only || !instead) {
    await say(step.context, why);
    return step.endDialog();
  }
  vals(step).subscription = only;
  vals(step).instead = instead;
  conversationData(step.context).slots.subscription = `${only.id} (${only.product.name})`;
  // The skip dialog's confirmation shows this offer as it is (its value), instead of a skip.
  return askToConfirm<string>(step, `${why} ${subscriptionsReplies.offerResume}`);
}
