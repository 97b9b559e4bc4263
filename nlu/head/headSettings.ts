import { z } from 'zod';

/**
 * How the n-gram head is built and trained; stored in the model's metadata with the NLP.js
 * settings, so a loaded model featurises the way it was trained.
 */
export interface HeadSettings {
  /** Word n-grams over NLP.js's stems, 1…this. */
  wordNgrams: number;
  /** Character n-grams of each normalised token padded with spaces (inside word boundaries), `[min, max]`. */
  charNgrams: [number, number];
  /** Start/end markers as extra word n-grams ("<s> where"): how a message opens says a lot. */
  boundaries: boolean;
  /** Term frequency as 1 + ln(tf) instead of tf. */
  sublinearTf: boolean;
  /** N-grams seen in fewer training examples than this are dropped (smaller model, same accuracy). */
  minDf: number;
  /** L2 penalty per example (SGD's λ). */
  l2: number;
  /** Passes over the corpus. */
  epochs: number;
  /** First SGD step; it decays linearly to 0 over the run. */
  learningRate: number;
  /**
   * Weight of NLP.js's network in the ensemble: the routed score of an intent is
   * (1 − w) · head probability + w · NLP.js confidence. 0 = the head alone (no network trained).
   */
  nlpjsWeight: number;
}

export const DEFAULT_HEAD_SETTINGS: HeadSettings = {
  wordNgrams: 2,
  charNgrams: [2, 5],
  boundaries: true,
  sublinearTf: true,
  minDf: 1,
  l2: 1e-5,
  epochs: 10,
  learningRate: 2,
  nlpjsWeight: 0.3,
};

export const headSettingsSchema = z.object({
  wordNgrams: z.number().int().min(1).max(4),
  charNgrams: z.tuple([z.number().int().min(0), z.number().int().min(0)]),
  boundaries: z.boolean(),
  sublinearTf: z.boolean(),
  minDf: z.number().int().min(1),
  l2: z.number().min(0),
  epochs: z.number().int().positive(),
  learningRate: z.number().positive(),
  nlpjsWeight: z.number().min(0).max(1),
});
