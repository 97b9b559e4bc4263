import type { Skill } from '../../bot/skillKit';
import type { SkillServices } from '../shared/skillServices';
import { GIFT_CARD_BALANCE_DIALOG, GIFT_CARD_REDEEM_DIALOG, GiftCardDialog } from './dialogs/giftCardDialog';

/** Gift cards: check a balance; redeem into store credit. */
export function giftCardsSkill(services: SkillServices): Skill {
  return {
    name: 'giftCards',
    intents: [
      { intent: 'giftcard.balance', dialogId: GIFT_CARD_BALANCE_DIALOG, needsCustomer: false },
      { intent: 'giftcard.redeem', dialogId: GIFT_CARD_REDEEM_DIALOG, needsCustomer: true },
    ],
    dialogs: [new GiftCardDialog(services, 'balance'), new GiftCardDialog(services, 'redeem')],
  };
}
