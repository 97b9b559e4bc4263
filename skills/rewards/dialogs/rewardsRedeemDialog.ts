import { askConsent, checkedTextPrompt, type ConsentAnswer, consentPrompt, conversationData, customerOf, newOperationId, nothingChanged, operationKey, say, type SkillDialogOptions, typing, vals } from '../../../bot/skillKit';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Rewards } from '../../../contracts/rewards';
import { handleApiError } from '../../shared/handleApiError';
import type { SkillServices } from '../../shared/skillServices';
import { slots } from '../../shared/slots';
import { rewardsReplies } from '../rewardsReplies';

export const REWARDS_REDEEM_DIALOG = 'rewards.redeem';
const POINTS_PROMPT = `${REWARDS_REDEEM_DIALOG}.points`;
const CONFIRM = `${REWARDS_REDEEM_DIALOG}.confirm`;

interface RedeemState {
  rewards: Rewards;
  points?: number;
  operationId?: string;
}

/** Reads a points amount from an answer: "500", "500 points", "all of them". */
async function pointsIn(services: SkillServices, text: string, all: number): Promise<number | undefined> {
  if (/\b(all|everything|max(imum)?)\b/i.test(text)) return Math.floor(all / 100) * 100;
  const r = await services.recognizer.recognize(text);
  return slots.points(r) ?? slots.quantity(r);
}

/** Why a points amount can't be redeemed, or null. */
function pointsProblem(points: number | undefined, rewards: Rewards): string | null {
  if (points === undefined || points <= 0 || points % 100 !== 0) return rewardsReplies.badPoints;
  if (points > rewards.points) return rewardsReplies.tooMany(rewards.points);
  return null;
}

/** Turn points into store credit: amount (from the message or asked), confirm, one call. */
export class RewardsRedeemDialog extends ComponentDialog {
  constructor(services: SkillServices) {
    super(REWARDS_REDEEM_DIALOG);
    this.initialDialogId = `${this.id}.steps`;
    this.addDialog(
      consentPrompt<RedeemState>(CONFIRM, {
        describe: (p) => rewardsReplies.confirm(p.points!, p.rewards),
        // "actually do 800": the new amount is confirmed instead.
        revise: async (p, heard) => {
          const points = /\b(all|everything|max(imum)?)\b/i.test(heard.text) ? Math.floor(p.rewards.points / 100) * 100 : (slots.points(heard) ?? slots.quantity(heard));
          if (points === undefined || points === p.points) return undefined;
          const problem = pointsProblem(points, p.rewards);
          return problem ? { problem } : { pending: { ...p, points } };
        },
      }),
    );
    this.addDialog(
      checkedTextPrompt(
        POINTS_PROMPT,
        async (text, pc) => {
          const state = pc.options.validations as RedeemState;
          return pointsProblem(await pointsIn(services, text, state.rewards.points), state.rewards);
        },
        ['points', 'quantity'],
      ),
    );
    this.addDialog(
      new WaterfallDialog(`${REWARDS_REDEEM_DIALOG}.steps`, [
        async (step: WaterfallStepContext) => {
          const { recognition } = step.options as SkillDialogOptions;
          await typing(step.context);
          let rewards: Rewards;
          try {
            rewards = await services.rewards.get(customerOf(step.context).customerId!);
          } catch (e) {
            return handleApiError(step, e, { action: 'look up your points', write: false });
          }
          const state: RedeemState = { rewards };
          vals(step).state = state;
          if (rewards.points < 100) {
            await say(step.context, rewardsReplies.notEnough(rewards));
            return step.endDialog();
          }
          const given = slots.points(recognition) ?? slots.quantity(recognition);
          const problem = given === undefined ? null : pointsProblem(given, rewards);
          if (given !== undefined && problem === null) {
            state.points = given;
            return step.next();
          }
          if (problem) await say(step.context, problem);
          return step.prompt(POINTS_PROMPT, { prompt: rewardsReplies.askPoints(rewards), validations: state });
        },
        async (step: WaterfallStepContext) => {
          const state = vals(step).state as RedeemState;
          if (state.points === undefined) {
            if (typeof step.result !== 'string') {
              await say(step.context, rewardsReplies.gaveUp);
              return step.endDialog();
            }
            state.points = await pointsIn(services, step.result, state.rewards.points);
          }
          conversationData(step.context).slots.pointsToRedeem = state.points;
          state.operationId = newOperationId();
          return askConsent<RedeemState>(step, CONFIRM, state);
        },
        async (step: WaterfallStepContext) => {
          const answer = step.result as ConsentAnswer<RedeemState>;
          if (!answer?.yes) {
            await nothingChanged(step.context, answer === undefined ? rewardsReplies.gaveUp : rewardsReplies.declined);
            return step.endDialog();
          }
          const state = answer.pending;
          conversationData(step.context).slots.pointsToRedeem = state.points;
          await typing(step.context);
          try {
            const done = await services.rewards.redeem(
              customerOf(step.context).customerId!,
              { points: state.points! },
              { idempotencyKey: operationKey(step.context, state.operationId!) },
            );
            await say(step.context, rewardsReplies.done(done));
            conversationData(step.context).shown.push(`Redeemed ${done.pointsRedeemed} points for ${done.creditCents} cents`);
          } catch (e) {
            return handleApiError(step, e, { action: 'redeem your points', write: true, refusals: { insufficient_points: rewardsReplies.insufficient } });
          }
          return step.endDialog();
        },
      ]),
    );
  }
}
