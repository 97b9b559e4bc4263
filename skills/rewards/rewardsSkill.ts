import type { Skill } from '../../bot/skillKit';
import type { SkillServices } from '../shared/skillServices';
import { REWARDS_BALANCE_DIALOG, RewardsBalanceDialog } from './dialogs/rewardsBalanceDialog';
import { REWARDS_HISTORY_DIALOG, RewardsHistoryDialog } from './dialogs/rewardsHistoryDialog';
import { REWARDS_REDEEM_DIALOG, RewardsRedeemDialog } from './dialogs/rewardsRedeemDialog';

/** Loyalty rewards: balance and tier, history, redeem points for store credit. */
export function rewardsSkill(services: SkillServices): Skill {
  return {
    name: 'rewards',
    intents: [
      { intent: 'rewards.balance', dialogId: REWARDS_BALANCE_DIALOG, needsCustomer: true, readOnly: true },
      { intent: 'rewards.history', dialogId: REWARDS_HISTORY_DIALOG, needsCustomer: true, readOnly: true },
      { intent: 'rewards.redeem', dialogId: REWARDS_REDEEM_DIALOG, needsCustomer: true },
    ],
    dialogs: [new RewardsBalanceDialog(services), new RewardsHistoryDialog(services), new RewardsRedeemDialog(services)],
  };
}
