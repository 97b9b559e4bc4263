/**
 * Picks routing thresholds for a trained model on a validation split of its corpus (k-fold
 * cross-validation: each example classified by a model that never saw it) and stores them in the
 * model's metadata (then re-evaluates it on the test set).
 *
 *   npm run calibrate [-- --model <dir>] [--corpus <file|dir>] [--folds K]
 *                     [--max-in-scope-fallback 0.03]
 *                     [--max-wrong-answers 0.03] [--max-oos-acted-on 0.05] [--max-wrong-account-changes 0.01]
 *
 * With `--max-in-scope-fallback X`: the strictest answer threshold (most out-of-scope messages
 * caught) that sends at most X of the in-scope validation messages to fallback. Otherwise the
 * standard calibration (training/calibrateThresholds.ts) with the given targets.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { amendModelMetadata } from '../../nlu/models/modelFiles';
import { NlpjsRecognizer } from '../../nlu/nlpjsRecognizer';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../../nlu/thresholds';
import { loadConfig } from '../config';
import { calibrateThresholds, DEFAULT_CALIBRATION_TARGETS } from '../../training/calibrateThresholds';
import { CorpusError, loadCorpus } from '../../training/corpus';
import { thresholdsForFallbackTarget } from '../../training/fallbackTarget';
import { outOfFoldPredictions } from '../../training/outOfFoldPredictions';
import { recordEvaluation } from '../../training/trainVersion';

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string' },
      corpus: { type: 'string' },
      folds: { type: 'string' },
      'max-in-scope-fallback': { type: 'string' },
      'max-wrong-answers': { type: 'string' },
      'max-oos-acted-on': { type: 'string' },
      'max-wrong-account-changes': { type: 'string' },
    },
  });
  const config = loadConfig();
  const log = (m: string) => console.error(`[calibrate] ${m}`);
  const dir = path.resolve(values.model ?? config.MODEL_DIR);
  const recognizer = await NlpjsRecognizer.load(dir);
  const corpus = await loadCorpus(path.resolve(values.corpus ?? config.INTENTS_DIR));
  const folds = Number(values.folds ?? 5);
  log(`model ${recognizer.modelVersion}: ${folds}-fold validation split of ${corpus.length} examples`);
  const predictions = await outOfFoldPredictions(corpus, folds, { settings: recognizer.metadata.settings, seed: recognizer.metadata.seed, onFold: (k, n) => log(`fold ${k}/${n}`) });

  let thresholds: Thresholds;
  let calibration: Record<string, unknown>;
  const maxFallback = values['max-in-scope-fallback'];
  if (maxFallback !== undefined) {
    const target = Number(maxFallback);
    const best = thresholdsForFallbackTarget(predictions, recognizer.metadata.thresholds ?? DEFAULT_THRESHOLDS, target);
    thresholds = best.thresholds;
    calibration = { method: `${folds}-fold validation split`, target: { maxInScopeFallback: target }, inScopeFallback: best.fallback, outOfScopeCaught: best.oosCaught, at: new Date().toISOString() };
    log(`in-scope sent to fallback ${pct(best.fallback)} (target ≤ ${pct(target)}), out-of-scope caught ${pct(best.oosCaught)}`);
  } else {
    const num = (v: string | undefined, d: number) => (v === undefined ? d : Number(v));
    const targets = {
      ...DEFAULT_CALIBRATION_TARGETS,
      maxWrongAnswers: num(values['max-wrong-answers'], DEFAULT_CALIBRATION_TARGETS.maxWrongAnswers),
      maxOutOfScopeActedOn: num(values['max-oos-acted-on'], DEFAULT_CALIBRATION_TARGETS.maxOutOfScopeActedOn),
      maxWrongAccountChanges: num(values['max-wrong-account-changes'], DEFAULT_CALIBRATION_TARGETS.maxWrongAccountChanges),
    };
    const c = calibrateThresholds(predictions, targets);
    thresholds = c.thresholds;
    calibration = { method: `${folds}-fold validation split`, targets, targetsMet: c.targetsMet, inScopeAccuracy: c.report.inScopeAccuracy, outOfScopeCaught: c.report.outOfScopeCaught, at: new Date().toISOString() };
    log(`${c.targetsMet ? 'targets met' : 'no thresholds met the targets: kept the closest'}; in-scope answered right ${pct(c.report.inScopeAccuracy)}, out-of-scope caught ${pct(c.report.outOfScopeCaught)}`);
  }
  await amendModelMetadata(dir, { thresholds, calibration });
  log(`thresholds stored in ${dir}: ${JSON.stringify(thresholds)}`);
  await recordEvaluation(dir, { recognizer, thresholds, examples: corpus, testSet: path.resolve(config.NLU_TEST_SET), onProgress: log });
}

main().catch((err: unknown) => {
  console.error(err instanceof CorpusError ? `[calibrate] ${err.message}` : err);
  process.exitCode = 1;
});
