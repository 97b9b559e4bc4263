import { createHash } from 'node:crypto';
import { NONE_INTENT } from '../nlu/intents';
import type { IntentScore } from '../nlu/recognizer';
import { decide } from '../bot/routing/decide';
import type { Thresholds } from '../nlu/thresholds';
import type { LabeledPrediction } from './routingReport';

/** Precision, recall and F1 of one label (an intent, or `none`). */
export interface LabelMetrics {
  /** Test rows with this expected label. */
  support: number;
  /** Rows predicted as this label. */
  predicted: number;
  /** Rows predicted right. */
  correct: number;
  /** correct / predicted (0 when nothing was predicted as this label). */
  precision: number;
  /** correct / support (0 when the test set has no row of it). */
  recall: number;
  /** Harmonic mean of precision and recall (0 when both are 0). */
  f1: number;
}

/** One point of the accuracy / out-of-scope-recall trade-off. */
export interface CurvePoint {
  /** The global answer threshold (per-intent thresholds keep their offset to it). */
  threshold: number;
  inScopeAccuracy: number;
  oosRecall: number;
}

/** A confused pair: rows of `expected` predicted as `predicted`, with a few of their texts. */
export interface Confusion {
  expected: string;
  predicted: string;
  count: number;
  examples: string[];
}

/** A test row the model got wrong (at its thresholds). */
export interface EvaluationError {
  text: string;
  expected: string;
  predicted: string;
  /** The recognizer's top intent and score (before thresholds). */
  top: IntentScore;
}

/**
 * Everything `npm run evaluate` measures; `--json` writes it as is (keys documented in the README).
 * "Predicted" means what routing does with the message on a fresh conversation at `thresholds`:
 * an answer (or, for `agent.request`, a handoff because the customer asked) predicts that intent;
 * a fallback or a clarifying question predicts `none` (the bot did not act on any intent).
 */
export interface EvaluationReport {
  /** Test rows; in scope (expected intent not `none`); out of scope. */
  rows: number;
  inScopeRows: number;
  oosRows: number;
  /** Over all rows: the recognizer's top intent (no thresholds) equals the expected one. */
  top1Accuracy: number;
  /** Over all rows: predicted (at the thresholds) equals expected. */
  accuracy: number;
  /** Over in-scope rows: predicted exactly right; predicting out of scope counts as wrong. */
  inScopeAccuracy: number;
  /** Over in-scope rows: the bot asked a clarifying question instead of answering. */
  inScopeClarified: number;
  /** Over out-of-scope rows: predicted `none`. `null` when the test set has no out-of-scope row. */
  oosRecall: number | null;
  /** Over rows predicted `none`: expected `none`. `null` when nothing was predicted `none`. */
  oosPrecision: number | null;
  /** Mean F1 over every label that has test rows (`none` included). */
  macroF1: number;
  perIntent: Record<string, LabelMetrics>;
  /** `matrix[i][j]`: rows expected `labels[i]` predicted `labels[j]`. */
  confusion: { labels: string[]; matrix: number[][] };
  /** The most frequent confusions, worst first. */
  worstConfusions: Confusion[];
  /** In-scope accuracy against out-of-scope recall as the answer threshold moves from 0 to 1. */
  curve: CurvePoint[];
  thresholds: Thresholds;
  errors: EvaluationError[];
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** What routing does with a recognition, as a label: the intent it acts on, or `none`. */
export function predictedLabel(recognition: LabeledPrediction['recognition'], thresholds: Thresholds): string {
  const d = decide(recognition, thresholds, { consecutiveFallbacks: 0 });
  if (d.kind === 'answer') return d.intent;
  if (d.kind === 'handoff' && d.reason === 'asked_for_agent') return 'agent.request';
  return NONE_INTENT;
}

/** `thresholds` moved so that the global answer threshold is `answer`; per-intent ones keep their offset. */
export function shiftThresholds(thresholds: Thresholds, answer: number): Thresholds {
  const clamp = (x: number) => Math.min(1, Math.max(0, round(x)));
  const delta = answer - thresholds.answer;
  return {
    answer: clamp(answer),
    perIntent: Object.fromEntries(Object.entries(thresholds.perIntent).map(([i, t]) => [i, clamp(t + delta)])),
    clarifyFloor: Math.min(thresholds.clarifyFloor, clamp(answer)),
    margin: thresholds.margin,
  };
}

function headline(predictions: readonly LabeledPrediction[], thresholds: Thresholds): { inScopeAccuracy: number; oosRecall: number } {
  let inScope = 0;
  let inScopeRight = 0;
  let oos = 0;
  let oosCaught = 0;
  for (const p of predictions) {
    const label = predictedLabel(p.recognition, thresholds);
    if (p.expected === NONE_INTENT) {
      oos += 1;
      if (label === NONE_INTENT) oosCaught += 1;
    } else {
      inScope += 1;
      if (label === p.expected) inScopeRight += 1;
    }
  }
  return { inScopeAccuracy: round(ratio(inScopeRight, inScope)), oosRecall: round(ratio(oosCaught, oos)) };
}

/** The trade-off curve: one point per `step` of the answer threshold from 0 to 1. */
export function thresholdCurve(predictions: readonly LabeledPrediction[], thresholds: Thresholds, step = 0.02): CurvePoint[] {
  const out: CurvePoint[] = [];
  for (let t = 0; t <= 1 + 1e-9; t += step) {
    const threshold = round(t);
    out.push({ threshold, ...headline(predictions, shiftThresholds(thresholds, threshold)) });
  }
  return out;
}

/** Computes every metric of {@link EvaluationReport} from labelled predictions. Pure. */
export function evaluatePredictions(predictions: readonly LabeledPrediction[], thresholds: Thresholds, options: { examplesPerConfusion?: number; worstConfusions?: number } = {}): EvaluationReport {
  const labelsSeen = new Set<string>();
  const cells = new Map<string, { count: number; examples: string[] }>();
  const errors: EvaluationError[] = [];
  let top1 = 0;
  let right = 0;
  let inScope = 0;
  let inScopeRight = 0;
  let inScopeClarified = 0;
  let oos = 0;
  let oosCaught = 0;
  let predictedNone = 0;
  const keep = options.examplesPerConfusion ?? 3;

  for (const p of predictions) {
    const label = predictedLabel(p.recognition, thresholds);
    labelsSeen.add(p.expected).add(label);
    if (p.recognition.intent === p.expected) top1 += 1;
    if (label === p.expected) right += 1;
    if (label === NONE_INTENT) predictedNone += 1;
    if (p.expected === NONE_INTENT) {
      oos += 1;
      if (label === NONE_INTENT) oosCaught += 1;
    } else {
      inScope += 1;
      if (label === p.expected) inScopeRight += 1;
      if (decide(p.recognition, thresholds, { consecutiveFallbacks: 0 }).kind === 'clarify') inScopeClarified += 1;
    }
    const key = `${p.expected}\u0000${label}`;
    const cell = cells.get(key) ?? { count: 0, examples: [] };
    cell.count += 1;
    if (label !== p.expected && cell.examples.length < keep) cell.examples.push(p.text);
    cells.set(key, cell);
    if (label !== p.expected) errors.push({ text: p.text, expected: p.expected, predicted: label, top: { intent: p.recognition.intent, score: p.recognition.score } });
  }

  // Intents alphabetically, `none` last: the matrix reads the same on every run.
  const labels = [...labelsSeen].filter((l) => l !== NONE_INTENT).sort();
  if (labelsSeen.has(NONE_INTENT)) labels.push(NONE_INTENT);
  const matrix = labels.map((e) => labels.map((p) => cells.get(`${e}\u0000${p}`)?.count ?? 0));

  const perIntent: Record<string, LabelMetrics> = {};
  labels.forEach((label, i) => {
    const support = matrix[i]!.reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((a, row) => a + row[i]!, 0);
    const correct = matrix[i]![i]!;
    const precision = ratio(correct, predicted);
    const recall = ratio(correct, support);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perIntent[label] = { support, predicted, correct, precision: round(precision), recall: round(recall), f1: round(f1) };
  });
  const withRows = Object.values(perIntent).filter((m) => m.support > 0);
  const macroF1 = ratio(
    withRows.reduce((a, m) => a + m.f1, 0),
    withRows.length,
  );

  const worstConfusions: Confusion[] = [...cells.entries()]
    .map(([key, c]) => {
      const [expected, predicted] = key.split('\u0000') as [string, string];
      return { expected, predicted, count: c.count, examples: c.examples };
    })
    .filter((c) => c.expected !== c.predicted)
    .sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected) || a.predicted.localeCompare(b.predicted))
    .slice(0, options.worstConfusions ?? 10);

  return {
    rows: predictions.length,
    inScopeRows: inScope,
    oosRows: oos,
    top1Accuracy: round(ratio(top1, predictions.length)),
    accuracy: round(ratio(right, predictions.length)),
    inScopeAccuracy: round(ratio(inScopeRight, inScope)),
    inScopeClarified: round(ratio(inScopeClarified, inScope)),
    oosRecall: oos === 0 ? null : round(oosCaught / oos),
    oosPrecision: predictedNone === 0 ? null : round(ratio(perIntent[NONE_INTENT]?.correct ?? 0, predictedNone)),
    macroF1: round(macroF1),
    perIntent,
    confusion: { labels, matrix },
    worstConfusions,
    curve: thresholdCurve(predictions, thresholds),
    thresholds,
    errors,
  };
}

/** Anything that classifies text: a recognizer, or the `classify` of an NLP.js model. */
export type Classify = (text: string) => Promise<LabeledPrediction['recognition']>;

/**
 * Classifies every labelled row (held-out test set) and returns the predictions.
 * @param onProgress called every `every` rows with (done, total).
 */
export async function predictAll(
  classify: Classify,
  rows: readonly { text: string; intent: string }[],
  onProgress?: (done: number, total: number) => void,
  every = 100,
): Promise<LabeledPrediction[]> {
  const out: LabeledPrediction[] = [];
  for (const row of rows) {
    const r = await classify(row.text);
    out.push({ text: row.text, expected: row.intent, recognition: { intent: r.intent, score: r.score, ranking: r.ranking } });
    if (onProgress && (out.length % every === 0 || out.length === rows.length)) onProgress(out.length, rows.length);
  }
  return out;
}

/** sha256 of a test set's rows (order-independent): metrics on the same hash are comparable. */
export function testSetHash(rows: readonly { text: string; intent: string }[]): string {
  const lines = rows.map((r) => `${r.intent}\t${r.text}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}
