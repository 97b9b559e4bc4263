import assert from 'node:assert/strict';
import type { IntentScore } from '../../../nlu/recognizer';
import { decide, type Decision } from '../../../bot/routing/decide';
import { describeDecision } from '../../../bot/routing/describeDecision';
import type { Thresholds } from '../../../nlu/thresholds';

const T: Thresholds = { answer: 0.5, perIntent: { 'subscription.cancel': 0.7 }, clarifyFloor: 0.2, margin: 0.1 };

const r = (...ranking: [string, number][]) => {
  const list: IntentScore[] = ranking.map(([intent, score]) => ({ intent, score }));
  return { intent: list[0]!.intent, score: list[0]!.score, ranking: list };
};

const CASES: [name: string, recognition: ReturnType<typeof r>, fallbacks: number, expected: Decision][] = [
  ['confident → answer', r(['shipping.track', 0.9], ['shipping.problem', 0.05]), 0, { kind: 'answer', intent: 'shipping.track' }],
  ['confident after a fallback → still answer', r(['shipping.track', 0.9]), 1, { kind: 'answer', intent: 'shipping.track' }],
  ['exactly at the threshold → answer', r(['shipping.track', 0.5], ['shipping.problem', 0.4]), 0, { kind: 'answer', intent: 'shipping.track' }],
  ['agent.request, confident → hand off', r(['agent.request', 0.8], ['help', 0.1]), 0, { kind: 'handoff', reason: 'asked_for_agent' }],
  ['agent.request, unsure → clarify', r(['agent.request', 0.4], ['help', 0.2]), 0, { kind: 'clarify', candidates: ['agent.request', 'help'] }],
  ['out of scope → fallback', r(['none', 0.9], ['shipping.track', 0.05]), 0, { kind: 'fallback' }],
  ['out of scope twice in a row → hand off', r(['none', 0.9]), 1, { kind: 'handoff', reason: 'not_understood_twice' }],
  ['below the clarify floor → fallback', r(['shipping.track', 0.15], ['shipping.problem', 0.1]), 0, { kind: 'fallback' }],
  ['below the clarify floor, second time → hand off', r(['shipping.track', 0.15], ['shipping.problem', 0.1]), 2, { kind: 'handoff', reason: 'not_understood_twice' }],
  ['runner-up within the margin → clarify top two', r(['shipping.track', 0.6], ['shipping.problem', 0.55]), 0, { kind: 'clarify', candidates: ['shipping.track', 'shipping.problem'] }],
  [
    'between floor and threshold → clarify top three in scope (none skipped)',
    r(['shipping.track', 0.4], ['none', 0.3], ['shipping.problem', 0.1], ['subscription.list', 0.05], ['giftcard.balance', 0.01]),
    0,
    { kind: 'clarify', candidates: ['shipping.track', 'shipping.problem', 'subscription.list'] },
  ],
  ['account change above global but below its own threshold → clarify', r(['subscription.cancel', 0.65], ['subscription.pause', 0.1]), 0, { kind: 'clarify', candidates: ['subscription.cancel', 'subscription.pause'] }],
  ['account change above its own threshold → answer', r(['subscription.cancel', 0.75], ['subscription.pause', 0.1]), 0, { kind: 'answer', intent: 'subscription.cancel' }],
  ['unsure with a single in-scope candidate → fallback', r(['shipping.track', 0.4], ['none', 0.3]), 0, { kind: 'fallback' }],
  ['unsure with a single candidate, second time → hand off', r(['shipping.track', 0.4]), 1, { kind: 'handoff', reason: 'not_understood_twice' }],
  ['confident but out of scope is as close → fallback', r(['shipping.track', 0.55], ['none', 0.5]), 0, { kind: 'fallback' }],
];

describe('routing: decide()', () => {
  for (const [name, recognition, consecutiveFallbacks, expected] of CASES) {
    it(`${name}: ${describeDecision(expected)}`, () => {
      assert.deepEqual(decide(recognition, T, { consecutiveFallbacks }), expected);
    });
  }

  it('is pure: same input, same decision, input untouched', () => {
    const rec = r(['shipping.track', 0.6], ['shipping.problem', 0.55]);
    const copy = structuredClone(rec);
    assert.deepEqual(decide(rec, T, { consecutiveFallbacks: 0 }), decide(rec, T, { consecutiveFallbacks: 0 }));
    assert.deepEqual(rec, copy);
  });

  it('describes every kind of decision in one line', () => {
    assert.equal(describeDecision({ kind: 'answer', intent: 'shipping.track' }), 'answer shipping.track');
    assert.equal(describeDecision({ kind: 'clarify', candidates: ['a', 'b'] }), 'clarify: a | b');
    assert.equal(describeDecision({ kind: 'fallback' }), 'fallback (not understood)');
    assert.equal(describeDecision({ kind: 'handoff', reason: 'asked_for_agent' }), 'handoff (asked_for_agent)');
  });
});
