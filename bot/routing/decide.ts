import { NONE_INTENT } from '../../nlu/intents';
import type { Recognition } from '../../nlu/recognizer';
import { answerThreshold, type Thresholds } from '../../nlu/thresholds';

/** Why routing hands a conversation to a person. */
export type RoutingHandoffReason = 'asked_for_agent' | 'not_understood_twice';

/** What the bot does with one recognised message. */
export type Decision =
  | { kind: 'answer'; intent: string }
  /** Ask which of 2–3 intents was meant (best first). */
  | { kind: 'clarify'; candidates: string[] }
  | { kind: 'fallback' }
  | { kind: 'handoff'; reason: RoutingHandoffReason };

/** What routing needs to remember between messages of a conversation. */
export interface RoutingState {
  /** Fallbacks in a row just before this message. */
  consecutiveFallbacks: number;
}

const MAX_CANDIDATES = 3;

/**
 * Routes one recognition, purely:
 * - top intent `agent.request`, confident → hand off (`asked_for_agent`);
 * - top intent confident (≥ its threshold) and no runner-up within the margin → answer;
 * - top intent in scope with a score ≥ the clarify floor → clarify between the 2–3 best in-scope
 *   intents (fallback when the ranking has fewer than 2);
 * - otherwise (out of scope, or below the floor) → fallback, or hand off
 *   (`not_understood_twice`) if the previous message was a fallback too.
 */
export function decide(recognition: Pick<Recognition, 'intent' | 'score' | 'ranking'>, thresholds: Thresholds, state: RoutingState): Decision {
  const notUnderstood = (): Decision => (state.consecutiveFallbacks >= 1 ? { kind: 'handoff', reason: 'not_understood_twice' } : { kind: 'fallback' });
  const { intent, score } = recognition;
  if (intent === NONE_INTENT || score < thresholds.clarifyFloor) return notUnderstood();

  const runnerUp = recognition.ranking.find((r) => r.intent !== intent);
  // The epsilon: a lead of exactly the margin is enough, whatever floating point makes of 0.5 - 0.4.
  const close = runnerUp !== undefined && score - runnerUp.score < thresholds.margin - 1e-9;
  if (score >= answerThreshold(thresholds, intent) && !close) {
    return intent === 'agent.request' ? { kind: 'handoff', reason: 'asked_for_agent' } : { kind: 'answer', intent };
  }

  const candidates = [intent, ...recognition.ranking.filter((r) => r.intent !== intent && r.intent !== NONE_INTENT && r.score > 0).map((r) => r.intent)];
  const unique = [...new Set(candidates)].slice(0, MAX_CANDIDATES);
  return unique.length >= 2 ? { kind: 'clarify', candidates: unique } : notUnderstood();
}
