import { DEFAULT_SEED, NlpjsRecognizer, type LabeledText, type TrainOptions } from '../nlu/nlpjsRecognizer';
import { seededShuffle } from '../nlu/seededShuffle';
import type { Thresholds } from '../nlu/thresholds';
import { evaluatePredictions, predictAll, type EvaluationReport } from './evaluate';
import type { LabeledPrediction } from './routingReport';

/**
 * Stratified fold assignment: each intent's examples are shuffled with `seed` and dealt round
 * the folds, so every fold holds a fair share of every intent. Returns one array of example
 * indexes per fold; together they cover every example exactly once.
 */
export function assignFolds(examples: readonly { intent: string }[], folds: number, seed = DEFAULT_SEED): number[][] {
  if (!Number.isInteger(folds) || folds < 2) throw new RangeError(`folds must be an integer of at least 2 (got ${folds})`);
  if (folds > examples.length) throw new RangeError(`${folds} folds need at least ${folds} examples (got ${examples.length})`);
  const byIntent = new Map<string, number[]>();
  examples.forEach((e, i) => byIntent.set(e.intent, [...(byIntent.get(e.intent) ?? []), i]));
  const out: number[][] = Array.from({ length: folds }, () => []);
  let next = 0;
  for (const intent of [...byIntent.keys()].sort()) {
    // Continue dealing where the last intent stopped: small intents do not all land in fold 0.
    for (const i of seededShuffle(byIntent.get(intent)!, seed)) {
      out[next % folds]!.push(i);
      next += 1;
    }
  }
  return out.map((f) => f.sort((a, b) => a - b));
}

export interface CrossValidation {
  folds: number;
  /** Pooled held-out predictions of all folds, evaluated together. */
  report: EvaluationReport;
  /** Each fold's own figures. */
  perFold: { fold: number; train: number; test: number; inScopeAccuracy: number; oosRecall: number | null; macroF1: number }[];
}

/**
 * K-fold cross-validation: for each fold, trains on the other folds and classifies the held-out
 * one; the pooled predictions are evaluated at `thresholds`.
 */
export async function crossValidate(
  examples: readonly LabeledText[],
  folds: number,
  thresholds: Thresholds,
  options: TrainOptions & { onProgress?: (message: string) => void } = {},
): Promise<CrossValidation> {
  const assignment = assignFolds(examples, folds, options.seed ?? DEFAULT_SEED);
  const pooled: LabeledPrediction[] = [];
  const perFold: CrossValidation['perFold'] = [];
  for (let k = 0; k < folds; k += 1) {
    const held = new Set(assignment[k]);
    const train = examples.filter((_, i) => !held.has(i));
    const test = examples.filter((_, i) => held.has(i));
    options.onProgress?.(`fold ${k + 1}/${folds}: training on ${train.length} examples`);
    const model = await NlpjsRecognizer.train(train, options);
    const predictions = await predictAll((t) => model.classify(t), test);
    const r = evaluatePredictions(predictions, thresholds);
    perFold.push({ fold: k + 1, train: train.length, test: test.length, inScopeAccuracy: r.inScopeAccuracy, oosRecall: r.oosRecall, macroF1: r.macroF1 });
    options.onProgress?.(`fold ${k + 1}/${folds}: in-scope accuracy ${(100 * r.inScopeAccuracy).toFixed(1)} %`);
    pooled.push(...predictions);
  }
  return { folds, report: evaluatePredictions(pooled, thresholds), perFold };
}
