import type { Recognizer } from '../../nlu/recognizer';
import type { CardVault } from '../giftCards/cardVault';
import type { GiftCardsClient } from '../giftCards/giftCardsClient';
import type { RewardsClient } from '../rewards/rewardsClient';
import type { ShippingClient } from '../shipping/shippingClient';
import type { SubscriptionsClient } from '../subscriptions/subscriptionsClient';

/** What skill dialogs receive: the typed clients, the recognizer (for answers to prompts) and a clock. */
export interface SkillServices {
  subscriptions: SubscriptionsClient;
  shipping: ShippingClient;
  giftCards: GiftCardsClient;
  rewards: RewardsClient;
  recognizer: Recognizer;
  /** Seals gift card details kept between turns (never in plain text in dialog state). */
  cardVault: CardVault;
  /** Now (tests pin it); dates are resolved relative to it. */
  now: () => Date;
  /** Where a visitor who is not signed in signs in (`SIGN_IN_URL`). */
  signInUrl: string;
}
