import type { HeadSettings } from './headSettings';
import type { SparseVector } from './sparseVector';

/** What the featuriser reads of a message: NLP.js's normalised tokens and their stems. */
export interface HeadTokens {
  tokens: readonly string[];
  stems: readonly string[];
}

/** A fitted featuriser as saved in the model. */
export interface NgramFeaturiserJson {
  terms: string[];
  idf: number[];
}

type FeaturiserSettings = Pick<HeadSettings, 'wordNgrams' | 'charNgrams' | 'boundaries' | 'sublinearTf' | 'minDf'>;

/**
 * TF-IDF over word n-grams of the stems and character n-grams of the tokens (each token padded
 * with spaces, as scikit-learn's `char_wb`). The two blocks are L2-normalised separately and
 * weigh the same, so long words do not drown the word features.
 */
export class NgramFeaturiser {
  private readonly index: Map<string, number>;

  private constructor(
    private readonly settings: FeaturiserSettings,
    private readonly terms: string[],
    private readonly idf: Float64Array,
  ) {
    this.index = new Map(terms.map((t, i) => [t, i]));
  }

  /** Number of features. */
  get size(): number {
    return this.terms.length;
  }

  /** Learns the vocabulary and smoothed idf, ln((1 + n) / (1 + df)) + 1, from training messages. */
  static fit(docs: readonly HeadTokens[], settings: FeaturiserSettings): NgramFeaturiser {
    const df = new Map<string, number>();
    for (const d of docs) for (const t of new Set(terms(d, settings))) df.set(t, (df.get(t) ?? 0) + 1);
    const kept = [...df].filter(([, n]) => n >= settings.minDf).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const n = docs.length;
    return new NgramFeaturiser(
      settings,
      kept.map(([t]) => t),
      Float64Array.from(kept, ([, k]) => Math.log((1 + n) / (1 + k)) + 1),
    );
  }

  static fromJSON(json: NgramFeaturiserJson, settings: FeaturiserSettings): NgramFeaturiser {
    if (json.terms.length !== json.idf.length) throw new Error('n-gram featuriser: terms and idf differ in length');
    return new NgramFeaturiser(settings, json.terms, Float64Array.from(json.idf));
  }

  toJSON(): NgramFeaturiserJson {
    return { terms: this.terms, idf: Array.from(this.idf, (x) => Math.round(x * 1e6) / 1e6) };
  }

  /** The message's TF-IDF vector; n-grams outside the vocabulary are ignored. */
  vectorize(doc: HeadTokens): SparseVector {
    const counts = new Map<number, number>();
    for (const t of terms(doc, this.settings)) {
      const i = this.index.get(t);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const indices = Uint32Array.from(counts.keys()).sort();
    const values = new Float64Array(indices.length);
    // Two blocks: words ("w…") and characters ("c…"), each scaled to length 1/√2.
    const norms = [0, 0];
    const block = (i: number) => (this.terms[i]!.charCodeAt(0) === 119 ? 0 : 1);
    indices.forEach((i, k) => {
      const tf = counts.get(i)!;
      const v = (this.settings.sublinearTf ? 1 + Math.log(tf) : tf) * this.idf[i]!;
      values[k] = v;
      norms[block(i)] += v * v;
    });
    const scale = norms.map((n) => (n > 0 ? Math.SQRT1_2 / Math.sqrt(n) : 0));
    indices.forEach((i, k) => (values[k] = values[k]! * scale[block(i)]!));
    return { indices, values };
  }
}

/** Every n-gram of a message, with repeats (term frequency); words start with "w", characters with "c". */
function terms(doc: HeadTokens, s: FeaturiserSettings): string[] {
  const out: string[] = [];
  const words = s.boundaries && doc.stems.length > 0 ? ['<s>', ...doc.stems, '</s>'] : doc.stems;
  for (let n = 1; n <= s.wordNgrams; n += 1) {
    for (let i = 0; i + n <= words.length; i += 1) {
      const gram = words.slice(i, i + n);
      // The markers alone say nothing: only as part of a longer n-gram.
      if (n === 1 && (gram[0] === '<s>' || gram[0] === '</s>')) continue;
      out.push(`w${gram.join(' ')}`);
    }
  }
  const [min, max] = s.charNgrams;
  if (min > 0) {
    for (const token of doc.tokens) {
      const padded = ` ${token} `;
      for (let n = min; n <= max; n += 1) {
        for (let i = 0; i + n <= padded.length; i += 1) out.push(`c${padded.slice(i, i + n)}`);
        if (n >= padded.length) break;
      }
    }
  }
  return out;
}
