import { z } from 'zod';
import { headSettingsSchema } from '../head/headSettings';
import { thresholdsSchema } from '../thresholds';

const featureSettingsSchema = z.object({
  bigrams: z.boolean(),
  boundaries: z.boolean(),
  l2Norm: z.number().min(0),
  squeezeRepeats: z.boolean(),
  digitShapes: z.boolean(),
});

export const nlpjsSettingsSchema = z.object({
  features: featureSettingsSchema,
  network: z.object({
    iterations: z.number().int().positive(),
    learningRate: z.number().positive(),
    momentum: z.number().min(0).max(1),
    errorThresh: z.number().positive(),
    deltaErrorThresh: z.number().positive(),
  }),
  useNoneFeature: z.boolean(),
  spellCheck: z.boolean(),
  head: headSettingsSchema.optional(),
});

/** `metadata.json` beside a saved model: what it is, how it was trained, how to route with it. */
export const modelMetadataSchema = z.object({
  /** `<yyyymmddThhmmss>-<first 12 hex of the model's sha256>`. */
  modelVersion: z.string().min(1),
  trainedAt: z.iso.datetime(),
  /** sha256 of `model.nlp`. */
  modelHash: z.string().regex(/^[0-9a-f]{64}$/),
  seed: z.number().int(),
  /** Version of the featurisation code (`FEATURE_PIPELINE_VERSION`) that trained the model. */
  pipelineVersion: z.number().int(),
  settings: nlpjsSettingsSchema,
  /** Training examples (after de-duplication), and the intents they teach (`none` included). */
  examples: z.number().int().nonnegative(),
  intents: z.array(z.string()),
  trainingMs: z.number().nonnegative(),
  /** sha256 of the corpus (see training/corpus.ts `corpusHash`): a changed corpus means retrain. */
  corpusHash: z.string().optional(),
  /** Routing thresholds calibrated for this model. */
  thresholds: thresholdsSchema.optional(),
  /** How the thresholds were calibrated (split, figures); free-form. */
  calibration: z.record(z.string(), z.unknown()).optional(),
});

export type ModelMetadata = z.infer<typeof modelMetadataSchema>;
