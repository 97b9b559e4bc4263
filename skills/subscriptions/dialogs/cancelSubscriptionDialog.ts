import { type ChoiceAnswer, type ChoiceExtras, choicePrompt, confirmPrompt, conversationData, customerOf, matchChoice, nothingChanged, PROMPTS, promptTurn, type SkillDialogOptions, vals } from '../../../bot/skillKit';
import { ComponentDialog, WaterfallDialog, type PromptOptions, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { CancelSubscriptionRequest } from '../../../contracts/subscriptions';
import type { SkillServices } from '../../shared/skillServices';
import { subscriptionsReplies } from '../subscriptionsReplies';
import { applyIfConfirmed, askToConfirm, changeConfirmPrompt } from './applySubscriptionChange';
import { chooseSubscriptionSteps, chosen } from './chooseSubscription';
import { PAUSE_SUBSCRIPTION_DIALOG } from './pauseSubscriptionDialog';

export const CANCEL_SUBSCRIPTION_DIALOG = 'subscription.cancel';
const OFFER_PAUSE = `${CANCEL_SUBSCRIPTION_DIALOG}.offerPause`;

/** The reasons offered, with the words customers use for them ("we are moving", "it costs too much"). */
const REASONS: { title: string; reason: CancelSubscriptionRequest['reason']; synonyms: string[] }[] = [
  { title: 'I have too much', reason: 'too_much_product', synonyms: ['too much', 'too many', 'plenty', 'stock', 'pile', 'enough', 'surplus', 'cupboard', 'full', 'leftover'] },
  { title: 'Too expensive', reason: 'too_expensive', synonyms: ['expensive', 'price', 'pricey', 'cost', 'costs', 'afford', 'money', 'too much money', 'costs too much', 'cheaper', 'budget'] },
  { title: "My pet doesn't need it", reason: 'pet_no_longer_needs', synonyms: ['need', 'passed', 'died', 'rehomed', 'vet', 'diet', 'allergic', 'grew', 'no longer', "doesn't like", 'hate'] },
  { title: 'Switching products', reason: 'switching_product', synonyms: ['switch', 'switching', 'another brand', 'different', 'other brand', 'elsewhere', 'new brand', 'trying'] },
  { title: "I'm moving", reason: 'moving', synonyms: ['moving', 'move', 'relocating', 'relocate', 'new address', 'new house', 'abroad'] },
  { title: 'Something else', reason: 'other', synonyms: ['other', 'else', 'personal'] },
];

/** Cancel: offer a pause first, ask the reason, confirm, one call. */
export class CancelSubscriptionDialog extends ComponentDialog {
  constructor(services: SkillServices) {
    super(CANCEL_SUBSCRIPTION_DIALOG);
    this.initialDialogId = `${this.id}.steps`;
    this.addDialog(changeConfirmPrompt<CancelSubscriptionRequest['reason']>(services, 'cancel', { describe: (s) => subscriptionsReplies.confirmCancel(s) }));
    const reasons = REASONS.slice(0, -1).map((r) => ({ title: r.title, synonyms: r.synonyms }));
    this.addDialog(confirmPrompt(OFFER_PAUSE, { yesVerbs: ['pause', 'hold'], noVerbs: ['cancel', 'end', 'stop'], reasons }));
    this.addDialog(choicePrompt());
    this.addDialog(
      new WaterfallDialog(`${CANCEL_SUBSCRIPTION_DIALOG}.steps`, [
        ...chooseSubscriptionSteps(services, 'cancel'),
        async (step: WaterfallStepContext) => {
          if (chosen(step).status !== 'active') return step.next(false);
          return step.prompt(OFFER_PAUSE, { prompt: subscriptionsReplies.offerPause(chosen(step)) });
        },
        async (step: WaterfallStepContext) => {
          if (step.result === true) {
            // The pause dialog finds the subscription again by its name: no second question.
            const { recognition } = step.options as SkillDialogOptions;
            conversationData(step.context).activeIntent = PAUSE_SUBSCRIPTION_DIALOG;
            // "yes, for 4 weeks": the length given with the yes is kept.
            const entities = promptTurn.heard(step.context)?.entities.filter((e) => e.type === 'duration' || e.type === 'date') ?? [];
            return step.replaceDialog(PAUSE_SUBSCRIPTION_DIALOG, { recognition: { ...recognition, text: chosen(step).product.name, entities } } satisfies SkillDialogOptions);
          }
          if (step.result === undefined) {
            await nothingChanged(step.context, subscriptionsReplies.gaveUp);
            return step.endDialog();
          }
          // "we're moving abroad, so no point" declined the pause and gave the reason: not asked again.
          const said = matchChoice(promptTurn.heard(step.context)?.text ?? '', reasons);
          if (said.kind === 'one') return step.next({ index: said.index, value: REASONS[said.index]!.title, score: 1, text: REASONS[said.index]!.title } satisfies ChoiceAnswer);
          return step.prompt(PROMPTS.choice, {
            prompt: subscriptionsReplies.askReason,
            choices: REASONS.map((r) => ({ value: r.title, synonyms: r.synonyms })),
            otherwise: REASONS.length - 1,
          } as PromptOptions & ChoiceExtras);
        },
        async (step: WaterfallStepContext) => {
          const pick = step.result as ChoiceAnswer | undefined;
          if (!pick) {
            await nothingChanged(step.context, subscriptionsReplies.gaveUp);
            return step.endDialog();
          }
          vals(step).reason = REASONS[pick.index]!.reason;
          conversationData(step.context).slots.cancelReason = vals(step).reason;
          return askToConfirm(step, vals(step).reason as CancelSubscriptionRequest['reason']);
        },
        async (step: WaterfallStepContext) =>
          applyIfConfirmed<CancelSubscriptionRequest['reason']>(step, 'cancel your subscription', async (change, opts) => {
            return subscriptionsReplies.cancelled(
              await services.subscriptions.cancel(customerOf(step.context).customerId!, change.subscription.id, { reason: change.value }, opts),
            );
          }),
      ]),
    );
  }
}
