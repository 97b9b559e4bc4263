import { checkedTextPrompt, choicePrompt, conversationData, customerOf, say, type SkillDialogOptions, vals } from '../../../bot/skillKit';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Recognition } from '../../../nlu/recognizer';
import { addDays, isoDay } from '../../../platform/dates';
import type { SkillServices } from '../../shared/skillServices';
import { slots } from '../../shared/slots';
import { readPause, type PauseReading } from '../pauseRequest';
import { subscriptionsReplies } from '../subscriptionsReplies';
import { applyIfConfirmed, askToConfirm, changeConfirmPrompt } from './applySubscriptionChange';
import { chooseSubscriptionSteps } from './chooseSubscription';

export const PAUSE_SUBSCRIPTION_DIALOG = 'subscription.pause';
const LENGTH_PROMPT = `${PAUSE_SUBSCRIPTION_DIALOG}.length`;

/** A pause as confirmed; `assumedWeeks` when a bare number ("3") was read as weeks, which the confirmation says. */
type Pause = Extract<PauseReading, { ok: true }> & { assumedWeeks?: number };

/** A length, a date, or, answering "for how long?", a bare number of weeks ("3"). */
function readPauseAnswer(r: Pick<Recognition, 'entities' | 'text'>, today: string, bareNumberIsWeeks: boolean): Pause | Extract<PauseReading, { ok: false }> | undefined {
  const given = readPause(r, today);
  if (given || !bareNumberIsWeeks) return given;
  const n = /^\D*\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\b\D*$/i.test(r.text) ? slots.quantity(r) : undefined;
  if (n === undefined) return undefined;
  if (n > 26) return { ok: false, problem: subscriptionsReplies.pauseTooLong };
  return { ok: true, request: { weeks: n }, until: addDays(today, n * 7), assumedWeeks: n };
}

/**
 * Pause (until a date or for a duration): "pause my dog food autoship for 3 weeks" needs no
 * question but the confirmation.
 */
export class PauseSubscriptionDialog extends ComponentDialog {
  constructor(services: SkillServices) {
    super(PAUSE_SUBSCRIPTION_DIALOG);
    this.initialDialogId = `${this.id}.steps`;
    const today = () => isoDay(services.now());
    const read = async (text: string) => readPauseAnswer(await services.recognizer.recognize(text), today(), true);
    this.addDialog(
      changeConfirmPrompt<Pause>(services, 'pause', {
        describe: (s, p) => subscriptionsReplies.confirmPause(s, p.until, today(), p.assumedWeeks),
        read: (heard) => {
          const r = readPauseAnswer(heard, today(), /\b(?:make|do|change)\s+(?:it|that)\b|\binstead\b|^\s*(?:actually|no|hmm+|oh)\b/i.test(heard.text));
          return r?.ok ? { ok: true, value: r } : r;
        },
      }),
    );
    this.addDialog(choicePrompt());
    this.addDialog(
      checkedTextPrompt(
        LENGTH_PROMPT,
        async (text) => {
          const r = await read(text);
          return r === undefined ? subscriptionsReplies.badPause : r.ok ? null : r.problem;
        },
        ['duration', 'date', 'quantity'],
      ),
    );
    this.addDialog(
      new WaterfallDialog(`${PAUSE_SUBSCRIPTION_DIALOG}.steps`, [
        ...chooseSubscriptionSteps(services, 'pause'),
        async (step: WaterfallStepContext) => {
          const { recognition } = step.options as SkillDialogOptions;
          const given = readPause(recognition, today());
          if (given?.ok) {
            vals(step).pause = given;
            return step.next();
          }
          if (given && !given.ok) await say(step.context, given.problem);
          return step.prompt(LENGTH_PROMPT, { prompt: subscriptionsReplies.askPause });
        },
        async (step: WaterfallStepContext) => {
          if (!vals(step).pause) {
            if (typeof step.result !== 'string') {
              await say(step.context, subscriptionsReplies.gaveUp);
              return step.endDialog();
            }
            vals(step).pause = await read(step.result);
          }
          const pause = vals(step).pause as Pause;
          conversationData(step.context).slots.pauseUntil = pause.until;
          return askToConfirm<Pause>(step, pause);
        },
        async (step: WaterfallStepContext) =>
          applyIfConfirmed<Pause>(step, 'pause your subscription', async (change, opts) => {
            conversationData(step.context).slots.pauseUntil = change.value.until;
            return subscriptionsReplies.paused(await services.subscriptions.pause(customerOf(step.context).customerId!, change.subscription.id, change.value.request, opts), today());
          }),
      ]),
    );
  }
}
