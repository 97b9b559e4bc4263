import { ConversationState, type Storage } from 'botbuilder';
import type { Skill } from '../bot/dialogs/skill';
import type { Recognizer } from '../nlu/recognizer';
import { PawBot } from '../bot/PawBot';
import type { Thresholds } from '../nlu/thresholds';
import path from 'node:path';
import { DEFAULT_SIGN_IN_URL } from './config';
import type { Logger } from '../platform/logger';
import { CardVault } from '../skills/giftCards/cardVault';
import { loadKnowledgeBase, type KnowledgeBase } from '../skills/knowledge/knowledgeBase';
import { knowledgeSkill } from '../skills/knowledge/knowledgeSkill';
import { GiftCardsClient } from '../skills/giftCards/giftCardsClient';
import { giftCardsSkill } from '../skills/giftCards/giftCardsSkill';
import { RewardsClient } from '../skills/rewards/rewardsClient';
import { rewardsSkill } from '../skills/rewards/rewardsSkill';
import type { ApiClientOptions } from '../skills/shared/apiClient';
import type { SkillServices } from '../skills/shared/skillServices';
import { ShippingClient } from '../skills/shipping/shippingClient';
import { shippingSkill } from '../skills/shipping/shippingSkill';
import { SubscriptionsClient } from '../skills/subscriptions/subscriptionsClient';
import { subscriptionsSkill } from '../skills/subscriptions/subscriptionsSkill';

export interface BotParts {
  api: ApiClientOptions;
  recognizer: Recognizer;
  thresholds: () => Thresholds;
  storage: Storage;
  logger: Logger;
  now?: () => Date;
  /** `CARD_STATE_KEY`: seals gift card details between turns (random per process when unset). */
  cardStateKey?: string;
  /** The knowledge skill's answers (default: the bundled `intents/knowledge.json`). */
  knowledge?: KnowledgeBase;
  /** Where visitors who are not signed in sign in (default: SIGN_IN_URL's default). */
  signInUrl?: string;
  /** More skills (e.g. the notification settings of `createProactive`). */
  skills?: Skill[];
}

/** The bundled answers, read once, for callers that do not pass their own. */
let bundledKnowledge: KnowledgeBase | undefined;
const defaultKnowledge = () => (bundledKnowledge ??= loadKnowledgeBase(path.join(__dirname, '../intents/knowledge.json')));

/**
 * Builds the bot from its parts: typed clients of the internal APIs, the skills (four domains and the shop knowledge), the
 * recognizer and conversation state. Shared by the server, the terminal chat and the tests,
 * so all three talk to the same bot.
 */
export function buildBot(parts: BotParts): { bot: PawBot; conversationState: ConversationState; services: SkillServices } {
  // With a clock given (tests, demos), "next Friday" is read against that clock too, like the APIs' dates.
  const now = parts.now;
  const recognizer: Recognizer = now
    ? { recognize: (text, options) => parts.recognizer.recognize(text, { now: now(), ...options }), get modelVersion() { return parts.recognizer.modelVersion; } }
    : parts.recognizer;
  const services: SkillServices = {
    subscriptions: new SubscriptionsClient(parts.api),
    shipping: new ShippingClient(parts.api),
    giftCards: new GiftCardsClient(parts.api),
    rewards: new RewardsClient(parts.api),
    recognizer,
    cardVault: new CardVault(parts.cardStateKey, parts.now),
    now: parts.now ?? (() => new Date()),
    signInUrl: parts.signInUrl ?? DEFAULT_SIGN_IN_URL,
  };
  const conversationState = new ConversationState(parts.storage);
  const bot = new PawBot({
    recognizer,
    thresholds: parts.thresholds,
    skills: [subscriptionsSkill(services), shippingSkill(services), giftCardsSkill(services), rewardsSkill(services), knowledgeSkill(parts.knowledge ?? defaultKnowledge()), ...(parts.skills ?? [])],
    conversationState,
    logger: parts.logger,
    signInUrl: services.signInUrl,
  });
  return { bot, conversationState, services };
}
