/**
 * Trains the intent model and calibrates its routing thresholds.
 *
 *   npm run train [-- --corpus <file|dir>] [--out <dir>] [--seed <n>] [--folds <n>] [--test <file>] [--publish]
 *
 * Defaults: corpus INTENTS_DIR, output MODEL_DIR (config). Prints progress, then a summary.
 * Then evaluates on the test set (NLU_TEST_SET) into the model's metadata, keeps a versioned copy
 * in MODEL_VERSIONS_DIR/<version>, and with --publish (STORE=redis) publishes it to every
 * running instance after the quality gate (bin/cli/finishTraining.ts).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { CorpusError, loadCorpus } from '../../training/corpus';
import { trainModel } from '../../training/trainModel';
import { finishTraining } from './finishTraining';
import { assertSharedStore } from './sharedStores';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { corpus: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' }, folds: { type: 'string' }, test: { type: 'string' }, publish: { type: 'boolean', default: false } },
  });
  const config = loadConfig();
  if (values.publish) assertSharedStore(config, 'npm run train -- --publish');
  const corpus = path.resolve(values.corpus ?? config.INTENTS_DIR);
  const out = path.resolve(values.out ?? config.MODEL_DIR);
  const log = (m: string) => console.log(`[train] ${m}`);

  log(`loading ${corpus}`);
  const examples = await loadCorpus(corpus);
  const perIntent = new Map<string, number>();
  for (const e of examples) perIntent.set(e.intent, (perIntent.get(e.intent) ?? 0) + 1);
  log(`${examples.length} examples, ${perIntent.size} intents (${[...perIntent].map(([i, n]) => `${i} ${n}`).join(', ')})`);

  const { metadata, thresholds, recognizer } = await trainModel(examples, out, {
    seed: values.seed === undefined ? undefined : Number(values.seed),
    folds: values.folds === undefined ? undefined : Number(values.folds),
    onProgress: log,
  });
  log(`model ${metadata.modelVersion}: ${recognizer.modelBytes} bytes, final training ${metadata.trainingMs} ms`);
  log(`thresholds ${JSON.stringify(thresholds)}`);
  if (metadata.calibration) log(`calibration ${JSON.stringify(metadata.calibration)}`);
  if (!(await finishTraining({ dir: out, recognizer, thresholds, examples, config, testSet: values.test ?? (await testSetFits(config.NLU_TEST_SET, perIntent) ? undefined : null), publish: values.publish, log }))) process.exitCode = 1;
}

/**
 * Whether the configured test set belongs to this corpus: most of its in-scope labels are the
 * corpus's intents (our pet-shop test set says nothing about a model trained on HWU64).
 */
async function testSetFits(testSet: string, corpusIntents: Map<string, number>): Promise<boolean> {
  try {
    const labels = new Set((await loadCorpus(path.resolve(testSet))).map((r) => r.intent).filter((i) => i !== 'none'));
    const known = [...labels].filter((l) => corpusIntents.has(l)).length;
    return labels.size > 0 && known / labels.size >= 0.5;
  } catch {
    return false;
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof CorpusError || (err instanceof Error && /needs STORE=redis/.test(err.message)) ? `[train] ${err.message}` : err);
  process.exitCode = 1;
});
