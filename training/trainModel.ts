import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_NLPJS_SETTINGS, type NlpjsSettings } from '../nlu/createNlp';
import { FEATURE_PIPELINE_VERSION } from '../nlu/featureNlu';
import type { ModelMetadata } from '../nlu/models/modelMetadata';
import { DEFAULT_SEED, METADATA_FILE, MODEL_FILE, NlpjsRecognizer, type LabeledText } from '../nlu/nlpjsRecognizer';
import { DEFAULT_THRESHOLDS, mergeThresholds, type Thresholds, type ThresholdsOverride } from '../nlu/thresholds';
import { calibrateThresholds, DEFAULT_CALIBRATION_TARGETS } from './calibrateThresholds';
import { corpusHash, loadCorpus } from './corpus';
import { outOfFoldPredictions } from './outOfFoldPredictions';

export interface TrainModelOptions {
  settings?: NlpjsSettings;
  seed?: number;
  /** Folds of the cross-validation that calibrates thresholds; 0 = keep {@link DEFAULT_THRESHOLDS}. */
  folds?: number;
  clock?: () => Date;
  /** Progress lines ("fold 2/4", "training final model"…). */
  onProgress?: (message: string) => void;
}

export interface TrainedModel {
  recognizer: NlpjsRecognizer;
  /** Calibrated on a validation split of the training corpus (or the defaults when `folds` is 0). */
  thresholds: Thresholds;
  metadata: ModelMetadata;
}

/**
 * Folds of the threshold calibration: 10 on a hand-written corpus like ours; fewer on large
 * public ones (HWU64 has 9k examples), where each fold already holds plenty of validation
 * examples and ten trainings would cost minutes (two keep `npm run train` on HWU64 under a
 * minute on 2 cores, with the same test accuracy as three).
 */
export function defaultFolds(examples: number): number {
  if (examples <= 2000) return 10;
  if (examples <= 6000) return 4;
  return 2;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Trains the production model from a corpus: calibrates routing thresholds by k-fold
 * cross-validation of the corpus, then trains on all of it (seeded shuffle). With `outDir`, writes
 * `model.nlp` and `metadata.json` (model version, corpus hash, settings, thresholds, calibration).
 */
export async function trainModel(examples: readonly LabeledText[], outDir?: string, options: TrainModelOptions = {}): Promise<TrainedModel> {
  const log = options.onProgress ?? (() => {});
  const settings = options.settings ?? DEFAULT_NLPJS_SETTINGS;
  const seed = options.seed ?? DEFAULT_SEED;
  const folds = options.folds ?? defaultFolds(examples.length);
  const started = performance.now();

  let thresholds = DEFAULT_THRESHOLDS;
  let calibration: Record<string, unknown> | undefined;
  if (folds >= 2) {
    const predictions = await outOfFoldPredictions(examples, folds, {
      settings,
      seed,
      onFold: (k, n) => log(`calibration: training fold ${k}/${n}`),
    });
    const calibrated = calibrateThresholds(predictions);
    thresholds = calibrated.thresholds;
    const report = calibrated.report;
    calibration = {
      method: `${folds}-fold cross-validation of the training corpus`,
      validationExamples: predictions.length,
      targets: DEFAULT_CALIBRATION_TARGETS,
      targetsMet: calibrated.targetsMet,
      inScopeAccuracy: round(report.inScopeAccuracy),
      outOfScopeCaught: round(report.outOfScopeCaught),
      falseHandoffs: report.falseHandoffs,
    };
    if (!calibrated.targetsMet) log('calibration: no thresholds met the targets; kept the closest');
    // Said in full, so it is not read as the test-set figure printed after training (a different set).
    log(
      `calibration on ${folds} held-out folds of the training corpus (${predictions.length} predictions, not the test set): at the chosen thresholds ` +
        `in-scope answered right ${(100 * report.inScopeAccuracy).toFixed(1)} %, out-of-scope caught ${(100 * report.outOfScopeCaught).toFixed(1)} %`,
    );
  }

  log(`training the model on ${examples.length} examples`);
  const recognizer = await NlpjsRecognizer.train(examples, { settings, seed, clock: options.clock });
  const extra = { corpusHash: corpusHash(examples), thresholds, ...(calibration ? { calibration } : {}) };
  const metadata = outDir ? await recognizer.save(outDir, extra) : Object.assign(recognizer.metadata, extra);
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s: model ${metadata.modelVersion}${outDir ? ` in ${outDir}` : ''}`);
  return { recognizer, thresholds, metadata };
}

export interface LoadOrTrainOptions extends TrainModelOptions {
  /** Applied over the model's calibrated thresholds (e.g. from config `NLU_THRESHOLDS`). */
  thresholdsOverride?: ThresholdsOverride;
}

export interface LoadedModel extends TrainedModel {
  /** True when the model was (re)trained now. */
  trained: boolean;
}

/**
 * The model in `modelDir`, trained from `corpusDir` first if it is missing, unreadable, or was
 * trained from a different corpus, with other settings or seed, or by another version of the
 * featurisation code (so a changed corpus never serves a stale model).
 */
export async function loadOrTrain(modelDir: string, corpusDir: string, options: LoadOrTrainOptions = {}): Promise<LoadedModel> {
  const examples = await loadCorpus(corpusDir);
  const hash = corpusHash(examples);
  const settings = options.settings ?? DEFAULT_NLPJS_SETTINGS;
  const seed = options.seed ?? DEFAULT_SEED;
  const exists = await access(join(modelDir, MODEL_FILE))
    .then(() => access(join(modelDir, METADATA_FILE)))
    .then(() => true)
    .catch(() => false);
  if (exists) {
    try {
      const recognizer = await NlpjsRecognizer.load(modelDir, { clock: options.clock });
      const m = recognizer.metadata;
      if (m.corpusHash === hash && m.seed === seed && m.pipelineVersion === FEATURE_PIPELINE_VERSION && stableJson(m.settings) === stableJson(settings)) {
        const thresholds = mergeThresholds(m.thresholds ?? DEFAULT_THRESHOLDS, options.thresholdsOverride);
        return { recognizer, thresholds, metadata: m, trained: false };
      }
      options.onProgress?.('the corpus or training settings changed: retraining');
    } catch (err) {
      options.onProgress?.(`the saved model cannot be used (${(err as Error).message}): retraining`);
    }
  }
  const trained = await trainModel(examples, modelDir, { ...options, settings, seed });
  return { ...trained, thresholds: mergeThresholds(trained.thresholds, options.thresholdsOverride), trained: true };
}

/** JSON with sorted keys: equal settings compare equal whatever their key order. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}
