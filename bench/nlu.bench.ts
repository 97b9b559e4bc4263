/**
 * Intent model benchmark on our own corpus: training time, accuracy on the held-out
 * `intents/test.tsv` routed through `decide()`, classification latency, model size.
 *
 *   npm run bench:nlu [-- --corpus <dir>] [--test <file>] [--messages <n>] [--seed <n>]
 *
 * Prints figures, asserts nothing.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { NONE_INTENT } from '../nlu/intents';
import { loadCorpus } from '../training/corpus';
import { routingReport, type LabeledPrediction } from '../training/routingReport';
import { trainModel } from '../training/trainModel';
import { percentile } from '../platform/percentile';

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const quantile = (xs: number[], q: number) => percentile(xs, q * 100) ?? NaN;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, test: { type: 'string' }, messages: { type: 'string' }, seed: { type: 'string' } } });
  const root = path.join(__dirname, '..');
  const corpus = await loadCorpus(path.resolve(values.corpus ?? path.join(root, 'intents')));
  const test = await loadCorpus(path.resolve(values.test ?? path.join(root, 'intents', 'test.tsv')));
  const messages = Number(values.messages ?? 10_000);

  const started = performance.now();
  const { recognizer, thresholds } = await trainModel(corpus, undefined, { seed: values.seed ? Number(values.seed) : undefined });
  const pipelineMs = performance.now() - started;
  console.log(`corpus                 ${corpus.length} examples; test set ${test.length} rows (${test.filter((t) => t.intent !== NONE_INTENT).length} in scope)`);
  console.log(`training               ${recognizer.metadata.trainingMs} ms final model; ${(pipelineMs / 1000).toFixed(1)} s with threshold calibration (10-fold)`);
  console.log(`thresholds             ${JSON.stringify(thresholds)}`);

  const predictions: LabeledPrediction[] = [];
  let top1 = 0;
  let inScope = 0;
  for (const row of test) {
    const recognition = await recognizer.classify(row.text);
    predictions.push({ text: row.text, expected: row.intent, recognition });
    if (row.intent !== NONE_INTENT) {
      inScope += 1;
      if (recognition.intent === row.intent) top1 += 1;
    }
  }
  const r = routingReport(predictions, thresholds);
  console.log(`in-scope top-1 (raw)   ${pct(top1 / inScope)}`);
  console.log(`in-scope answered right ${pct(r.inScopeAccuracy)} (${r.inScope.correct}/${r.inScope.total}; clarified ${r.inScope.clarified}, fallback ${r.inScope.fallback}, wrong ${r.inScope.wrong})`);
  console.log(`out-of-scope caught    ${pct(r.outOfScopeCaught)} (${r.outOfScope.correct} fallback + ${r.outOfScope.clarified} clarify of ${r.outOfScope.total}; answered ${r.outOfScope.wrong})`);
  console.log(`false hand-offs        ${r.falseHandoffs}`);

  // Latency: messages cycled from the test set and the corpus, each classified once.
  const texts = [...test, ...corpus].map((e) => e.text);
  const time = async (fn: (text: string) => Promise<unknown>) => {
    for (let i = 0; i < 200; i += 1) await fn(texts[i % texts.length]!);
    const ms: number[] = [];
    for (let i = 0; i < messages; i += 1) {
      // A suffix makes each message new to NLP.js's per-text feature cache.
      const text = `${texts[i % texts.length]!}${i >= texts.length ? ` ${i}` : ''}`;
      const t0 = performance.now();
      await fn(text);
      ms.push(performance.now() - t0);
    }
    return `p50 ${quantile(ms, 0.5).toFixed(2)} ms, p99 ${quantile(ms, 0.99).toFixed(2)} ms over ${messages} messages`;
  };
  console.log(`classification         ${await time((t) => recognizer.classify(t))}`);
  console.log(`recognize (+entities)  ${await time((t) => recognizer.recognize(t))}`);
  console.log(`model size             ${recognizer.modelBytes} bytes`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
