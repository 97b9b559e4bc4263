import { z } from 'zod';
import type { NgramHeadJson } from './ngramHead';

/** Format tag of `model.nlp` since the n-gram head: anything else (an NLP.js export alone) is an older model. */
export const MODEL_BUNDLE_FORMAT = 'pawsupport-nlu/2';

/** What `model.nlp` holds: NLP.js's export (null when the head routes alone) and the n-gram head (null for NLP.js alone). */
export interface ModelBundle {
  format: typeof MODEL_BUNDLE_FORMAT;
  nlpjs: string | null;
  head: NgramHeadJson | null;
}

const bundleSchema = z.object({
  format: z.literal(MODEL_BUNDLE_FORMAT),
  nlpjs: z.string().nullable(),
  head: z
    .object({
      intents: z.array(z.string()),
      featuriser: z.object({ terms: z.array(z.string()), idf: z.array(z.number()) }),
      regression: z.object({
        features: z.number().int().nonnegative(),
        classes: z.number().int().positive(),
        bias: z.array(z.number()),
        scale: z.number(),
        positions: z.string(),
        weights: z.string(),
      }),
    })
    .nullable(),
});

export const writeModelBundle = (bundle: Omit<ModelBundle, 'format'>): string => JSON.stringify({ format: MODEL_BUNDLE_FORMAT, ...bundle });

/**
 * Reads `model.nlp`. A model saved before the bundle format (NLP.js's export alone) is refused
 * with a message saying to retrain: it is never read as something it is not.
 * @throws Error naming what is wrong
 */
export function readModelBundle(content: string, file: string): ModelBundle {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    throw new Error(`${file} is not JSON: retrain`);
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== MODEL_BUNDLE_FORMAT) throw new Error(`${file} is in an older model format (${typeof format === 'string' ? format : 'NLP.js alone'}), this code reads ${MODEL_BUNDLE_FORMAT}: retrain`);
  const parsed = bundleSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file} is not a valid ${MODEL_BUNDLE_FORMAT} model: ${parsed.error.issues[0]?.message ?? 'invalid'}: retrain`);
  return parsed.data;
}
