import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { Nlp } from '@nlpjs/nlp';
import { DEFAULT_HEAD_SETTINGS, type HeadSettings } from './head/headSettings';
import { DEFAULT_FEATURES, FEATURE_NLU_CLASS, FeatureNlu, type FeatureSettings } from './featureNlu';

/** Settings of NLP.js's neural network (one perceptron per intent, trained by SGD). */
export interface NetworkSettings {
  /** Upper bound on passes over the corpus. */
  iterations: number;
  learningRate: number;
  momentum: number;
  /** Training stops when the mean squared error falls below this… */
  errorThresh: number;
  /** …or improves by less than this between two passes. */
  deltaErrorThresh: number;
}

/** Everything that decides how a model is trained; stored in the model's metadata. */
export interface NlpjsSettings {
  features: FeatureSettings;
  network: NetworkSettings;
  /**
   * NLP.js's "none feature": words never seen in training push towards `None`. Together with
   * the `None` examples of `intents/none.json` it is what catches out-of-scope messages.
   */
  useNoneFeature: boolean;
  /** NLP.js's spell check: an unknown feature within edit distance 1 of a known one counts as it ("cancle" → "cancel"). */
  spellCheck: boolean;
  /** The n-gram head beside the network (`nlu/head/`); absent = NLP.js's network alone. */
  head?: HeadSettings;
}

/**
 * The project's training defaults, chosen on HWU64's validation split (see `bench/hwu64.ts`):
 * bigrams + boundary markers + L2-scaled features with NLP.js's default SGD settings.
 */
export const DEFAULT_NLPJS_SETTINGS: NlpjsSettings = {
  features: DEFAULT_FEATURES,
  network: { iterations: 40, learningRate: 0.6, momentum: 0.5, errorThresh: 0.00005, deltaErrorThresh: 0.000001 },
  useNoneFeature: true,
  spellCheck: true,
  head: DEFAULT_HEAD_SETTINGS,
};

/**
 * A fresh, untrained NLP.js instance for English with our settings, in its own container.
 *
 * Why not `dockStart({ settings: { nlp: {…} } })`: its settings REPLACE NLP.js's registered
 * defaults instead of merging with them (the `nlp` threshold silently becomes undefined), it
 * reads `.env`, `conf.json` and `pipelines.md` from the working directory, and its dock is a
 * process-wide singleton (one model per process). So: NLP.js registers its defaults, then we
 * set each option we rely on explicitly; `effectiveNlpSettings()` shows what is in force.
 */
export function createNlp(settings: NlpjsSettings = DEFAULT_NLPJS_SETTINGS): Nlp {
  const container = containerBootstrap();
  // NLP.js logs to the console (e.g. "utterance contains only stop words"): keep CLIs and tests quiet.
  container.register('logger', QUIET_LOGGER, true);
  container.use(LangEn);
  container.register(FEATURE_NLU_CLASS, FeatureNlu, false);
  const nlp = new Nlp({}, container);
  // Set after construction, so nothing replaces NLP.js's defaults wholesale.
  Object.assign(nlp.settings, {
    autoLoad: false,
    autoSave: false,
    // We only classify (nlp.classify): no answers, actions, sentiment or NER round-trips.
    calculateSentiment: false,
    executeActionsBeforeAnswers: false,
    forceNER: false,
    // Only nlp.process() applies it; classify() returns raw scores and routing decides.
    threshold: 0.5,
  });
  nlp.nluManager.settings.useNoneFeature = settings.useNoneFeature;
  nlp.nluManager.settings.log = false;
  nlp.useNlu(FEATURE_NLU_CLASS, 'en', undefined, { log: false, features: settings.features, ...settings.network, spellCheck: settings.spellCheck, spellCheckDistance: 1 });
  nlp.addLanguage('en');
  return nlp;
}

const QUIET_LOGGER = { trace() {}, debug() {}, info() {}, log() {}, warn() {}, error() {}, fatal() {} };

/** The settings actually in force inside an NLP.js instance (for tests and diagnostics). */
export function effectiveNlpSettings(nlp: Nlp) {
  const domainManager = nlp.nluManager.domainManagers.en;
  const nlu = domainManager?.domains.master_domain as FeatureNlu | undefined;
  const nluSettings = (nlu?.settings ?? {}) as Record<string, any>;
  const network = (nlu as unknown as { neuralNetwork?: { settings: Record<string, unknown> } } | undefined)?.neuralNetwork?.settings;
  return {
    nlp: {
      threshold: nlp.settings.threshold as number | undefined,
      autoSave: nlp.settings.autoSave as boolean | undefined,
      autoLoad: nlp.settings.autoLoad as boolean | undefined,
      calculateSentiment: nlp.settings.calculateSentiment as boolean | undefined,
      forceNER: nlp.settings.forceNER as boolean | undefined,
    },
    nluClass: nlu?.constructor.name,
    useNoneFeature: domainManager?.settings.useNoneFeature as boolean | undefined,
    features: nluSettings.features as FeatureSettings | undefined,
    /** The trained network's settings (undefined before training or loading). */
    network: network as Partial<NetworkSettings> & { log?: unknown } | undefined,
    log: nluSettings.log as boolean | undefined,
  };
}
