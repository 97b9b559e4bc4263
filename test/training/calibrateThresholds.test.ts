import assert from 'node:assert/strict';
import { ACCOUNT_CHANGING_INTENTS } from '../../nlu/intents';
import { answerThreshold } from '../../nlu/thresholds';
import { calibrateThresholds, DEFAULT_CALIBRATION_TARGETS } from '../../training/calibrateThresholds';
import type { LabeledPrediction } from '../../training/routingReport';

const p = (expected: string, ...ranking: [string, number][]): LabeledPrediction => ({
  text: `${expected} ${ranking.map(([i, s]) => `${i}:${s}`).join(' ')}`,
  expected,
  recognition: { intent: ranking[0]![0], score: ranking[0]![1], ranking: ranking.map(([intent, score]) => ({ intent, score })) },
});
const times = (n: number, make: (i: number) => LabeledPrediction) => Array.from({ length: n }, (_, i) => make(i));

describe('routing: threshold calibration', () => {
  // Right answers score high; confusions and out-of-scope messages score low;
  // wrong account changes (cancel instead of pause) score in between.
  const predictions = [
    ...times(60, () => p('shipping.track', ['shipping.track', 0.8], ['shipping.problem', 0.1])),
    ...times(40, () => p('subscription.pause', ['subscription.pause', 0.7], ['subscription.skip', 0.1])),
    ...times(6, () => p('shipping.problem', ['shipping.track', 0.25], ['shipping.problem', 0.2])),
    ...times(4, () => p('subscription.pause', ['subscription.cancel', 0.45], ['subscription.pause', 0.05])),
    ...times(50, (i) => p('none', ['none', 0.6], ['rewards.balance', 0.1 + i / 1000])),
    ...times(10, () => p('none', ['giftcard.redeem', 0.3], ['none', 0.05])),
  ];

  it('meets the targets, answering as much as it can', () => {
    const { thresholds, targetsMet, report } = calibrateThresholds(predictions);
    assert.equal(targetsMet, true);
    assert.ok(report.outOfScope.wrong + report.outOfScope.falseHandoff <= DEFAULT_CALIBRATION_TARGETS.maxOutOfScopeActedOn * report.outOfScope.total);
    assert.ok(report.inScope.wrong <= DEFAULT_CALIBRATION_TARGETS.maxWrongAnswers * report.inScope.total);
    assert.equal(report.inScope.correct, 100, 'every confident right answer is answered');
    assert.ok(thresholds.answer > 0.3 && thresholds.answer <= 0.7, `answer ${thresholds.answer}`);
  });

  it('makes account-changing intents stricter, enough to stop wrong account changes', () => {
    const { thresholds } = calibrateThresholds(predictions);
    for (const intent of ACCOUNT_CHANGING_INTENTS) {
      assert.ok(answerThreshold(thresholds, intent) >= thresholds.answer + DEFAULT_CALIBRATION_TARGETS.minStrictness - 1e-9, intent);
    }
    assert.ok(answerThreshold(thresholds, 'subscription.cancel') > 0.45, 'the wrong cancels (0.45) are not acted on');
    assert.ok(answerThreshold(thresholds, 'subscription.pause') <= 0.7, 'the right pauses (0.7) still are');
  });

  it('says so when no setting meets the targets', () => {
    const hopeless = [...times(10, () => p('none', ['shipping.track', 0.95])), ...times(10, () => p('shipping.track', ['shipping.track', 0.95]))];
    assert.equal(calibrateThresholds(hopeless).targetsMet, false);
  });
});
