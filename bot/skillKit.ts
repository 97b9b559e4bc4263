/**
 * The dialog toolkit of skill authors, in one import (`import { say, confirmPrompt, … } from
 * '../../../bot/skillKit'`): replies, prompts and consent, the customer and state of the turn,
 * idempotency keys of account changes, handoff, and the skill's own shape. Everything here is
 * re-exported from where it lives; the rest of `bot/` is the runtime's own.
 */
export { say, typing } from './turn/say';
export type { Suggestion } from './turn/suggestions';
export { conversationData, customerOf } from './turn/turnMemory';
export { promptTurn } from './turn/promptTurn';
export {
  MAX_TRIES,
  PROMPTS,
  askConsent,
  checkedTextPrompt,
  choicePrompt,
  confirmPrompt,
  consentPrompt,
  freeTextPrompt,
  type CheckContext,
  type ChoiceAnswer,
  type ChoiceExtras,
  type ConsentAnswer,
  type ConsentSpec,
} from './dialogs/prompts';
export { matchChoice, type ChoiceMatch, type ChoiceOption } from './dialogs/matchChoice';
export { vals } from './dialogs/stepValues';
export { newOperationId, operationKey } from './dialogs/operationKey';
export { nothingChanged } from './dialogs/nothingChanged';
export { API_FAILURE_DIALOG, type ApiFailureOptions } from './dialogs/apiFailureDialog';
export type { Skill, SkillDialogOptions, SkillIntent } from './dialogs/skill';
export { initiateHandoff } from './handoff/initiateHandoff';
