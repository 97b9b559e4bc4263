/**
 * Recognises one message with the current model and prints the Recognition as JSON (card
 * numbers and PINs masked unless --show-secrets); the routing decision goes to stderr.
 *
 *   npm run nlu -- "pause my dog food autoship for 3 weeks" [--now 2025-01-15] [--show-secrets]
 *
 * Uses MODEL_DIR, training it from INTENTS_DIR first if it is missing or stale.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { maskRecognition } from '../../nlu/maskRecognition';
import { decide } from '../../bot/routing/decide';
import { describeDecision } from '../../bot/routing/describeDecision';
import { loadConfig } from '../config';
import { loadOrTrain } from '../../training/trainModel';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { now: { type: 'string' }, 'show-secrets': { type: 'boolean', default: false } },
  });
  const text = positionals.join(' ').trim();
  if (!text) {
    console.error('usage: npm run nlu -- "<message>" [--now yyyy-mm-dd] [--show-secrets]');
    process.exitCode = 2;
    return;
  }
  const now = values.now ? new Date(`${values.now}T12:00:00`) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error(`--now: "${values.now}" is not a date (yyyy-mm-dd)`);
  const config = loadConfig();
  const model = await loadOrTrain(path.resolve(config.MODEL_DIR), path.resolve(config.INTENTS_DIR), {
    thresholdsOverride: config.NLU_THRESHOLDS,
    onProgress: (m) => console.error(`[nlu] ${m}`),
  });
  const recognition = await model.recognizer.recognize(text, { now });
  console.log(JSON.stringify(values['show-secrets'] ? recognition : maskRecognition(recognition), null, 2));
  const decision = decide(recognition, model.thresholds, { consecutiveFallbacks: 0 });
  console.error(`[nlu] model ${model.recognizer.modelVersion} → ${describeDecision(decision)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
