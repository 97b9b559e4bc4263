import type { Recognizer } from '../../nlu/recognizer';
import type { Thresholds } from '../../nlu/thresholds';
import type { EmitBotEvent } from '../botEvents';
import type { SatisfactionSurvey } from '../csat/satisfactionSurvey';
import type { SkillIntent } from '../dialogs/skill';
import type { TurnTrail } from './turnTrail';

/** What the parts of a customer turn share: the bot's dependencies and the skills' intents. */
export interface ConversationContext {
  recognizer: Recognizer;
  /** Thresholds in force (from the model's calibration, overridden by config). */
  thresholds: () => Thresholds;
  /** Where a visitor who is not signed in signs in. */
  signInUrl: string;
  /** Every skill intent, by intent name. */
  intents: ReadonlyMap<string, SkillIntent>;
  /** Observers never break a turn. */
  emit: EmitBotEvent;
  survey: SatisfactionSurvey;
  trail: TurnTrail;
}
