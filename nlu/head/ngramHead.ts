import type { IntentScore } from '../recognizer';
import type { HeadSettings } from './headSettings';
import { NgramFeaturiser, type HeadTokens, type NgramFeaturiserJson } from './ngramFeaturiser';
import { SoftmaxRegression, type SoftmaxRegressionJson } from './softmaxRegression';

/** A trained head as saved inside the model file. */
export interface NgramHeadJson {
  intents: string[];
  featuriser: NgramFeaturiserJson;
  regression: SoftmaxRegressionJson;
}

/**
 * The n-gram head: TF-IDF word and character n-grams ({@link NgramFeaturiser}) into a
 * multinomial logistic regression ({@link SoftmaxRegression}). Its scores are probabilities over
 * every trained intent (`none` included), so a threshold on them means what it says.
 */
export class NgramHead {
  private constructor(
    private readonly intents: string[],
    private readonly featuriser: NgramFeaturiser,
    private readonly regression: SoftmaxRegression,
  ) {}

  /** Trains on tokenised examples; the result computes exactly what a saved and loaded copy does. */
  static train(examples: readonly { tokens: HeadTokens; intent: string }[], settings: HeadSettings, seed: number): NgramHead {
    const intents = [...new Set(examples.map((e) => e.intent))].sort();
    const classOf = new Map(intents.map((intent, i) => [intent, i]));
    const featuriser = NgramFeaturiser.fit(
      examples.map((e) => e.tokens),
      settings,
    );
    const xs = examples.map((e) => featuriser.vectorize(e.tokens));
    const regression = SoftmaxRegression.train(
      xs,
      examples.map((e) => classOf.get(e.intent)!),
      featuriser.size,
      intents.length,
      { l2: settings.l2, epochs: settings.epochs, learningRate: settings.learningRate, seed },
    );
    // As saved (idf rounded, weights pruned and quantised): a loaded copy answers exactly the same.
    return new NgramHead(intents, NgramFeaturiser.fromJSON(featuriser.toJSON(), settings), regression.roundTrip());
  }

  static fromJSON(json: NgramHeadJson, settings: HeadSettings): NgramHead {
    const featuriser = NgramFeaturiser.fromJSON(json.featuriser, settings);
    const regression = SoftmaxRegression.fromJSON(json.regression);
    if (regression.classes !== json.intents.length || regression.features !== featuriser.size) throw new Error('n-gram head: the saved parts do not fit together');
    return new NgramHead(json.intents, featuriser, regression);
  }

  toJSON(): NgramHeadJson {
    return { intents: this.intents, featuriser: this.featuriser.toJSON(), regression: this.regression.toJSON() };
  }

  /** Every trained intent with its probability, best first. */
  classify(tokens: HeadTokens): IntentScore[] {
    const p = this.regression.probabilities(this.featuriser.vectorize(tokens));
    return this.intents.map((intent, c) => ({ intent, score: p[c]! })).sort((a, b) => b.score - a.score);
  }
}
