import { vals } from '../../../bot/dialogs/stepValues';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { checkedTextPrompt, confirmPrompt, choicePrompt } from '../../../bot/dialogs/prompts';
import type { SkillDialogOptions } from '../../../bot/dialogs/skill';
import { say } from '../../../bot/turn/say';
import { conversationData, customerOf } from '../../../bot/turn/turnMemory';
import { isoDay } from '../../../platform/dates';
import type { SkillServices } from '../../shared/skillServices';
import { readPause, type PauseReading } from '../pauseRequest';
import { subscriptionsReplies } from '../subscriptionsReplies';
import { applyIfConfirmed, askToConfirm } from './applySubscriptionChange';
import { chooseSubscriptionSteps, chosen } from './chooseSubscription';

export const PAUSE_SUBSCRIPTION_DIALOG = 'subscription.pause';
const LENGTH_PROMPT = `${PAUSE_SUBSCRIPTION_DIALOG}.length`;

/**
 * Pause (until a date or for a duration): "pause my dog food autoship for 3 weeks" needs no
 * question but the confirmation.
 */
export class PauseSubscriptionDialog extends ComponentDialog {
  constructor(services: SkillServices) {
    super(PAUSE_SUBSCRIPTION_DIALOG);
    this.initialDialogId = `${this.id}.steps`;
    const today = () => isoDay(services.now());
    const read = async (text: string) => readPause(await services.recognizer.recognize(text), today());
    this.addDialog(confirmPrompt());
    this.addDialog(choicePrompt());
    this.addDialog(
      checkedTextPrompt(LENGTH_PROMPT, async (text) => {
        const r = await read(text);
        return r === undefined ? subscriptionsReplies.badPause : r.ok ? null : r.problem;
      }),
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
          const pause = vals(step).pause as Extract<PauseReading, { ok: true }>;
          conversationData(step.context).slots.pauseUntil = pause.until;
          return askToConfirm(step, subscriptionsReplies.confirmPause(chosen(step), pause.until, today()));
        },
        async (step: WaterfallStepContext) => {
          const pause = vals(step).pause as Extract<PauseReading, { ok: true }>;
          return applyIfConfirmed(step, 'pause your subscription', async (opts) =>
            subscriptionsReplies.paused(await services.subscriptions.pause(customerOf(step.context).customerId!, chosen(step).id, pause.request, opts), today()),
          );
        },
      ]),
    );
  }
}
