import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { DEFAULT_NLPJS_SETTINGS } from '../../nlu/createNlp';
import { METADATA_FILE, MODEL_FILE, NlpjsRecognizer, type LabeledText } from '../../nlu/nlpjsRecognizer';
import { blendScores } from '../../nlu/head/blendScores';
import { DEFAULT_HEAD_SETTINGS } from '../../nlu/head/headSettings';
import { MODEL_BUNDLE_FORMAT, readModelBundle } from '../../nlu/head/modelBundle';
import { NgramFeaturiser } from '../../nlu/head/ngramFeaturiser';
import { variantSettings } from '../../nlu/head/recognizerVariants';
import { SoftmaxRegression } from '../../nlu/head/softmaxRegression';
import type { SparseVector } from '../../nlu/head/sparseVector';
import { loadOrTrain } from '../../training/trainModel';

const TINY: LabeledText[] = [
  ...['where is my order', 'track my package', 'has my order shipped', 'when will my parcel arrive', 'order status please'].map((text) => ({ text, intent: 'shipping.track' })),
  ...['pause my autoship', 'put my subscription on hold', 'pause deliveries for two weeks', 'hold my autoship', 'pause it for now'].map((text) => ({ text, intent: 'subscription.pause' })),
  ...['tell me a joke', 'reset my password', 'is chocolate bad for dogs', 'asdf', 'what is the weather'].map((text) => ({ text, intent: 'none' })),
];

const sparse = (pairs: [number, number][]): SparseVector => ({ indices: Uint32Array.from(pairs, ([i]) => i), values: Float64Array.from(pairs, ([, v]) => v) });

describe('nlu: n-gram head', function () {
  this.timeout(60_000);

  it('featurises word n-grams of the stems and character n-grams inside word boundaries, each block of length 1/√2', () => {
    const settings = { ...DEFAULT_HEAD_SETTINGS, charNgrams: [2, 3] as [number, number] };
    const docs = [
      { tokens: ['pause', 'my', 'autoship'], stems: ['paus', 'my', 'autoship'] },
      { tokens: ['track', 'my', 'order'], stems: ['track', 'my', 'order'] },
    ];
    const f = NgramFeaturiser.fit(docs, settings);
    const terms = f.toJSON().terms;
    for (const t of ['wpaus', 'wpaus my', 'w<s> paus', 'wautoship </s>', 'c p', 'cpa', 'cip ', 'cmy ']) assert.ok(terms.includes(t), t);
    assert.ok(!terms.includes('w<s>'), 'markers alone are no feature');
    const v = f.vectorize(docs[0]!);
    const norm = (block: string) => Math.sqrt([...v.indices].reduce((s, i, k) => s + (terms[i]!.startsWith(block) ? v.values[k]! ** 2 : 0), 0));
    assert.ok(Math.abs(norm('w') - Math.SQRT1_2) < 1e-9 && Math.abs(norm('c') - Math.SQRT1_2) < 1e-9);
    // "my" is in both documents: a lower idf than "paus", which only the first has.
    const weight = (term: string) => v.values[[...v.indices].indexOf(terms.indexOf(term))]!;
    assert.ok(weight('wmy') < weight('wpaus'));
    assert.equal(f.vectorize({ tokens: ['zzz'], stems: ['zzz'] }).indices.length, 0, 'unknown n-grams are ignored');
  });

  it('softmax regression learns a separable problem, gives probabilities, and saves and loads them unchanged', () => {
    const xs = [sparse([[0, 1]]), sparse([[1, 1]]), sparse([[2, 1]]), sparse([[0, 0.7], [3, 0.7]]), sparse([[1, 0.7], [3, 0.7]])];
    const ys = [0, 1, 2, 0, 1];
    const model = SoftmaxRegression.train(xs, ys, 4, 3, { l2: 1e-4, epochs: 60, learningRate: 1, seed: 1 });
    xs.forEach((x, i) => {
      const p = model.probabilities(x);
      assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-9, 'sums to 1');
      assert.equal(p.indexOf(Math.max(...p)), ys[i], `example ${i}`);
    });
    const copy = SoftmaxRegression.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    const again = copy.roundTrip();
    for (const x of xs) assert.deepEqual(again.probabilities(x), copy.probabilities(x));
    const json = model.toJSON();
    assert.throws(() => SoftmaxRegression.fromJSON({ ...json, positions: Buffer.from([0x80]).toString('base64') }), /mid-number|inconsistent/);
  });

  it('blends the head with NLP.js by weight, best first', () => {
    const blended = blendScores(
      [{ intent: 'a', score: 0.6 }, { intent: 'b', score: 0.4 }],
      [{ intent: 'b', score: 1 }],
      0.5,
    );
    assert.deepEqual(blended, [{ intent: 'b', score: 0.7 }, { intent: 'a', score: 0.3 }]);
  });

  for (const variant of ['head', 'ensemble', 'nlpjs'] as const) {
    it(`the ${variant} variant classifies, and a saved copy answers exactly the same`, async () => {
      const recognizer = await NlpjsRecognizer.train(TINY, { settings: variantSettings(variant) });
      const dir = await mkdtemp(path.join(tmpdir(), 'paw-head-'));
      try {
        await recognizer.save(dir);
        const bundle = readModelBundle(await readFile(path.join(dir, MODEL_FILE), 'utf8'), MODEL_FILE);
        assert.equal(bundle.head === null, variant === 'nlpjs');
        assert.equal(bundle.nlpjs === null, variant === 'head');
        const loaded = await NlpjsRecognizer.load(dir);
        for (const [text, intent] of [['where is my parcel', 'shipping.track'], ['hold my deliveries please', 'subscription.pause']]) {
          const got = await loaded.classify(text!);
          assert.equal(got.intent, intent, JSON.stringify(got));
          assert.ok(got.score > 0 && got.score <= 1);
          assert.deepEqual(got, await recognizer.classify(text!), text);
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }

  it('a model of the format before the head (NLP.js export alone) is refused, and loadOrTrain retrains it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'paw-old-'));
    try {
      const corpus = path.join(dir, 'corpus.tsv');
      await writeFile(corpus, `text\tintent\n${TINY.map((e) => `${e.text}\t${e.intent}`).join('\n')}\n`);
      const modelDir = path.join(dir, 'model');
      const first = await loadOrTrain(modelDir, corpus, { folds: 0 });
      assert.equal(first.trained, true);
      // Rewrite the saved model as the previous release wrote it: NLP.js's export alone, hash matching.
      const old = JSON.stringify({ settings: {}, nluManager: {} });
      const metadata = JSON.parse(await readFile(path.join(modelDir, METADATA_FILE), 'utf8')) as Record<string, unknown>;
      await writeFile(path.join(modelDir, MODEL_FILE), old);
      await writeFile(path.join(modelDir, METADATA_FILE), JSON.stringify({ ...metadata, modelHash: createHash('sha256').update(old).digest('hex') }));
      await assert.rejects(NlpjsRecognizer.load(modelDir), new RegExp(`older model format .*${MODEL_BUNDLE_FORMAT}: retrain`));
      const messages: string[] = [];
      const again = await loadOrTrain(modelDir, corpus, { folds: 0, onProgress: (m) => messages.push(m) });
      assert.equal(again.trained, true);
      assert.ok(messages.some((m) => m.includes('older model format')), messages.join('\n'));
      assert.equal((await NlpjsRecognizer.load(modelDir)).metadata.settings.head?.nlpjsWeight, DEFAULT_NLPJS_SETTINGS.head?.nlpjsWeight);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
