import { askConsent, type ConsentAnswer, consentPrompt, conversationData, customerOf, newOperationId, nothingChanged, operationKey, say, typing, vals } from '../../../bot/skillKit';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Subscription } from '../../../contracts/subscriptions';
import { isoDay } from '../../../platform/dates';
import type { Recognition } from '../../../nlu/recognizer';
import { withoutEntities } from '../../../nlu/withoutEntities';
import { handleApiError } from '../../shared/handleApiError';
import type { SkillServices } from '../../shared/skillServices';
import { matchSubscriptions } from '../matchSubscription';
import { subscriptionsReplies } from '../subscriptionsReplies';
import { chosen, ELIGIBLE, type SubscriptionAction } from './chooseSubscription';

/** The change waiting for the customer's yes: which subscription, and the action's value (a pause, new settings…). */
export interface PendingChange<V> {
  subscription: Subscription;
  value: V;
}

/** A value read from a correction: the new value, why it can't be used, or nothing said about it. */
export type ValueReading<V> = { ok: true; value: V } | { ok: false; problem: string } | undefined;

const CONFIRM = 'subscription.confirm';
// "where is my dog food order?" names a product but corrects nothing.
const SIDE_QUESTION = /^\s*(?:what|where|when|why|who|how)\b/i;

/**
 * The confirmation of a subscription change, with corrections: a message naming another of the
 * customer's subscriptions ("no, I meant the cat litter") moves the change to it, a new value
 * ("make that 5 weeks instead") replaces the old one, and the new version is confirmed.
 */
export function changeConfirmPrompt<V>(
  services: SkillServices,
  action: SubscriptionAction,
  spec: { describe: (s: Subscription, value: V) => string; read?: (heard: Recognition, pending: PendingChange<V>) => ValueReading<V> | Promise<ValueReading<V>> },
) {
  return consentPrompt<PendingChange<V>>(CONFIRM, {
    describe: (p) => spec.describe(p.subscription, p.value),
    revise: async (p, heard, context) => {
      // "pause my litter for 2 weeks too" at a resume confirmation is another request, not a correction.
      if (SIDE_QUESTION.test(heard.text) || (heard.intent.startsWith('subscription.') && heard.intent !== `subscription.${action}` && heard.score >= 0.6)) return undefined;
      let subscription = p.subscription;
      const all = await services.subscriptions.list(customerOf(context).customerId!);
      // Names only: "for 6 weeks not 4" must not pick "Flea & Tick Chews 6-pack" by its 6.
      const words = withoutEntities(heard).replace(/\d+/g, ' ');
      const named = matchSubscriptions(words, all);
      if (named.length === 1 && named[0]!.id !== p.subscription.id) {
        if (!ELIGIBLE[action](named[0]!)) return { problem: subscriptionsReplies.cannot(action, named[0]!, isoDay(services.now())) };
        subscription = named[0]!;
      }
      const value = await spec.read?.(heard, p);
      if (value && !value.ok) return { problem: value.problem };
      if (subscription === p.subscription && !value) return undefined;
      conversationData(context).slots.subscription = `${subscription.id} (${subscription.product.name})`;
      return { pending: { subscription, value: value ? value.value : p.value } };
    },
  });
}

/** Asks the customer to confirm `value` for the chosen subscription, remembering the operation id the answer will apply. */
export async function askToConfirm<V>(step: WaterfallStepContext, value: V): Promise<DialogTurnResult> {
  vals(step).operationId = newOperationId();
  return askConsent<PendingChange<V>>(step, CONFIRM, { subscription: chosen(step), value });
}

/**
 * After the confirmation: exactly one API call for the change as confirmed (corrections
 * included), carrying an Idempotency-Key derived from the conversation and the confirmed step
 * (the subscription's version as If-Match), then a plain statement of the result.
 */
export async function applyIfConfirmed<V>(
  step: WaterfallStepContext,
  action: string,
  call: (change: PendingChange<V>, opts: { idempotencyKey: string; ifMatch: number }) => Promise<string>,
): Promise<DialogTurnResult> {
  const answer = step.result as ConsentAnswer<PendingChange<V>>;
  if (!answer?.yes) {
    await nothingChanged(step.context, answer === undefined ? subscriptionsReplies.gaveUp : subscriptionsReplies.declined);
    return step.endDialog();
  }
  vals(step).subscription = answer.pending.subscription;
  await typing(step.context);
  try {
    const statement = await call(answer.pending, { idempotencyKey: operationKey(step.context, vals(step).operationId as string), ifMatch: answer.pending.subscription.version });
    await say(step.context, statement);
    conversationData(step.context).shown.push(statement);
  } catch (e) {
    return handleApiError(step, e, {
      action,
      write: true,
      refusals: { version_conflict: subscriptionsReplies.changed, conflict: (err) => subscriptionsReplies.refused(err.message) },
    });
  }
  return step.endDialog();
}
