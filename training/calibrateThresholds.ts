import { seededShuffle } from '../nlu/seededShuffle';
import { ACCOUNT_CHANGING_INTENTS } from '../nlu/intents';
import { decide } from '../bot/routing/decide';
import type { Thresholds } from '../nlu/thresholds';
import { outcomeOf, routingReport, type LabeledPrediction, type RoutingReport } from './routingReport';

/** The operating point calibration aims for, as shares of the held-out predictions. */
export interface CalibrationTargets {
  /** Out-of-scope messages acted on (answered by a skill or handed to a person): at most this share of them. */
  maxOutOfScopeActedOn: number;
  /** In-scope messages answered with the wrong intent: at most this share of them. */
  maxWrongAnswers: number;
  /** Wrong answers with an account-changing intent (in or out of scope): at most this share of all messages. */
  maxWrongAccountChanges: number;
  /** Account-changing intents need at least the global answer threshold plus this. */
  minStrictness: number;
}

// A wrong answer outside account changes costs the customer one "no, I meant…" (and account
// changes keep their own 1 % target plus a confirmation); a clarifying question on every
// uncertain message costs everyone a click. 10 % lets large public benchmarks (64–150 intents,
// where even the best classifier is wrong on ~10 %) answer instead of asking on most messages.
/** Most held-out predictions the threshold search looks at. */
export const CALIBRATION_SAMPLE = 3000;

export const DEFAULT_CALIBRATION_TARGETS: CalibrationTargets = {
  maxOutOfScopeActedOn: 0.05,
  maxWrongAnswers: 0.1,
  maxWrongAccountChanges: 0.01,
  minStrictness: 0.1,
};

export interface Calibration {
  thresholds: Thresholds;
  /** False when no setting met the targets: the least bad one was kept. */
  targetsMet: boolean;
  /** How the chosen thresholds route the held-out predictions. */
  report: RoutingReport;
}

const grid = (from: number, to: number, step = 0.05) => {
  const out: number[] = [];
  for (let v = from; v <= to + 1e-9; v += step) out.push(Math.round(v * 100) / 100);
  return out;
};
const isAccountChanging = (intent: string) => (ACCOUNT_CHANGING_INTENTS as readonly string[]).includes(intent);

/**
 * Picks routing thresholds from held-out predictions (cross-validation folds of the training
 * corpus, never the test set): among all settings of the answer threshold, margin and clarify
 * floor that keep out-of-scope messages acted on and wrong answers within the targets, the one
 * answering the most in-scope messages right (a clarification offering the right intent counts
 * half; ties go to the stricter setting). Then account-changing intents get the smallest extra
 * strictness that keeps wrong account changes within their target.
 */
export function calibrateThresholds(all: readonly LabeledPrediction[], targets: CalibrationTargets = DEFAULT_CALIBRATION_TARGETS): Calibration {
  // The grid search routes every prediction ~1,400 times: beyond a few thousand held-out
  // predictions (a large public corpus) a fixed-seed sample chooses the same thresholds, faster.
  const predictions = all.length > CALIBRATION_SAMPLE ? seededShuffle(all, 7).slice(0, CALIBRATION_SAMPLE) : all;
  const total = predictions.length || 1;
  const withStrictness = (t: Omit<Thresholds, 'perIntent'>, strictness: number): Thresholds => ({
    ...t,
    perIntent: Object.fromEntries(ACCOUNT_CHANGING_INTENTS.map((i) => [i, Math.min(0.95, Math.round((t.answer + strictness) * 100) / 100)])),
  });
  const actedOn = (r: RoutingReport) => (r.outOfScope.wrong + r.outOfScope.falseHandoff) / (r.outOfScope.total || 1);
  const wrong = (r: RoutingReport) => (r.inScope.wrong + r.inScope.falseHandoff) / (r.inScope.total || 1);
  const within = (r: RoutingReport) => actedOn(r) <= targets.maxOutOfScopeActedOn && wrong(r) <= targets.maxWrongAnswers;

  let best: { t: Thresholds; report: RoutingReport; value: number } | undefined;
  let leastBad: { t: Thresholds; report: RoutingReport; excess: number } | undefined;
  for (const answer of grid(0.1, 0.9)) {
    for (const margin of grid(0, 0.4)) {
      for (const clarifyFloor of grid(0.05, answer)) {
        const t = withStrictness({ answer, margin, clarifyFloor }, targets.minStrictness);
        const report = routingReport(predictions, t);
        if (!within(report)) {
          const excess = Math.max(0, actedOn(report) - targets.maxOutOfScopeActedOn) + Math.max(0, wrong(report) - targets.maxWrongAnswers);
          if (!leastBad || excess < leastBad.excess) leastBad = { t, report, excess };
          continue;
        }
        const value = report.inScope.correct + 0.5 * report.inScope.clarified;
        // Visiting answer and margin upwards: ">=" lets the stricter of equal settings win.
        if (!best || value >= best.value) best = { t, report, value };
      }
    }
  }
  const chosen = best ?? leastBad!;

  const wrongAccountChanges = (t: Thresholds) =>
    predictions.filter((p) => {
      const d = decide(p.recognition, t, { consecutiveFallbacks: 0 });
      return d.kind === 'answer' && isAccountChanging(d.intent) && outcomeOf(p.expected, d) === 'wrong';
    }).length / total;
  let thresholds = chosen.t;
  for (const strictness of grid(targets.minStrictness, 0.5)) {
    thresholds = withStrictness(chosen.t, strictness);
    if (wrongAccountChanges(thresholds) <= targets.maxWrongAccountChanges) break;
  }
  const report = routingReport(predictions, thresholds);
  return { thresholds, targetsMet: best !== undefined && wrongAccountChanges(thresholds) <= targets.maxWrongAccountChanges, report };
}
