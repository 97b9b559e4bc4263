import { DEFAULT_NLPJS_SETTINGS, type NlpjsSettings } from '../createNlp';
import { DEFAULT_HEAD_SETTINGS } from './headSettings';

/** Names of the classifier set-ups the benchmarks compare. */
export type RecognizerVariant = 'nlpjs' | 'head' | 'ensemble';

export const RECOGNIZER_VARIANTS: readonly RecognizerVariant[] = ['nlpjs', 'head', 'ensemble'];

/** Weight of NLP.js's network in the `ensemble` variant (when the default is the head alone). */
const ENSEMBLE_NLPJS_WEIGHT = 0.3;

/**
 * Training settings of a variant: NLP.js's network alone (the recognizer before the head), the
 * n-gram head alone, or both blended. Everything else is the project default.
 */
export function variantSettings(variant: RecognizerVariant, base: NlpjsSettings = DEFAULT_NLPJS_SETTINGS): NlpjsSettings {
  const head = base.head ?? DEFAULT_HEAD_SETTINGS;
  switch (variant) {
    case 'nlpjs': {
      const { head: _dropped, ...rest } = base;
      return rest;
    }
    case 'head':
      return { ...base, head: { ...head, nlpjsWeight: 0 } };
    case 'ensemble':
      return { ...base, head: { ...head, nlpjsWeight: head.nlpjsWeight > 0 ? head.nlpjsWeight : ENSEMBLE_NLPJS_WEIGHT } };
  }
}
