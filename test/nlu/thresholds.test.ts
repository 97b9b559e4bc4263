import assert from 'node:assert/strict';
import { ACCOUNT_CHANGING_INTENTS } from '../../nlu/intents';
import { answerThreshold, DEFAULT_THRESHOLDS, mergeThresholds, thresholdsSchema, type Thresholds } from '../../nlu/thresholds';
import { loadConfig } from '../../bin/config';

describe('routing: thresholds', () => {
  it('defaults are valid and stricter for every account-changing intent', () => {
    thresholdsSchema.parse(DEFAULT_THRESHOLDS);
    for (const intent of ACCOUNT_CHANGING_INTENTS) assert.ok(answerThreshold(DEFAULT_THRESHOLDS, intent) > DEFAULT_THRESHOLDS.answer, intent);
    assert.equal(answerThreshold(DEFAULT_THRESHOLDS, 'shipping.track'), DEFAULT_THRESHOLDS.answer);
  });

  it('merges an override key by key, perIntent entry by entry', () => {
    const base: Thresholds = { answer: 0.3, perIntent: { 'subscription.cancel': 0.5, 'giftcard.redeem': 0.5 }, clarifyFloor: 0.1, margin: 0.2 };
    assert.equal(mergeThresholds(base, undefined), base);
    assert.deepEqual(mergeThresholds(base, { answer: 0.4, perIntent: { 'subscription.cancel': 0.8 } }), {
      answer: 0.4,
      perIntent: { 'subscription.cancel': 0.8, 'giftcard.redeem': 0.5 },
      clarifyFloor: 0.1,
      margin: 0.2,
    });
  });

  it('rejects overrides that make no sense', () => {
    const base = DEFAULT_THRESHOLDS;
    assert.throws(() => mergeThresholds(base, { clarifyFloor: 0.99, answer: 0.5 }), /clarifyFloor must not exceed answer/);
    assert.throws(() => mergeThresholds(base, { answer: 1.5 }));
  });

  it('reads NLU_THRESHOLDS from config as a validated override', () => {
    const config = loadConfig({}, { NLU_THRESHOLDS: '{"answer":0.6,"perIntent":{"subscription.cancel":0.9}}' });
    assert.deepEqual(config.NLU_THRESHOLDS, { answer: 0.6, perIntent: { 'subscription.cancel': 0.9 } });
    assert.throws(() => loadConfig({}, { NLU_THRESHOLDS: '{"answer":"high"}' }), /NLU_THRESHOLDS/);
    assert.throws(() => loadConfig({}, { NLU_THRESHOLDS: 'not json' }), /NLU_THRESHOLDS: is not valid JSON/);
  });
});
