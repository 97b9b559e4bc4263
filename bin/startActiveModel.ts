import { access } from 'node:fs/promises';
import { ActiveModel, loadRegistryModel } from '../nlu/models/activeModel';
import type { ModelBus } from '../nlu/models/modelBus';
import { readModelFiles } from '../nlu/models/modelFiles';
import { makeProbes } from '../nlu/models/modelProbes';
import type { ModelRegistry, Scorecard } from '../nlu/models/modelRegistry';
import { DEFAULT_THRESHOLDS, mergeThresholds, type ThresholdsOverride } from '../nlu/thresholds';
import type { Logger } from '../platform/logger';
import { loadCorpus } from '../training/corpus';
import { evaluatePredictions, predictAll, testSetHash } from '../training/evaluate';
import { toScorecard } from '../training/scorecard';
import { loadOrTrain } from '../training/trainModel';

export interface StartActiveModelOptions {
  registry: ModelRegistry;
  bus: ModelBus;
  logger: Logger;
  /** MODEL_DIR and INTENTS_DIR: the model when nothing is published yet. */
  modelDir: string;
  intentsDir: string;
  /** NLU_TEST_SET: figures of the start-up model, so the first publish has a baseline. */
  testSet?: string;
  thresholdsOverride?: ThresholdsOverride;
  syncIntervalMs?: number;
}

/**
 * The model this instance serves from start-up on: the registry's active (published) version
 * when there is one; otherwise `loadOrTrain(MODEL_DIR, INTENTS_DIR)`, registered as the first
 * version (with its test-set figures and probes) unless another instance got there first, in
 * which case that one is loaded. Then it listens for publish notices.
 */
export async function startActiveModel(o: StartActiveModelOptions): Promise<ActiveModel> {
  const log = o.logger;
  const options = { registry: o.registry, bus: o.bus, logger: log, thresholdsOverride: o.thresholdsOverride, syncIntervalMs: o.syncIntervalMs };
  const published = (await o.registry.state()).active;
  let model: ActiveModel | undefined;
  if (published) {
    try {
      const recognizer = await loadRegistryModel(o.registry, published);
      model = new ActiveModel(options, { recognizer, thresholds: mergeThresholds(recognizer.metadata.thresholds ?? DEFAULT_THRESHOLDS, o.thresholdsOverride) });
      log.info({ version: published }, 'serving the published intent model');
    } catch (err) {
      log.error({ version: published, err: (err as Error).message }, 'the published intent model cannot be loaded: starting from the corpus instead');
    }
  }
  if (!model) {
    const loaded = await loadOrTrain(o.modelDir, o.intentsDir, { thresholdsOverride: o.thresholdsOverride, onProgress: (m) => log.info(m) });
    await loaded.recognizer.recognize('pause my order PS-10042 until March 3rd for 2 weeks, 500 points');
    model = new ActiveModel(options, { recognizer: loaded.recognizer, thresholds: loaded.thresholds });
    if (!published) {
      const classify = (t: string) => loaded.recognizer.classify(t);
      let scorecard: Scorecard | undefined;
      if (o.testSet && (await access(o.testSet).then(() => true, () => false))) {
        const rows = await loadCorpus(o.testSet);
        scorecard = toScorecard(evaluatePredictions(await predictAll(classify, rows), loaded.thresholds), testSetHash(rows));
      }
      const probes = await makeProbes(classify, await loadCorpus(o.intentsDir));
      const active = await o.registry.bootstrap(await readModelFiles(o.modelDir), { by: 'system (start-up)', scorecard, probes });
      if (active !== model.version) await model.sync();
    }
  }
  await model.listen();
  return model;
}
