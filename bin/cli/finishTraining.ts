import { cp } from 'node:fs/promises';
import path from 'node:path';
import { readModelFiles } from '../../nlu/models/modelFiles';
import type { NlpjsRecognizer } from '../../nlu/nlpjsRecognizer';
import type { Thresholds } from '../../nlu/thresholds';
import type { Config } from '../config';
import { loadCorpus } from '../../training/corpus';
import { publishVersion, QualityGateError } from '../../training/publishModel';
import { recordEvaluation } from '../../training/trainVersion';
import { cliUser, openSharedStores } from './sharedStores';

export interface FinishTrainingOptions {
  /** Where `trainModel` saved the model. */
  dir: string;
  recognizer: NlpjsRecognizer;
  thresholds: Thresholds;
  examples: readonly { text: string; intent: string }[];
  config: Config;
  /** Test set (default NLU_TEST_SET); `null`: none (a corpus our test set does not belong to). */
  testSet?: string | null;
  /** Versioned copies go to `<versionsDir>/<version>/` (default MODEL_VERSIONS_DIR). */
  versionsDir?: string;
  /** Store in the shared registry and publish (quality gate; every instance switches). */
  publish: boolean;
  log: (message: string) => void;
}

/**
 * What `npm run train` does after training: evaluates the model on the test set (metrics and
 * probes into its metadata, `evaluation.json` beside it), keeps a versioned copy, and with
 * `--publish` stores it in the shared registry and publishes it.
 * @returns false when the quality gate refused to publish
 */
export async function finishTraining(o: FinishTrainingOptions): Promise<boolean> {
  const testSet = o.testSet === null ? undefined : path.resolve(o.testSet ?? o.config.NLU_TEST_SET);
  if (!testSet) o.log('the configured test set (NLU_TEST_SET) is not about this corpus\'s intents and no --test was given: the model is not evaluated');
  const { report, scorecard, probes } = await recordEvaluation(o.dir, { recognizer: o.recognizer, thresholds: o.thresholds, examples: o.examples, testSet, onProgress: o.log });
  if (report) o.log(`at the calibrated thresholds: in-scope accuracy ${(100 * report.inScopeAccuracy).toFixed(1)} % against out-of-scope recall ${report.oosRecall === null ? '–' : `${(100 * report.oosRecall).toFixed(1)} %`}`);
  const version = o.recognizer.modelVersion;
  const versioned = path.resolve(o.versionsDir ?? o.config.MODEL_VERSIONS_DIR, version);
  if (versioned !== path.resolve(o.dir)) {
    await cp(o.dir, versioned, { recursive: true });
    o.log(`versioned copy: ${versioned}`);
  }
  if (!o.publish) return true;
  const shared = openSharedStores(o.config, 'npm run train -- --publish');
  try {
    await shared.registry.add(await readModelFiles(o.dir), { by: cliUser(), scorecard, probes });
    const policy = { minAccuracy: o.config.PUBLISH_MIN_ACCURACY, maxF1Drop: o.config.PUBLISH_MAX_F1_DROP };
    if (!testSet) throw new Error('publishing needs a test set for the quality gate: pass --test <file>');
    await publishVersion({ registry: shared.registry, bus: shared.bus, policy, testRows: await loadCorpus(testSet), onProgress: o.log }, version, cliUser());
    return true;
  } catch (err) {
    if (!(err instanceof QualityGateError)) throw err;
    o.log(`not published: the quality gate refused ${version}:\n${err.verdict.reasons.map((r) => `  - ${r}`).join('\n')}`);
    return false;
  } finally {
    await shared.close();
  }
}
