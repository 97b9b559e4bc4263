import path from 'node:path';
import type { Recognizer } from '../../nlu/recognizer';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../../nlu/thresholds';
import { loadOrTrain } from '../../training/trainModel';

let model: ReturnType<typeof loadOrTrain> | undefined;

const ROOT = path.join(__dirname, '../..');

/**
 * The production model, trained once per test run from `intents/` (cached in `models/test`,
 * retrained whenever the corpus or settings change).
 */
function trained() {
  model ??= loadOrTrain(path.join(ROOT, 'models/test'), path.join(ROOT, 'intents'));
  return model;
}

let thresholds: Thresholds = DEFAULT_THRESHOLDS;

export async function testRecognizer(): Promise<Recognizer> {
  const m = await trained();
  thresholds = m.thresholds;
  return m.recognizer;
}

/** The calibrated thresholds of the test model (valid after {@link testRecognizer} resolved). */
export const testThresholds = (): Thresholds => thresholds;
