import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { conversationData, customerOf, say, typing } from '../../../bot/skillKit';
import { handleApiError } from '../../shared/handleApiError';
import type { SkillServices } from '../../shared/skillServices';
import { rewardsReplies } from '../rewardsReplies';

export const REWARDS_BALANCE_DIALOG = 'rewards.balance';

/** Points, tier, what they are worth and the next tier. */
export class RewardsBalanceDialog extends ComponentDialog {
  constructor(services: SkillServices) {
    super(REWARDS_BALANCE_DIALOG);
    this.initialDialogId = `${this.id}.steps`;
    this.addDialog(
      new WaterfallDialog(`${REWARDS_BALANCE_DIALOG}.steps`, [
        async (step: WaterfallStepContext) => {
          await typing(step.context);
          try {
            const r = await services.rewards.get(customerOf(step.context).customerId!);
            const text = rewardsReplies.balance(r);
            conversationData(step.context).shown.push(`Rewards: ${r.points} points, ${r.tier}`);
            await say(step.context, text);
          } catch (e) {
            return handleApiError(step, e, { action: 'look up your points', write: false });
          }
          return step.endDialog();
        },
      ]),
    );
  }
}
