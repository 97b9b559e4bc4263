import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { containerBootstrap } from '@nlpjs/core';
import { Nlp } from '@nlpjs/nlp';
import { createNlp, DEFAULT_NLPJS_SETTINGS, effectiveNlpSettings, type NlpjsSettings } from '../../nlu/createNlp';
import { NlpjsRecognizer, type LabeledText } from '../../nlu/nlpjsRecognizer';
import { seededShuffle } from '../../nlu/seededShuffle';

const TINY: LabeledText[] = [
  ...['where is my order', 'track my package', 'has my order shipped', 'when will my parcel arrive'].map((text) => ({ text, intent: 'shipping.track' })),
  ...['pause my autoship', 'put my subscription on hold', 'pause deliveries for two weeks', 'hold my autoship'].map((text) => ({ text, intent: 'subscription.pause' })),
  ...['tell me a joke', 'reset my password', 'is chocolate bad for dogs', 'asdf'].map((text) => ({ text, intent: 'none' })),
];

describe('nlu: effective NLP.js settings', () => {
  it('settings given at bootstrap replace NLP.js defaults (the dockStart pitfall): threshold becomes undefined', () => {
    // dockStart({ settings: { nlp } }) registers `nlp` through the same containerBootstrap call.
    const nlp = new Nlp({}, containerBootstrap({ settings: { nlp: { autoSave: false } } }));
    assert.equal(nlp.settings.threshold, undefined);
    assert.equal(nlp.settings.autoLoad, undefined);
    assert.equal(new Nlp({}, containerBootstrap()).settings.threshold, 0.5, 'defaults when nothing replaces them');
  });

  it('createNlp keeps the defaults and sets every option we rely on after construction', () => {
    const s = effectiveNlpSettings(createNlp());
    assert.deepEqual(s.nlp, { threshold: 0.5, autoSave: false, autoLoad: false, calculateSentiment: false, forceNER: false });
    assert.equal(s.nluClass, 'FeatureNlu');
    assert.equal(s.useNoneFeature, true);
    assert.deepEqual(s.features, DEFAULT_NLPJS_SETTINGS.features);
    assert.equal(s.log, false);
    assert.equal(s.network, undefined, 'no network before training');
  });

  it('the trained network runs with our settings, and they survive save and load', async () => {
    const recognizer = await NlpjsRecognizer.train(TINY);
    const trained = recognizer.effectiveSettings();
    const { network } = DEFAULT_NLPJS_SETTINGS;
    assert.ok(trained.network, 'network settings in force');
    for (const key of Object.keys(network) as (keyof typeof network)[]) assert.equal(trained.network[key], network[key], key);
    assert.equal(trained.network.log, false);
    assert.equal((trained.network as Record<string, unknown>).spellCheck, DEFAULT_NLPJS_SETTINGS.spellCheck);
    assert.equal(trained.nlp.threshold, 0.5);

    const dir = await mkdtemp(path.join(tmpdir(), 'paw-model-'));
    try {
      await recognizer.save(dir);
      const loaded = await NlpjsRecognizer.load(dir);
      assert.deepEqual(loaded.effectiveSettings().features, trained.features);
      assert.deepEqual(loaded.effectiveSettings().nlp, trained.nlp);
      assert.equal(loaded.modelVersion, recognizer.modelVersion);
      for (const text of ['where is my parcel', 'hold my deliveries', 'what is the weather']) {
        assert.deepEqual(await loaded.classify(text), await recognizer.classify(text), text);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('custom settings are the ones in force', async () => {
    const custom: NlpjsSettings = { ...DEFAULT_NLPJS_SETTINGS, features: { ...DEFAULT_NLPJS_SETTINGS.features, bigrams: false, l2Norm: 0 }, network: { ...DEFAULT_NLPJS_SETTINGS.network, iterations: 7 } };
    const s = (await NlpjsRecognizer.train(TINY, { settings: custom })).effectiveSettings();
    assert.deepEqual(s.features, custom.features);
    assert.equal(s.network?.iterations, 7);
  });

  it('training is deterministic for a seed, and the seed (training order) matters', async () => {
    const a = await NlpjsRecognizer.train(TINY, { seed: 1 });
    const b = await NlpjsRecognizer.train(TINY, { seed: 1 });
    const c = await NlpjsRecognizer.train(TINY, { seed: 2 });
    assert.equal(a.metadata.modelHash, b.metadata.modelHash);
    assert.notEqual(a.metadata.modelHash, c.metadata.modelHash);
    assert.match(a.modelVersion, /^\d{8}T\d{6}-[0-9a-f]{12}$/);
  });

  it('seededShuffle is a deterministic permutation that leaves its input alone', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const once = seededShuffle(items, 42);
    assert.deepEqual(seededShuffle(items, 42), once);
    assert.notDeepEqual(seededShuffle(items, 43), once);
    assert.notDeepEqual(once, items);
    assert.deepEqual([...once].sort((x, y) => x - y), items);
    assert.deepEqual(items, Array.from({ length: 50 }, (_, i) => i));
  });
});
