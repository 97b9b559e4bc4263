import type { NlpjsContainer } from '@nlpjs/core';
import { NluNeural, type NluPrepareInput } from '@nlpjs/nlu';

/** How an utterance becomes the input of NLP.js's neural network. */
export interface FeatureSettings {
  /** Adjacent stems as extra features ("track_order"): word order matters ("cancel order" vs "order cancel…"). */
  bigrams: boolean;
  /** Start/end markers joined to the first and last stems ("<s>_where"): how a message opens says a lot. */
  boundaries: boolean;
  /**
   * Scale each feature vector to this Euclidean length (0 keeps NLP.js's binary 1s). Long
   * messages then stop out-voting short ones, and SGD steps are the same size for every example.
   */
  l2Norm: number;
  /** Letters repeated 3+ times collapse to one ("hiii", "heyyy", "pleeease"): elongation is emphasis, not a new word. */
  squeezeRepeats: boolean;
  /** Tokens with digits become a shape (`_code` for "ps-10042", `_card`, `_num`, `_money`, `_nth`) instead of an unknown word. */
  digitShapes: boolean;
}

export const FEATURE_NLU_CLASS = 'FeatureNlu';
/**
 * Bump whenever the featurisation code changes meaning: saved models record it, and
 * `loadOrTrain` retrains a model made by another version instead of serving it.
 */
// 3: model.nlp became a bundle of NLP.js's network and the n-gram head (nlu/head/modelBundle.ts).
export const FEATURE_PIPELINE_VERSION = 3;
const MEMO_LIMIT = 20_000;

/**
 * NLP.js's `NeuralNlu` with a richer feature set (see {@link FeatureSettings}). Tokenising,
 * normalising and stemming are NLP.js's own (English); only the features built from the stems
 * differ. The settings travel inside the saved model, so a loaded model featurises the way it
 * was trained.
 */
export class FeatureNlu extends NluNeural {
  private readonly memo = new Map<string, Record<string, number>>();

  override async defaultPipelinePrepare(input: NluPrepareInput): Promise<Record<string, number>> {
    const text = input.text ?? input.utterance ?? '';
    let features = this.memo.get(text);
    if (!features) {
      features = await this.featurise(text, this.featureSettings());
      // Bounded: a long-running bot sees endless distinct messages.
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      this.memo.set(text, features);
    }
    // NLP.js may write into what it gets; hand out copies.
    return { ...features };
  }

  /**
   * NLP.js squares and normalises the network's outputs so they sum to 1: a weak match with no
   * competitor scores 1.0. Keep each intent's raw activation beside it (`raw`) as a second signal.
   */
  override normalizeClassifications(input: { classifications?: { intent: string; score: number; raw?: number }[] }): unknown {
    for (const c of input.classifications ?? []) c.raw = c.score;
    return super.normalizeClassifications(input);
  }

  override fromJSON(json: Record<string, any>): void {
    super.fromJSON(json);
    // NLP.js's fromJSON only fills settings that are unset: the model's own features win.
    if (json.settings?.features) this.settings.features = json.settings.features;
    this.memo.clear();
  }

  private featureSettings(): FeatureSettings {
    return { ...DEFAULT_FEATURES, ...this.settings.features };
  }

  private async featurise(text: string, f: FeatureSettings): Promise<Record<string, number>> {
    const { stems } = await nlpjsTokens(this.container, text, f, this.settings);
    const out: Record<string, number> = {};
    for (const s of stems) out[s] = 1;
    if (stems.length > 0) {
      if (f.boundaries) {
        out[`<s>_${stems[0]}`] = 1;
        out[`${stems.at(-1)}_</s>`] = 1;
      }
      if (f.bigrams) for (let i = 0; i + 1 < stems.length; i += 1) out[`${stems[i]}_${stems[i + 1]}`] = 1;
    }
    if (f.l2Norm > 0) {
      const keys = Object.keys(out);
      const v = f.l2Norm / Math.sqrt(keys.length || 1);
      for (const k of keys) out[k] = v;
    }
    return out;
  }
}

export const DEFAULT_FEATURES: FeatureSettings = { bigrams: true, boundaries: true, l2Norm: 2, squeezeRepeats: true, digitShapes: true };

const CARD_LIKE = /(?<![\d-])\d{4}([ -]?)\d{4}\1\d{4}\1\d{4}(?![\d-])/g;

/** A message as NLP.js reads it: normalised tokens (digit shapes applied) and their stems, one for one. */
export interface NlpjsTokens {
  tokens: string[];
  stems: string[];
}

/**
 * NLP.js's English normaliser, tokeniser and stemmer over `text`, with the repeat squeezing and
 * digit shapes of `f`: what the network's features are built from, and what the n-gram head reads.
 */
export async function nlpjsTokens(c: NlpjsContainer, text: string, f: FeatureSettings, settings: Record<string, unknown> = {}): Promise<NlpjsTokens> {
  let squeezed = f.squeezeRepeats ? text.replace(/(\p{L})\1{2,}/gu, '$1') : text;
  // A grouped card number ("1234 5678 9012 3456") is one thing, not four numbers.
  if (f.digitShapes) squeezed = squeezed.replace(CARD_LIKE, (m) => m.replace(/[ -]/g, ''));
  let io: { locale: string; text: string; tokens?: string[]; settings: Record<string, unknown> } = { locale: 'en', text: squeezed, settings };
  io = c.get('normalize').run(io);
  io = await c.get('tokenize').run(io);
  let tokens = (io.tokens ?? []).slice();
  io = await c.get('stem').run(io);
  let stems = (io.tokens ?? []) as string[];
  // The stemmer maps token to stem one for one; shapes are read from the unstemmed token.
  const aligned = stems.length === tokens.length;
  if (f.digitShapes) {
    const unstemmed = aligned ? tokens : stems;
    stems = stems.map((s, i) => digitShape(unstemmed[i]!) ?? s);
    tokens = tokens.map((t) => digitShape(t) ?? t);
  }
  return { tokens: aligned ? tokens : stems, stems };
}

function digitShape(token: string): string | undefined {
  if (!/\d/.test(token)) return undefined;
  if (/^\d{12,19}$/.test(token)) return '_card';
  if (/^[$€£]/.test(token)) return '_money';
  if (/^[a-z]{1,4}-?#?\d{3,}$/.test(token)) return '_code';
  if (/^\d+(st|nd|rd|th)$/.test(token)) return '_nth';
  return '_num';
}
