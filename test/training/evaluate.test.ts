import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NlpjsRecognizer } from '../../nlu/nlpjsRecognizer';
import type { Thresholds } from '../../nlu/thresholds';
import { loadCorpus } from '../../training/corpus';
import { evaluatePredictions, predictAll, predictedLabel, shiftThresholds } from '../../training/evaluate';
import { renderEvaluationHtml } from '../../training/evaluationReportHtml';
import type { LabeledPrediction } from '../../training/routingReport';
import { trainModel } from '../../training/trainModel';
import { tinyCorpusDir, TINY_ROWS } from './support/tinyCorpus';

const T: Thresholds = { answer: 0.5, perIntent: {}, clarifyFloor: 0.3, margin: 0.1 };
const p = (expected: string, intent: string, score: number, ranking = [{ intent, score }]): LabeledPrediction => ({ text: `${expected}→${intent}@${score}`, expected, recognition: { intent, score, ranking } });

describe('evaluation metrics', () => {
  // Nine predictions whose outcomes at T are worked out by hand (see each comment).
  const predictions = [
    p('a', 'a', 0.9, [{ intent: 'a', score: 0.9 }, { intent: 'b', score: 0.1 }]), // answer a: right
    p('a', 'a', 0.8), // answer a: right
    p('a', 'b', 0.9), // answer b: wrong
    p('a', 'a', 0.2), // below the clarify floor: fallback → none
    p('b', 'b', 0.9), // answer b: right
    p('b', 'a', 0.4, [{ intent: 'a', score: 0.4 }, { intent: 'b', score: 0.35 }]), // clarify → none
    p('none', 'none', 0.9), // fallback: right
    p('none', 'a', 0.7), // answer a: wrong
    p('none', 'b', 0.1), // fallback: right
  ];

  it('computes accuracy, out-of-scope recall/precision, per-intent P/R/F1, macro-F1 and the confusion matrix as by hand', () => {
    const r = evaluatePredictions(predictions, T);
    assert.equal(r.rows, 9);
    assert.equal(r.inScopeRows, 6);
    assert.equal(r.oosRows, 3);
    assert.equal(r.inScopeAccuracy, 0.5); // 3 of 6
    assert.equal(r.inScopeClarified, 0.1667); // 1 of 6
    assert.equal(r.oosRecall, 0.6667); // 2 of 3
    assert.equal(r.oosPrecision, 0.5); // 2 of the 4 predicted none
    assert.equal(r.accuracy, 0.5556); // 5 of 9
    assert.equal(r.top1Accuracy, 0.5556); // raw intents right: rows 1, 2, 4, 5, 7
    assert.deepEqual(r.confusion, {
      labels: ['a', 'b', 'none'],
      matrix: [
        [2, 1, 1],
        [0, 1, 1],
        [1, 0, 2],
      ],
    });
    assert.deepEqual(r.perIntent.a, { support: 4, predicted: 3, correct: 2, precision: 0.6667, recall: 0.5, f1: 0.5714 });
    assert.deepEqual(r.perIntent.b, { support: 2, predicted: 2, correct: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    assert.deepEqual(r.perIntent.none, { support: 3, predicted: 4, correct: 2, precision: 0.5, recall: 0.6667, f1: 0.5714 });
    assert.equal(r.macroF1, 0.5476); // (4/7 + 1/2 + 4/7) / 3
    assert.deepEqual(
      r.worstConfusions.map((c) => [c.expected, c.predicted, c.count]),
      [
        ['a', 'b', 1],
        ['a', 'none', 1],
        ['b', 'none', 1],
        ['none', 'a', 1],
      ],
    );
    assert.deepEqual(r.worstConfusions[0]!.examples, ['a→b@0.9']);
    assert.equal(r.errors.length, 4);
    assert.deepEqual(r.thresholds, T);
  });

  it('traces in-scope accuracy against out-of-scope recall from threshold 0 to 1', () => {
    const r = evaluatePredictions(predictions, T);
    assert.equal(r.curve.length, 51);
    assert.deepEqual(r.curve.at(-1), { threshold: 1, inScopeAccuracy: 0, oosRecall: 1 });
    // At the model's own answer threshold the curve meets the headline figures.
    const at = r.curve.find((c) => c.threshold === T.answer)!;
    assert.deepEqual([at.inScopeAccuracy, at.oosRecall], [r.inScopeAccuracy, r.oosRecall]);
    // Raising the threshold never catches fewer out-of-scope messages.
    for (let i = 1; i < r.curve.length; i += 1) assert.ok(r.curve[i]!.oosRecall >= r.curve[i - 1]!.oosRecall);
    assert.deepEqual(shiftThresholds({ answer: 0.2, perIntent: { x: 0.3 }, clarifyFloor: 0.1, margin: 0.2 }, 0.5), { answer: 0.5, perIntent: { x: 0.6 }, clarifyFloor: 0.1, margin: 0.2 });
  });

  it('counts a handoff for agent.request as predicting agent.request', () => {
    assert.equal(predictedLabel({ intent: 'agent.request', score: 0.9, ranking: [{ intent: 'agent.request', score: 0.9 }] }, T), 'agent.request');
  });

  it('renders a self-contained HTML page with every text escaped', () => {
    const evil = [p('a', 'b', 0.9), { ...p('a', 'b', 0.9), text: '<script>alert(1)</script>' }];
    const html = renderEvaluationHtml(evaluatePredictions(evil, T), { subtitle: '<b>x</b>' });
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /&lt;b&gt;x&lt;\/b&gt;/);
    assert.doesNotMatch(html, /(src|href)="http/);
    assert.match(html, /<svg[^>]*aria-label="in-scope accuracy against out-of-scope recall"/);
    assert.match(html, /Confusion matrix/);
  });
});

describe('train → evaluate on a small corpus with known answers', function () {
  this.timeout(120_000);

  it('gets the figures worked out by hand', async () => {
    const dir = tinyCorpusDir();
    try {
      const corpus = await loadCorpus(dir);
      const { recognizer, thresholds } = await trainModel(corpus, undefined, { folds: 0 });
      // The training sentences (exact matches: predicted right) plus one row labelled wrongly on purpose.
      const rows = [...TINY_ROWS, ['hello there', 'thanks']].map(([text, intent]) => ({ text: text!, intent: intent! }));
      const report = evaluatePredictions(await predictAll((t) => recognizer.classify(t), rows), thresholds);
      assert.equal(report.rows, 13);
      assert.equal(report.inScopeAccuracy, 0.9); // 9 of 10 in-scope rows
      assert.equal(report.oosRecall, 1);
      assert.equal(report.oosPrecision, 1);
      assert.deepEqual(report.perIntent.greeting, { support: 3, predicted: 4, correct: 3, precision: 0.75, recall: 1, f1: 0.8571 });
      assert.deepEqual(report.perIntent.thanks, { support: 4, predicted: 3, correct: 3, precision: 1, recall: 0.75, f1: 0.8571 });
      assert.equal(report.perIntent.goodbye!.f1, 1);
      assert.equal(report.macroF1, 0.9286); // (6/7 + 6/7 + 1 + 1) / 4
      assert.deepEqual(report.worstConfusions.map((c) => [c.expected, c.predicted, c.count, c.examples]), [['thanks', 'greeting', 1, ['hello there']]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('npm run evaluate writes the JSON metrics and the HTML report', async () => {
    const { execFileSync } = await import('node:child_process');
    const corpusDir = tinyCorpusDir();
    const out = path.join(tmpdir(), `paw-eval-${process.pid}`);
    try {
      const model = path.join(out, 'model');
      const corpus = await loadCorpus(corpusDir);
      await (await NlpjsRecognizer.train(corpus)).save(model);
      const test = path.join(corpusDir, 'rows.tsv');
      const { writeFileSync } = await import('node:fs');
      writeFileSync(test, `text\tintent\n${TINY_ROWS.map((r) => r.join('\t')).join('\n')}\n`);
      const stdout = execFileSync(process.execPath, [require.resolve('tsx/cli'), 'bin/cli/evaluate.ts', '--model', model, '--test', test, '--json', path.join(out, 'm.json'), '--html', path.join(out, 'r.html')], {
        cwd: path.join(__dirname, '../..'),
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      assert.match(stdout, /in-scope accuracy\s+100\.0 %/);
      const json = JSON.parse(readFileSync(path.join(out, 'm.json'), 'utf8'));
      for (const k of ['inScopeAccuracy', 'oosRecall', 'oosPrecision', 'macroF1', 'perIntent', 'confusion', 'thresholds', 'curve', 'worstConfusions']) assert.ok(k in json, k);
      assert.equal(json.inScopeAccuracy, 1);
      assert.match(readFileSync(path.join(out, 'r.html'), 'utf8'), /^<!doctype html>/);
    } finally {
      rmSync(out, { recursive: true, force: true });
      rmSync(corpusDir, { recursive: true, force: true });
    }
  });
});
