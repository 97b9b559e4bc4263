import { ACCOUNT_CHANGING_INTENTS, NONE_INTENT } from '../bot/nlu/intents';
import { decide } from '../bot/routing/decide';
import type { Thresholds } from '../bot/routing/thresholds';
import { routingCost, type LabeledPrediction } from './routingReport';

export interface CalibrationOptions {
  /** Account-changing intents need at least `answer + strictness`. */
  strictness?: number;
  /** Calibrate each intent's own threshold too (default true). */
  perIntent?: boolean;
}

const grid = (from: number, to: number, step = 0.05) => {
  const out: number[] = [];
  for (let v = from; v <= to + 1e-9; v += step) out.push(Math.round(v * 100) / 100);
  return out;
};

/**
 * Picks thresholds that minimise the routing cost ({@link routingCost}) of held-out predictions
 * (a validation split of the training corpus, never the test set): first the global answer
 * threshold, margin and clarify floor together, then each intent's own threshold, which may only
 * be stricter than the global one; account-changing intents are at least `strictness` stricter.
 */
export function calibrateThresholds(predictions: readonly LabeledPrediction[], options: CalibrationOptions = {}): { thresholds: Thresholds; cost: number } {
  const strictness = options.strictness ?? 0.1;
  const costOf = (t: Thresholds, subset: readonly LabeledPrediction[] = predictions) =>
    subset.reduce((sum, p) => sum + routingCost(p.expected, decide(p.recognition, t, { consecutiveFallbacks: 0 })), 0);
  const strict = (answer: number): Record<string, number> =>
    Object.fromEntries(ACCOUNT_CHANGING_INTENTS.map((i) => [i, Math.min(0.95, Math.round((answer + strictness) * 100) / 100)]));

  let best: Thresholds | undefined;
  let bestCost = Infinity;
  for (const answer of grid(0.1, 0.9)) {
    for (const margin of grid(0, 0.4)) {
      for (const clarifyFloor of grid(0.05, answer)) {
        const t: Thresholds = { answer, margin, clarifyFloor, perIntent: strict(answer) };
        const cost = costOf(t);
        // Ties go to the stricter setting (higher answer threshold, then margin): safer when unsure.
        if (cost < bestCost - 1e-9 || (Math.abs(cost - bestCost) < 1e-9 && best && (answer > best.answer || (answer === best.answer && margin > best.margin)))) {
          best = t;
          bestCost = cost;
        }
      }
    }
  }
  const thresholds = best!;

  // Per intent: only the messages whose top intent it is are affected by its threshold.
  const intents = [...new Set(predictions.map((p) => p.recognition.intent))].filter((i) => i !== NONE_INTENT).sort();
  for (const intent of options.perIntent === false ? [] : intents) {
    const affected = predictions.filter((p) => p.recognition.intent === intent);
    const floor = thresholds.perIntent[intent] ?? thresholds.answer;
    let bestValue = floor;
    let bestIntentCost = costOf(thresholds, affected);
    for (const v of grid(floor, 0.95)) {
      const cost = costOf({ ...thresholds, perIntent: { ...thresholds.perIntent, [intent]: v } }, affected);
      if (cost < bestIntentCost - 1e-9) {
        bestIntentCost = cost;
        bestValue = v;
      }
    }
    if (bestValue !== thresholds.answer || thresholds.perIntent[intent] !== undefined) thresholds.perIntent[intent] = bestValue;
  }
  return { thresholds, cost: costOf(thresholds) };
}
