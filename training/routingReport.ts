import { NONE_INTENT } from '../nlu/intents';
import type { Recognition } from '../nlu/recognizer';
import { decide, type Decision } from '../bot/routing/decide';
import type { Thresholds } from '../nlu/thresholds';

/** A recognition of a labelled message (held-out: validation fold or test set). */
export interface LabeledPrediction {
  text: string;
  expected: string;
  recognition: Pick<Recognition, 'intent' | 'score' | 'ranking'>;
}

/**
 * What routing did with one labelled message, counted strictly:
 * - `correct`: an in-scope message answered with exactly its intent (`agent.request`: handed off
 *   as `asked_for_agent`); an out-of-scope message sent to fallback (or a `not_understood_twice` hand-off);
 * - `clarified` / `clarifiedWrong`: the bot asked, offering / not offering the right intent (never
 *   counted as correct for in-scope messages; counted as caught for out-of-scope ones);
 * - `fallback`: an in-scope message not understood;
 * - `wrong`: acted on the wrong intent; `falseHandoff`: a person was called for no reason.
 */
export type Outcome = 'correct' | 'clarified' | 'clarifiedWrong' | 'fallback' | 'wrong' | 'falseHandoff';

export function outcomeOf(expected: string, d: Decision): Outcome {
  if (expected === NONE_INTENT) {
    if (d.kind === 'fallback' || (d.kind === 'handoff' && d.reason === 'not_understood_twice')) return 'correct';
    if (d.kind === 'clarify') return 'clarified';
    return d.kind === 'handoff' ? 'falseHandoff' : 'wrong';
  }
  switch (d.kind) {
    case 'answer':
      return d.intent === expected ? 'correct' : 'wrong';
    case 'handoff':
      if (d.reason === 'asked_for_agent') return expected === 'agent.request' ? 'correct' : 'falseHandoff';
      return 'fallback';
    case 'clarify':
      return d.candidates.includes(expected) ? 'clarified' : 'clarifiedWrong';
    case 'fallback':
      return 'fallback';
  }
}

export interface RoutingReport {
  inScope: Record<Outcome, number> & { total: number };
  outOfScope: Record<Outcome, number> & { total: number };
  /** In-scope messages answered with exactly the right intent / all in-scope messages. */
  inScopeAccuracy: number;
  /** Out-of-scope messages sent to fallback or clarify (not to a skill, not to a person) / all out-of-scope. */
  outOfScopeCaught: number;
  /** Messages (in or out of scope) handed to a person although nobody asked for one. */
  falseHandoffs: number;
  /** In-scope messages per intent: [correct, total]. */
  perIntent: Record<string, [number, number]>;
}

const zero = (): Record<Outcome, number> & { total: number } => ({ total: 0, correct: 0, clarified: 0, clarifiedWrong: 0, fallback: 0, wrong: 0, falseHandoff: 0 });

/** Routes every prediction through {@link decide} (fresh conversation) and counts outcomes. */
export function routingReport(predictions: readonly LabeledPrediction[], thresholds: Thresholds): RoutingReport {
  const inScope = zero();
  const outOfScope = zero();
  const perIntent: Record<string, [number, number]> = {};
  for (const p of predictions) {
    const outcome = outcomeOf(p.expected, decide(p.recognition, thresholds, { consecutiveFallbacks: 0 }));
    const bucket = p.expected === NONE_INTENT ? outOfScope : inScope;
    bucket.total += 1;
    bucket[outcome] += 1;
    if (p.expected !== NONE_INTENT) {
      const row = (perIntent[p.expected] ??= [0, 0]);
      row[1] += 1;
      if (outcome === 'correct') row[0] += 1;
    }
  }
  return {
    inScope,
    outOfScope,
    inScopeAccuracy: inScope.total ? inScope.correct / inScope.total : 0,
    outOfScopeCaught: outOfScope.total ? (outOfScope.correct + outOfScope.clarified) / outOfScope.total : 0,
    falseHandoffs: inScope.falseHandoff + outOfScope.falseHandoff,
    perIntent,
  };
}
