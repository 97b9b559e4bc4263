import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { conversationData, customerOf, say, typing } from '../../../bot/skillKit';
import { isoDay } from '../../../platform/dates';
import { handleApiError } from '../../shared/handleApiError';
import type { SkillServices } from '../../shared/skillServices';
import { rewardsReplies } from '../rewardsReplies';

export const REWARDS_HISTORY_DIALOG = 'rewards.history';

/** The last five points transactions. */
export class RewardsHistoryDialog extends ComponentDialog {
  constructor(services: SkillServices) {
    super(REWARDS_HISTORY_DIALOG);
    this.initialDialogId = `${this.id}.steps`;
    this.addDialog(
      new WaterfallDialog(`${REWARDS_HISTORY_DIALOG}.steps`, [
        async (step: WaterfallStepContext) => {
          await typing(step.context);
          try {
            const page = await services.rewards.transactions(customerOf(step.context).customerId!, { page: 1, pageSize: 5 });
            if (page.transactions.length === 0) await say(step.context, rewardsReplies.noHistory);
            else {
              await say(step.context, rewardsReplies.history(page.transactions, isoDay(services.now())));
              conversationData(step.context).shown.push(`Rewards history: last ${page.transactions.length} transactions`);
            }
          } catch (e) {
            return handleApiError(step, e, { action: 'look up your points history', write: false });
          }
          return step.endDialog();
        },
      ]),
    );
  }
}
