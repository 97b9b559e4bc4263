/**
 * Evaluates an intent model on a held-out test set, or cross-validates on a corpus.
 *
 *   npm run evaluate [-- --model <dir>] [--test <file>] [--folds K [--corpus <file|dir>]] [--json <out>] [--html <out>]
 *
 * Defaults: the model in MODEL_DIR (trained from INTENTS_DIR first when missing or stale), the
 * test set NLU_TEST_SET. With `--folds K`, K-fold cross-validation of the corpus instead (each
 * fold trained on the others) at the model's thresholds. Prints progress, then the figures.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { NlpjsRecognizer } from '../../nlu/nlpjsRecognizer';
import { DEFAULT_THRESHOLDS, mergeThresholds, type Thresholds } from '../../nlu/thresholds';
import { loadConfig } from '../config';
import { CorpusError, loadCorpus } from '../../training/corpus';
import { crossValidate, type CrossValidation } from '../../training/crossValidation';
import { evaluatePredictions, predictAll, type EvaluationReport } from '../../training/evaluate';
import { renderEvaluationHtml } from '../../training/evaluationReportHtml';
import { loadOrTrain } from '../../training/trainModel';

const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)} %`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string' },
      test: { type: 'string' },
      folds: { type: 'string' },
      corpus: { type: 'string' },
      json: { type: 'string' },
      html: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const config = loadConfig();
  const log = (m: string) => console.error(`[evaluate] ${m}`);

  let thresholds: Thresholds;
  let modelVersion: string;
  let recognizer: NlpjsRecognizer;
  if (values.model) {
    const dir = path.resolve(values.model);
    log(`loading the model in ${dir}`);
    recognizer = await NlpjsRecognizer.load(dir);
    thresholds = mergeThresholds(recognizer.metadata.thresholds ?? DEFAULT_THRESHOLDS, config.NLU_THRESHOLDS);
  } else {
    const loaded = await loadOrTrain(path.resolve(config.MODEL_DIR), path.resolve(config.INTENTS_DIR), { thresholdsOverride: config.NLU_THRESHOLDS, onProgress: log });
    recognizer = loaded.recognizer;
    thresholds = loaded.thresholds;
  }
  modelVersion = recognizer.modelVersion;

  let report: EvaluationReport;
  let subtitle: string;
  let cv: CrossValidation | undefined;
  if (values.folds !== undefined) {
    const folds = Number(values.folds);
    const corpusPath = path.resolve(values.corpus ?? config.INTENTS_DIR);
    const corpus = await loadCorpus(corpusPath);
    log(`${folds}-fold cross-validation of ${corpusPath} (${corpus.length} examples) at the thresholds of ${modelVersion}`);
    cv = await crossValidate(corpus, folds, thresholds, { settings: recognizer.metadata.settings, seed: values.seed ? Number(values.seed) : recognizer.metadata.seed, onProgress: log });
    report = cv.report;
    subtitle = `${folds}-fold cross-validation of ${path.relative(process.cwd(), corpusPath) || corpusPath} (${corpus.length} examples), thresholds of model ${modelVersion}`;
  } else {
    const testPath = path.resolve(values.test ?? config.NLU_TEST_SET);
    const rows = await loadCorpus(testPath);
    log(`classifying ${rows.length} rows of ${testPath} with model ${modelVersion}`);
    const predictions = await predictAll((t) => recognizer.classify(t), rows, (done, total) => log(`${done}/${total}`));
    report = evaluatePredictions(predictions, thresholds);
    subtitle = `model ${modelVersion}, test set ${path.relative(process.cwd(), testPath) || testPath} (${rows.length} rows)`;
  }

  print(report, subtitle, cv);
  if (values.json) {
    const out = path.resolve(values.json);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify({ model: modelVersion, ...(cv ? { folds: cv.folds, perFold: cv.perFold } : {}), ...report }, null, 2)}\n`);
    log(`metrics written to ${out}`);
  }
  if (values.html) {
    const out = path.resolve(values.html);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, renderEvaluationHtml(report, { subtitle, perFold: cv?.perFold, generatedAt: new Date() }));
    log(`report written to ${out}`);
  }
}

function print(r: EvaluationReport, subtitle: string, cv?: CrossValidation): void {
  console.log(subtitle);
  console.log(`rows                    ${r.rows} (${r.inScopeRows} in scope, ${r.oosRows} out of scope)`);
  console.log(`in-scope accuracy       ${pct(r.inScopeAccuracy)}  (clarifying question on ${pct(r.inScopeClarified)})`);
  console.log(`out-of-scope recall     ${pct(r.oosRecall)}`);
  console.log(`out-of-scope precision  ${pct(r.oosPrecision)}`);
  console.log(`macro-F1                ${r.macroF1.toFixed(3)}`);
  console.log(`top-1 accuracy (raw)    ${pct(r.top1Accuracy)}`);
  console.log(`at the calibrated thresholds (answer ${r.thresholds.answer}, margin ${r.thresholds.margin}): in-scope accuracy ${pct(r.inScopeAccuracy)} against out-of-scope recall ${pct(r.oosRecall)}`);
  if (cv) for (const f of cv.perFold) console.log(`  fold ${f.fold}: ${f.test} held out, in-scope ${pct(f.inScopeAccuracy)}, out-of-scope recall ${pct(f.oosRecall)}, macro-F1 ${f.macroF1.toFixed(3)}`);
  console.log('\nlabel                  rows  prec   recall F1');
  for (const [label, m] of Object.entries(r.perIntent).sort((a, b) => a[1].f1 - b[1].f1)) {
    console.log(`${label.padEnd(22)} ${String(m.support).padStart(4)}  ${m.precision.toFixed(3)}  ${m.recall.toFixed(3)}  ${m.f1.toFixed(3)}`);
  }
  if (r.worstConfusions.length) {
    console.log('\nworst confusions');
    for (const c of r.worstConfusions.slice(0, 8)) console.log(`  ${String(c.count).padStart(3)} × ${c.expected} → ${c.predicted}: ${c.examples.map((e) => JSON.stringify(e)).join(', ')}`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof CorpusError ? `[evaluate] ${err.message}` : err);
  process.exitCode = 1;
});
