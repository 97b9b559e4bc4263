import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { API_FAILURE_DIALOG, type ApiFailureOptions, say } from '../../bot/skillKit';
import { ApiError } from './apiErrors';

export interface ApiErrorHandling {
  /** What the dialog was doing, e.g. "pause your subscription". */
  action: string;
  /** A write: a timeout leaves its outcome unknown. */
  write: boolean;
  /** What to tell the customer for each refusal code the dialog expects. */
  refusals?: Record<string, string | ((e: ApiError) => string)>;
}

/**
 * The one way skill dialogs react to a failed API call: an expected refusal → its sentence and
 * the dialog ends; any other refusal → a plain apology; unavailable or off-contract → never
 * claim success, offer a person ({@link API_FAILURE_DIALOG}). Other errors are rethrown.
 */
export async function handleApiError(step: WaterfallStepContext, err: unknown, h: ApiErrorHandling): Promise<DialogTurnResult> {
  if (!(err instanceof ApiError)) throw err;
  if (err.kind === 'rejected') {
    const r = h.refusals?.[err.code];
    const text = typeof r === 'function' ? r(err) : r ?? `Sorry, I couldn't ${h.action}: ${err.message}`;
    await say(step.context, text);
    return step.endDialog({ refused: err.code });
  }
  const outcomeUnknown = h.write && (err.code === 'timeout' || err.code === 'network' || err.status >= 500);
  return step.replaceDialog(API_FAILURE_DIALOG, { action: h.action, outcomeUnknown } satisfies ApiFailureOptions);
}
