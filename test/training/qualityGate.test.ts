import assert from 'node:assert/strict';
import type { Scorecard } from '../../nlu/models/modelRegistry';
import { qualityGate } from '../../training/qualityGate';

const card = (inScopeAccuracy: number, perIntentF1: Record<string, number>, testSetHash = 'h'): Scorecard => ({ testSetHash, testRows: 100, inScopeAccuracy, oosRecall: 0.9, oosPrecision: 0.9, macroF1: 0.9, perIntentF1 });
const policy = { minAccuracy: 0.85, maxF1Drop: 0.05 };

describe('quality gate', () => {
  it('passes a model at least as good as the active one', () => {
    const v = qualityGate(card(0.9, { a: 0.9, b: 0.88 }), card(0.9, { a: 0.9, b: 0.9 }), policy);
    assert.equal(v.passed, true);
    assert.deepEqual(v.reasons, []);
    assert.deepEqual(v.f1Changes.find((c) => c.label === 'b'), { label: 'b', active: 0.9, candidate: 0.88, change: -0.02 });
  });

  it('refuses, with every reason, accuracy below the floor and an intent whose F1 drops too much', () => {
    const v = qualityGate(card(0.8, { a: 0.7, b: 0.9 }), card(0.95, { a: 0.9, b: 0.9, c: 0.8 }), policy);
    assert.equal(v.passed, false);
    assert.equal(v.reasons.length, 3);
    assert.match(v.reasons[0]!, /in-scope accuracy 80\.0 % is below the floor of 85\.0 %/);
    assert.match(v.reasons[1]!, /F1 of a drops from 0\.900 to 0\.700/);
    assert.match(v.reasons[2]!, /F1 of c drops from 0\.800 to 0\.000/, 'an intent the candidate lost counts as F1 0');
  });

  it('allows a drop of exactly the margin, and refuses unevaluated or incomparable models', () => {
    assert.equal(qualityGate(card(0.9, { a: 0.85 }), card(0.9, { a: 0.9 }), policy).passed, true);
    assert.deepEqual(qualityGate(undefined, card(0.9, {}), policy).reasons, ['the model has not been evaluated on a test set']);
    assert.match(qualityGate(card(0.9, {}), card(0.9, {}, 'other'), policy).reasons[0]!, /different test set/);
    assert.equal(qualityGate(card(0.9, { a: 0.1 }), undefined, policy).passed, true, 'the first model only needs the floor');
  });
});
