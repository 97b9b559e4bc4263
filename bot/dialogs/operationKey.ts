import { createHash, randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';

/** A fresh id for one account-changing step, kept in dialog state until it is confirmed. */
export const newOperationId = (): string => randomUUID();

/**
 * The `Idempotency-Key` of a confirmed step: derived from the conversation and the step's
 * operation id, so a redelivered or doubled "yes" can never apply the change twice.
 */
export function operationKey(context: TurnContext, operationId: string): string {
  return createHash('sha256').update(`${context.activity.conversation.id}\n${operationId}`).digest('hex').slice(0, 40);
}
