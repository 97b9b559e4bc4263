import { vals } from '../../../bot/dialogs/stepValues';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { newOperationId, operationKey } from '../../../bot/dialogs/operationKey';
import { PROMPTS } from '../../../bot/dialogs/prompts';
import { say, typing } from '../../../bot/turn/say';
import { conversationData } from '../../../bot/turn/turnMemory';
import { handleApiError } from '../../shared/handleApiError';
import { subscriptionsReplies } from '../subscriptionsReplies';
import type { Subscription } from '../../../contracts/subscriptions';

/** Asks Yes/No for an account change and remembers the operation id the answer will apply. */
export async function askToConfirm(step: WaterfallStepContext, question: string): Promise<DialogTurnResult> {
  vals(step).operationId = newOperationId();
  return step.prompt(PROMPTS.confirm, { prompt: question });
}

/**
 * After the Yes/No: exactly one API call carrying an Idempotency-Key derived from the
 * conversation and the confirmed step (the subscription's version as If-Match), then a plain
 * statement of the result.
 */
export async function applyIfConfirmed(
  step: WaterfallStepContext,
  action: string,
  call: (opts: { idempotencyKey: string; ifMatch: number }) => Promise<string>,
): Promise<DialogTurnResult> {
  if (step.result !== true) {
    await say(step.context, subscriptionsReplies.declined);
    return step.endDialog();
  }
  await typing(step.context);
  try {
    const statement = await call({ idempotencyKey: operationKey(step.context, vals(step).operationId as string), ifMatch: (vals(step).subscription as Subscription).version });
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
