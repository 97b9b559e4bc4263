import type { Thresholds } from '../nlu/thresholds';
import { shiftThresholds } from './evaluate';
import { routingReport, type LabeledPrediction } from './routingReport';

/**
 * The highest answer threshold (per-intent thresholds keep their offset) whose share of in-scope
 * validation messages sent to fallback stays within `max`: the most out-of-scope messages caught
 * for that cost. Pure.
 */
export function thresholdsForFallbackTarget(predictions: readonly LabeledPrediction[], base: Thresholds, max: number): { thresholds: Thresholds; fallback: number; oosCaught: number } {
  let best = { thresholds: shiftThresholds(base, 0), fallback: 0, oosCaught: 0 };
  for (let t = 0; t <= 1 + 1e-9; t += 0.01) {
    const thresholds = shiftThresholds(base, t);
    const r = routingReport(predictions, thresholds);
    const fallback = r.inScope.total ? r.inScope.fallback / r.inScope.total : 0;
    if (fallback <= max + 1e-9) best = { thresholds, fallback, oosCaught: r.outOfScopeCaught };
  }
  return best;
}

