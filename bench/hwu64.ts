/**
 * HWU64 intent benchmark: trains the project's default pipeline on train/, reports top-1
 * accuracy on valid/ (where settings are tuned) and test/ (reported), and training time.
 *
 *   npm run bench:hwu64 [-- --data <dir>] [--seed <n>] [--settings '<json NlpjsSettings override>']
 *
 * The data is never copied into the repository: pass its directory (default
 * ../shared/datasets/hwu64 next to the repository, or $HWU64_DIR). Prints figures, asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_NLPJS_SETTINGS, type NlpjsSettings } from '../nlu/createNlp';
import { NlpjsRecognizer, type LabeledText } from '../nlu/nlpjsRecognizer';

function readSplit(dir: string, split: string): LabeledText[] {
  const texts = readFileSync(join(dir, split, 'seq.in'), 'utf8').split('\n');
  const labels = readFileSync(join(dir, split, 'label'), 'utf8').split('\n');
  const out: LabeledText[] = [];
  texts.forEach((text, i) => {
    const intent = labels[i]?.trim();
    if (text.trim() && intent) out.push({ text: text.trim(), intent });
  });
  return out;
}

async function accuracy(recognizer: NlpjsRecognizer, rows: LabeledText[]): Promise<number> {
  let ok = 0;
  for (const row of rows) if ((await recognizer.classify(row.text)).intent === row.intent) ok += 1;
  return ok / rows.length;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { data: { type: 'string' }, seed: { type: 'string' }, settings: { type: 'string' } } });
  const dir = resolve(values.data ?? process.env.HWU64_DIR ?? join(__dirname, '..', '..', 'shared', 'datasets', 'hwu64'));
  const override = values.settings ? (JSON.parse(values.settings) as Partial<NlpjsSettings>) : {};
  const settings: NlpjsSettings = {
    ...DEFAULT_NLPJS_SETTINGS,
    ...override,
    features: { ...DEFAULT_NLPJS_SETTINGS.features, ...override.features },
    network: { ...DEFAULT_NLPJS_SETTINGS.network, ...override.network },
  };
  const train = readSplit(dir, 'train');
  const valid = readSplit(dir, 'valid');
  const test = readSplit(dir, 'test');
  console.log(`HWU64 from ${dir}: ${train.length} train, ${valid.length} valid, ${test.length} test`);
  console.log(`settings ${JSON.stringify(settings)}`);
  const recognizer = await NlpjsRecognizer.train(train, { settings, seed: values.seed ? Number(values.seed) : undefined });
  console.log(`training time  ${(recognizer.metadata.trainingMs / 1000).toFixed(1)} s`);
  console.log(`valid top-1    ${(100 * (await accuracy(recognizer, valid))).toFixed(2)} %`);
  console.log(`test top-1     ${(100 * (await accuracy(recognizer, test))).toFixed(2)} %`);
  console.log(`model size     ${recognizer.modelBytes} bytes`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
