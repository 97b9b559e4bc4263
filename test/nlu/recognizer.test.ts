import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IN_SCOPE_INTENTS, NONE_INTENT } from '../../nlu/intents';
import { MODEL_FILE, NlpjsRecognizer } from '../../nlu/nlpjsRecognizer';
import type { Recognition } from '../../nlu/recognizer';
import { loadOrTrain } from '../../training/trainModel';
import { trainedModel } from './trainedModel';

const NOW = new Date(2025, 0, 15, 12);

describe('nlu: recognizer', function () {
  this.timeout(60_000);

  const check = (r: Recognition) => {
    assert.ok(r.score >= 0 && r.score <= 1, `score ${r.score}`);
    assert.ok(r.ranking.length >= 1 && r.ranking.length <= 5, 'top 5');
    assert.equal(r.ranking[0]!.intent, r.intent);
    for (let i = 1; i < r.ranking.length; i += 1) assert.ok(r.ranking[i - 1]!.score >= r.ranking[i]!.score, 'best first');
    assert.equal(new Set(r.ranking.map((x) => x.intent)).size, r.ranking.length, 'no intent twice');
  };

  it('recognises intent and entities together, dates against the given reference date', async () => {
    const { recognizer } = (await trainedModel()).model;
    const r = await recognizer.recognize('pause my dog food autoship until March 3rd', { now: NOW });
    check(r);
    assert.equal(r.intent, 'subscription.pause');
    assert.deepEqual(r.entities.map((e) => [e.type, e.value]), [['date', '2025-03-03']]);
    assert.equal(r.text, 'pause my dog food autoship until March 3rd');
  });

  const EXAMPLES: [string, string][] = [
    ['where is my order PS-10042', 'shipping.track'],
    ['my package says delivered but it is not here', 'shipping.problem'],
    ["what's left on my gift card 1234 5678 9012 3456 pin 4321", 'giftcard.balance'],
    ['how many points do i have', 'rewards.balance'],
    ['skip my next delivery', 'subscription.skip'],
    ['i want to talk to a human', 'agent.request'],
    ['asdf qwer zxcv', NONE_INTENT],
    ['how do i reset my password', NONE_INTENT],
  ];
  for (const [text, intent] of EXAMPLES) {
    it(`"${text}" → ${intent}`, async () => {
      const r = await (await trainedModel()).model.recognizer.recognize(text, { now: NOW });
      check(r);
      assert.equal(r.intent, intent, JSON.stringify(r.ranking));
    });
  }

  it('knows every intent and none; empty text is out of scope', async () => {
    const { model } = await trainedModel();
    assert.deepEqual(model.metadata.intents, [...IN_SCOPE_INTENTS, NONE_INTENT].sort());
    const r = await model.recognizer.recognize('   ');
    assert.equal(r.intent, NONE_INTENT);
    assert.deepEqual(r.entities, []);
  });

  it('uses its clock when no reference date is given', async () => {
    const recognizer = await NlpjsRecognizer.train([{ text: 'hi', intent: 'greeting' }, { text: 'bye', intent: 'goodbye' }], { clock: () => NOW });
    const r = await recognizer.recognize('hi, see you tomorrow');
    assert.deepEqual(r.entities.map((e) => [e.type, e.value]), [['date', '2025-01-16']]);
    const later = await recognizer.recognize('hi, see you tomorrow', { now: new Date(2025, 5, 1, 12) });
    assert.deepEqual(later.entities.map((e) => e.value), ['2025-06-02']);
  });

  describe('loadOrTrain', () => {
    let dir: string;
    const corpus = (extra = '') =>
      JSON.stringify({
        locale: 'en-US',
        data: [
          { intent: 'shipping.track', utterances: ['where is my order', 'track my package', 'has my order shipped', 'when will it arrive', 'order status'] },
          { intent: 'subscription.pause', utterances: ['pause my autoship', 'put my subscription on hold', 'hold my deliveries', 'pause it for two weeks', `stop sending for now${extra}`] },
          { intent: 'None', utterances: ['tell me a joke', 'reset my password', 'is chocolate bad for dogs', 'what time is it', 'asdf'] },
        ],
      });
    before(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'paw-lot-'));
      await writeFile(path.join(dir, 'corpus.json'), corpus());
    });
    after(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('trains and saves when the model is missing, then loads it as it is', async () => {
      const modelDir = path.join(dir, 'model');
      const first = await loadOrTrain(modelDir, path.join(dir, 'corpus.json'), { folds: 2 });
      assert.equal(first.trained, true);
      assert.ok(first.metadata.corpusHash && first.metadata.thresholds && first.metadata.calibration);
      const again = await loadOrTrain(modelDir, path.join(dir, 'corpus.json'), { folds: 2 });
      assert.equal(again.trained, false);
      assert.equal(again.recognizer.modelVersion, first.recognizer.modelVersion);
      assert.deepEqual(again.thresholds, first.thresholds);
    });

    it('retrains when the corpus changed or the model file was tampered with', async () => {
      const modelDir = path.join(dir, 'model');
      const before = await loadOrTrain(modelDir, path.join(dir, 'corpus.json'), { folds: 2 });
      await writeFile(path.join(dir, 'corpus.json'), corpus(' please'));
      const changed = await loadOrTrain(modelDir, path.join(dir, 'corpus.json'), { folds: 2 });
      assert.equal(changed.trained, true);
      assert.notEqual(changed.metadata.corpusHash, before.metadata.corpusHash);
      await writeFile(path.join(modelDir, MODEL_FILE), '{"tampered":true}');
      const messages: string[] = [];
      const repaired = await loadOrTrain(modelDir, path.join(dir, 'corpus.json'), { folds: 2, onProgress: (m) => messages.push(m) });
      assert.equal(repaired.trained, true);
      assert.ok(messages.some((m) => m.includes('does not match its metadata')), messages.join('\n'));
    });

    it('applies a thresholds override over the calibrated ones', async () => {
      const m = await loadOrTrain(path.join(dir, 'model'), path.join(dir, 'corpus.json'), { folds: 2, thresholdsOverride: { margin: 0.33, perIntent: { 'subscription.pause': 0.9 } } });
      assert.equal(m.thresholds.margin, 0.33);
      assert.equal(m.thresholds.perIntent['subscription.pause'], 0.9);
      assert.equal(m.thresholds.answer, m.metadata.thresholds!.answer);
    });
  });
});
