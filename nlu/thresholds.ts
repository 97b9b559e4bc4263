import { z } from 'zod';
import { ACCOUNT_CHANGING_INTENTS } from './intents';

/**
 * Confidence thresholds for {@link decide}. One global number is not enough (NLP.js's scores
 * are often 1.0 even when wrong): intents get their own thresholds, account-changing ones are
 * stricter, a close runner-up makes the bot ask, and below a floor it says it did not understand.
 * Defaults are calibrated on a held-out split of the training corpus (`training/calibrateThresholds.ts`),
 * stored in the model's metadata and overridable from config (`NLU_THRESHOLDS`).
 */
export interface Thresholds {
  /** Minimum top score to act on an intent without asking. */
  answer: number;
  /** Per-intent minimum scores, replacing `answer` for that intent (stricter for account changes). */
  perIntent: Record<string, number>;
  /** Below this top score: fallback. From here up to the answer threshold: clarify. */
  clarifyFloor: number;
  /** A runner-up closer than this to the top score makes the bot ask instead of answering. */
  margin: number;
}

const score = z.number().min(0).max(1);

export const thresholdsSchema = z
  .object({
    answer: score,
    perIntent: z.record(z.string(), score),
    clarifyFloor: score,
    margin: score,
  })
  .refine((t) => t.clarifyFloor <= t.answer, { message: 'clarifyFloor must not exceed answer', path: ['clarifyFloor'] });

/** A partial override (config): `perIntent` entries are merged one by one. */
export const thresholdsOverrideSchema = z.object({
  answer: score.optional(),
  perIntent: z.record(z.string(), score).optional(),
  clarifyFloor: score.optional(),
  margin: score.optional(),
});
export type ThresholdsOverride = z.infer<typeof thresholdsOverrideSchema>;

/**
 * Used when a model carries no calibrated thresholds: the calibration of the bundled corpus
 * (`npm run train`, seed 42). Scores are the blend of the n-gram head's probability and NLP.js's
 * confidence (see `nlpjsRecognizer.ts`).
 */
export const DEFAULT_THRESHOLDS: Thresholds = {
  answer: 0.25,
  // Account changes (the catalog's `changesAccount`) are stricter.
  perIntent: Object.fromEntries(ACCOUNT_CHANGING_INTENTS.map((intent) => [intent, 0.4])),
  clarifyFloor: 0.1,
  margin: 0.1,
};

/** The score an intent needs to be acted on without asking. */
export const answerThreshold = (t: Thresholds, intent: string): number => t.perIntent[intent] ?? t.answer;

/** `base` with `override` applied; validated, so a bad override fails loudly. */
export function mergeThresholds(base: Thresholds, override: ThresholdsOverride | undefined): Thresholds {
  if (!override) return base;
  return thresholdsSchema.parse({
    answer: override.answer ?? base.answer,
    perIntent: { ...base.perIntent, ...override.perIntent },
    clarifyFloor: override.clarifyFloor ?? base.clarifyFloor,
    margin: override.margin ?? base.margin,
  });
}
