import path from 'node:path';
import { loadCorpus, type CorpusExample } from '../../training/corpus';
import { trainModel, type TrainedModel } from '../../training/trainModel';

export const ROOT = path.join(__dirname, '../..');
export const INTENTS_DIR = path.join(ROOT, 'intents');
export const TEST_SET = path.join(INTENTS_DIR, 'test.tsv');

let cached: Promise<{ model: TrainedModel; corpus: CorpusExample[] }> | undefined;

/**
 * The production pipeline (calibration + final model) trained in memory from `intents/`, once
 * per test run and shared by every NLU and routing test that needs it. Never read from disk,
 * so it always reflects the current code and corpus.
 */
export function trainedModel(): Promise<{ model: TrainedModel; corpus: CorpusExample[] }> {
  cached ??= (async () => {
    const corpus = await loadCorpus(INTENTS_DIR);
    return { model: await trainModel(corpus), corpus };
  })();
  return cached;
}
