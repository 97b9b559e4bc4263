/**
 * Intent model benchmark: for each classifier set-up (NLP.js's network alone, the n-gram head
 * alone, both blended), the whole `train` pipeline (threshold calibration on held-out folds of
 * the corpus, then the final model), then the held-out test set routed through `decide()` at the
 * calibrated thresholds, classification latency and model size. Our corpus by default; a public
 * benchmark converted to the `train --corpus` TSV format works the same way.
 *
 *   npm run bench:nlu [-- --corpus <file|dir>] [--test <file>] [--variants nlpjs,head,ensemble] [--messages <n>] [--seed <n>]
 *
 * In-scope accuracy counts a clarifying question as not answered; out-of-scope recall and
 * precision are `npm run evaluate`'s (a fallback or a clarifying question predicts `none`).
 * Prints figures, asserts nothing.
 */
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { NONE_INTENT } from '../nlu/intents';
import { RECOGNIZER_VARIANTS, variantSettings, type RecognizerVariant } from '../nlu/head/recognizerVariants';
import { percentile } from '../platform/percentile';
import { loadCorpus } from '../training/corpus';
import { evaluatePredictions } from '../training/evaluate';
import type { LabeledPrediction } from '../training/routingReport';
import { defaultFolds, trainModel } from '../training/trainModel';

const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)} %`);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, test: { type: 'string' }, variants: { type: 'string' }, messages: { type: 'string' }, seed: { type: 'string' } } });
  const root = path.join(__dirname, '..');
  const corpusPath = path.resolve(values.corpus ?? path.join(root, 'intents'));
  const corpus = await loadCorpus(corpusPath);
  const test = await loadCorpus(path.resolve(values.test ?? path.join(root, 'intents', 'test.tsv')));
  const messages = Number(values.messages ?? 10_000);
  const variants = (values.variants?.split(',') ?? RECOGNIZER_VARIANTS) as RecognizerVariant[];
  for (const v of variants) if (!RECOGNIZER_VARIANTS.includes(v)) throw new Error(`unknown variant ${v} (known: ${RECOGNIZER_VARIANTS.join(', ')})`);
  const inScopeRows = test.filter((t) => t.intent !== NONE_INTENT);
  console.log(`corpus ${corpusPath}: ${corpus.length} examples; test set ${test.length} rows (${inScopeRows.length} in scope); calibration on ${defaultFolds(corpus.length)} folds`);
  console.log(`the machine is shared: load average ${load()} (1/5/15 min) on 2 cores; times are inflated by the load`);

  const rows: string[][] = [['variant', 'in scope @thr', 'top-1 raw', 'OOS recall', 'OOS prec.', 'train (pipeline)', 'final model', 'p50', 'p99', 'recognize p99', 'model size', 'load']];
  for (const variant of variants) {
    const settings = variantSettings(variant);
    const started = performance.now();
    const { recognizer, thresholds } = await trainModel(corpus, undefined, { settings, seed: values.seed ? Number(values.seed) : undefined });
    const pipelineS = (performance.now() - started) / 1000;

    const predictions: LabeledPrediction[] = [];
    let top1 = 0;
    for (const row of test) {
      const recognition = await recognizer.classify(row.text);
      predictions.push({ text: row.text, expected: row.intent, recognition });
      if (row.intent !== NONE_INTENT && recognition.intent === row.intent) top1 += 1;
    }
    const r = evaluatePredictions(predictions, thresholds);

    // Latency: messages cycled from the test set and the corpus; a numeric suffix makes each new to any per-text cache.
    const texts = [...test, ...corpus].map((e) => e.text);
    const time = async (fn: (text: string) => Promise<unknown>) => {
      for (let i = 0; i < 200; i += 1) await fn(texts[i % texts.length]!);
      const ms: number[] = [];
      for (let i = 0; i < messages; i += 1) {
        const text = `${texts[i % texts.length]!}${i >= texts.length ? ` ${i}` : ''}`;
        const t0 = performance.now();
        await fn(text);
        ms.push(performance.now() - t0);
      }
      return { p50: percentile(ms, 50)!, p99: percentile(ms, 99)! };
    };
    const classify = await time((t) => recognizer.classify(t));
    const recognize = await time((t) => recognizer.recognize(t));
    rows.push([
      variant,
      pct(r.inScopeAccuracy),
      pct(inScopeRows.length ? top1 / inScopeRows.length : null),
      pct(r.oosRecall),
      pct(r.oosPrecision),
      `${pipelineS.toFixed(1)} s`,
      `${(recognizer.metadata.trainingMs / 1000).toFixed(1)} s`,
      `${classify.p50.toFixed(2)} ms`,
      `${classify.p99.toFixed(2)} ms`,
      `${recognize.p99.toFixed(2)} ms`,
      `${(recognizer.modelBytes / 1e6).toFixed(2)} MB`,
      load(),
    ]);
    console.log(`${variant}: thresholds ${JSON.stringify(thresholds)}`);
    console.log(`${variant}: in scope ${r.inScopeRows} rows, clarified ${pct(r.inScopeClarified)}; macro-F1 ${r.macroF1.toFixed(3)}`);
  }
  console.log('');
  console.log(`| ${rows[0]!.join(' | ')} |`);
  console.log(`|${rows[0]!.map(() => '---').join('|')}|`);
  for (const row of rows.slice(1)) console.log(`| ${row.join(' | ')} |`);
  console.log(`(latency over ${messages} messages each; in scope @thr = answered with exactly the right intent at the calibrated thresholds)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
