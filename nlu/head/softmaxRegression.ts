import { mulberry32 } from '../seededShuffle';
import type { SparseVector } from './sparseVector';

/** Training settings of {@link SoftmaxRegression}. */
export interface SoftmaxTrainOptions {
  /** L2 penalty per example (λ). */
  l2: number;
  epochs: number;
  /** First step size; it decays linearly to 0 over the run. */
  learningRate: number;
  seed: number;
}

/** A trained model as saved: weights quantised to 16 bits, only those that matter (see {@link SoftmaxRegression.toJSON}). */
export interface SoftmaxRegressionJson {
  features: number;
  classes: number;
  bias: number[];
  /** Largest absolute weight: a stored int16 `q` means `q / 32767 * scale`. */
  scale: number;
  /** Base64 of the gaps between kept flat positions (feature · classes + class), as LEB128 varints. */
  positions: string;
  /** Base64 of the little-endian int16 quantised weights, in the order of `positions`. */
  weights: string;
}

// A gradient this small moves no weight visibly: skip its class (most classes after a few epochs).
const ACTIVE_GRADIENT = 1e-4;
// Weights under 1/512 of the largest move no probability visibly (HWU64's validation split
// scores the same); dropping them keeps the model file a fraction of the dense matrix.
const PRUNE = 1 / 512;

/**
 * Multinomial logistic regression (softmax, L2) over sparse vectors, trained by SGD with a
 * decaying step. The L2 shrinkage is a lazy global scale (the weights are multiplied by `scale`
 * instead of each being shrunk every step), so one step costs only the example's non-zeros.
 */
export class SoftmaxRegression {
  private constructor(
    readonly features: number,
    readonly classes: number,
    /** Row-major by feature: `weights[f * classes + c]`. */
    private readonly weights: Float32Array,
    private readonly bias: Float64Array,
  ) {}

  static train(xs: readonly SparseVector[], ys: readonly number[], features: number, classes: number, o: SoftmaxTrainOptions): SoftmaxRegression {
    const C = classes;
    const w = new Float64Array(features * C);
    const bias = new Float64Array(C);
    const z = new Float64Array(C);
    const active = new Int32Array(C);
    const random = mulberry32(o.seed);
    const order = Array.from(xs, (_, i) => i);
    let scale = 1;
    let t = 0;
    const total = o.epochs * xs.length;
    for (let epoch = 0; epoch < o.epochs; epoch += 1) {
      for (let i = order.length - 1; i > 0; i -= 1) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const n of order) {
        const { indices, values } = xs[n]!;
        const y = ys[n]!;
        // Linear decay to 0 over the run: big steps first, then settling (a constant step never does).
        const eta = o.learningRate * (1 - t / total);
        t += 1;
        z.set(bias);
        for (let k = 0; k < indices.length; k += 1) {
          const base = indices[k]! * C;
          const v = values[k]! * scale;
          for (let c = 0; c < C; c += 1) z[c] += v * w[base + c]!;
        }
        softmaxInPlace(z);
        z[y] -= 1;
        let nActive = 0;
        for (let c = 0; c < C; c += 1) if (Math.abs(z[c]!) > ACTIVE_GRADIENT) active[nActive++] = c;
        scale *= 1 - eta * o.l2;
        if (nActive > 0) {
          for (let k = 0; k < indices.length; k += 1) {
            const base = indices[k]! * C;
            const step = (eta * values[k]!) / scale;
            for (let a = 0; a < nActive; a += 1) {
              const c = active[a]!;
              w[base + c] -= step * z[c]!;
            }
          }
          for (let a = 0; a < nActive; a += 1) bias[active[a]!] -= eta * z[active[a]!]!;
        }
        if (scale < 1e-9) {
          for (let k = 0; k < w.length; k += 1) w[k] *= scale;
          scale = 1;
        }
      }
    }
    const weights = new Float32Array(w.length);
    for (let k = 0; k < w.length; k += 1) weights[k] = w[k]! * scale;
    return new SoftmaxRegression(features, classes, weights, bias);
  }

  /** Class probabilities (summing to 1) of one vector. */
  probabilities(x: SparseVector): Float64Array {
    const C = this.classes;
    const z = Float64Array.from(this.bias);
    for (let k = 0; k < x.indices.length; k += 1) {
      const f = x.indices[k]!;
      if (f >= this.features) continue;
      const base = f * C;
      const v = x.values[k]!;
      for (let c = 0; c < C; c += 1) z[c] += v * this.weights[base + c]!;
    }
    return softmaxInPlace(z);
  }

  /**
   * Only weights of at least 1/4096 of the largest are kept, quantised to 16 bits: a few
   * percent of the dense matrix (most feature × class pairs were never pushed away from 0).
   */
  toJSON(): SoftmaxRegressionJson {
    let max = 0;
    for (const v of this.weights) max = Math.max(max, Math.abs(v));
    const cut = max * PRUNE;
    const gaps: number[] = [];
    const quantised: number[] = [];
    let last = 0;
    this.weights.forEach((v, k) => {
      if (Math.abs(v) < cut || v === 0) return;
      gaps.push(k - last);
      last = k;
      quantised.push(Math.round((v / max) * 32767));
    });
    return {
      features: this.features,
      classes: this.classes,
      bias: Array.from(this.bias, (b) => Math.round(b * 1e6) / 1e6),
      scale: max,
      positions: Buffer.from(encodeVarints(gaps)).toString('base64'),
      weights: Buffer.from(Int16Array.from(quantised).buffer).toString('base64'),
    };
  }

  static fromJSON(json: SoftmaxRegressionJson): SoftmaxRegression {
    const gaps = decodeVarints(Buffer.from(json.positions, 'base64'));
    const quantised = typedFromBase64(json.weights, Int16Array);
    if (gaps.length !== quantised.length || json.bias.length !== json.classes) throw new Error('softmax regression: the saved weights are inconsistent');
    const weights = new Float32Array(json.features * json.classes);
    let k = 0;
    gaps.forEach((gap, i) => {
      k += gap;
      if (k >= weights.length) throw new Error('softmax regression: a saved weight lies outside the matrix');
      weights[k] = (quantised[i]! / 32767) * json.scale;
    });
    return new SoftmaxRegression(json.features, json.classes, weights, Float64Array.from(json.bias));
  }

  /** A copy with the weights as saved (pruned and quantised): what a loaded model computes. */
  roundTrip(): SoftmaxRegression {
    return SoftmaxRegression.fromJSON(this.toJSON());
  }
}

function softmaxInPlace(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let c = 0; c < z.length; c += 1) {
    z[c] = Math.exp(z[c]! - max);
    sum += z[c]!;
  }
  for (let c = 0; c < z.length; c += 1) z[c] /= sum;
  return z;
}

/** Unsigned LEB128: 7 bits a byte, high bit = more bytes follow (most gaps fit in one byte). */
function encodeVarints(xs: readonly number[]): Uint8Array {
  const out: number[] = [];
  for (let x of xs) {
    while (x >= 0x80) {
      out.push((x & 0x7f) | 0x80);
      x = Math.floor(x / 128);
    }
    out.push(x);
  }
  return Uint8Array.from(out);
}

function decodeVarints(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let x = 0;
  let shift = 1;
  for (const b of bytes) {
    x += (b & 0x7f) * shift;
    if (b & 0x80) shift *= 128;
    else {
      out.push(x);
      x = 0;
      shift = 1;
    }
  }
  if (shift !== 1) throw new Error('softmax regression: the saved positions end mid-number');
  return out;
}

function typedFromBase64<T extends Int16Array>(b64: string, Kind: { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number }): T {
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length % Kind.BYTES_PER_ELEMENT !== 0) throw new Error('softmax regression: a saved array has a partial element');
  // Copied into a fresh buffer: Node's pooled Buffers may start at an unaligned offset.
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return new Kind(copy);
}
