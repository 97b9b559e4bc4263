import { randomUUID } from 'node:crypto';
import { access, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { amendModelMetadata } from '../nlu/models/modelFiles';
import { makeProbes } from '../nlu/models/modelProbes';
import type { Probe, Scorecard } from '../nlu/models/modelRegistry';
import type { NlpjsSettings } from '../nlu/createNlp';
import type { NlpjsRecognizer } from '../nlu/nlpjsRecognizer';
import type { Thresholds } from '../nlu/thresholds';
import { loadCorpus } from './corpus';
import { evaluatePredictions, predictAll, testSetHash, type EvaluationReport } from './evaluate';
import { toScorecard } from './scorecard';
import { trainModel } from './trainModel';

export interface TrainVersionOptions {
  /** A corpus file (NLP.js JSON, CSV, TSV) or a directory of NLP.js JSON files. */
  corpus: string;
  /** Each trained model goes to `<versionsDir>/<modelVersion>/`. */
  versionsDir: string;
  /** Held-out test set evaluated after training (skipped when absent). */
  testSet?: string;
  seed?: number;
  /** Cross-validation folds of the threshold calibration (0 = default thresholds). */
  folds?: number;
  settings?: NlpjsSettings;
  onProgress?: (message: string) => void;
}

export interface TrainedVersion {
  version: string;
  /** `<versionsDir>/<version>`: model.nlp, metadata.json (with `metrics` and `probes`), evaluation.json. */
  dir: string;
  examples: number;
  thresholds: Thresholds;
  /** The test-set evaluation, when there was a test set. */
  report?: EvaluationReport;
  scorecard?: Scorecard;
  probes: Probe[];
}

const exists = (p: string) => access(p).then(() => true, () => false);

/**
 * The training pipeline behind `npm run train` and the trainer page: loads the corpus, trains
 * (seeded shuffle, calibrated thresholds), evaluates on the test set, records probes, and writes
 * a versioned model directory named after its version (training time + content hash).
 */
export async function trainVersion(o: TrainVersionOptions): Promise<TrainedVersion> {
  const log = o.onProgress ?? (() => {});
  log(`loading the corpus ${o.corpus}`);
  const examples = await loadCorpus(o.corpus);
  const intents = new Set(examples.map((e) => e.intent));
  log(`${examples.length} examples, ${intents.size} intents`);

  const scratch = join(o.versionsDir, `.training-${randomUUID()}`);
  try {
    const trained = await trainModel(examples, scratch, { seed: o.seed, folds: o.folds, settings: o.settings, onProgress: log });
    const { report, scorecard, probes } = await recordEvaluation(scratch, { recognizer: trained.recognizer, thresholds: trained.thresholds, examples, testSet: o.testSet, onProgress: log });

    const version = trained.metadata.modelVersion;
    const dir = join(o.versionsDir, version);
    await rm(dir, { recursive: true, force: true });
    await rename(scratch, dir);
    log(`model ${version} written to ${dir}`);
    return { version, dir, examples: examples.length, thresholds: trained.thresholds, report, scorecard, probes };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Completes a freshly saved model directory: evaluates the model on the test set (when there is
 * one) into `evaluation.json`, and adds `metrics` (its scorecard) and `probes` to `metadata.json`.
 */
export async function recordEvaluation(
  dir: string,
  o: { recognizer: NlpjsRecognizer; thresholds: Thresholds; examples: readonly { text: string; intent: string }[]; testSet?: string; onProgress?: (message: string) => void },
): Promise<{ report?: EvaluationReport; scorecard?: Scorecard; probes: Probe[] }> {
  const log = o.onProgress ?? (() => {});
  const classify = (t: string) => o.recognizer.classify(t);
  let report: EvaluationReport | undefined;
  let scorecard: Scorecard | undefined;
  if (o.testSet && (await exists(o.testSet))) {
    const rows = await loadCorpus(o.testSet);
    log(`evaluating on ${o.testSet} (${rows.length} rows)`);
    const predictions = await predictAll(classify, rows, (done, total) => log(`evaluated ${done}/${total}`));
    report = evaluatePredictions(predictions, o.thresholds);
    scorecard = toScorecard(report, testSetHash(rows));
    await writeFile(join(dir, 'evaluation.json'), `${JSON.stringify(report, null, 2)}\n`);
    log(`test set ${basename(o.testSet)} (never trained or calibrated on; differs from the calibration figure above): in-scope accuracy ${(100 * report.inScopeAccuracy).toFixed(1)} %, out-of-scope recall ${report.oosRecall === null ? '–' : `${(100 * report.oosRecall).toFixed(1)} %`}, macro-F1 ${report.macroF1.toFixed(3)}`);
  }
  const probes = await makeProbes(classify, o.examples);
  await amendModelMetadata(dir, { ...(scorecard ? { metrics: { ...scorecard, testSet: o.testSet } } : {}), probes });
  return { report, scorecard, probes };
}
