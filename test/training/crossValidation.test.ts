import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { DEFAULT_THRESHOLDS } from '../../nlu/thresholds';
import { loadCorpus } from '../../training/corpus';
import { assignFolds, crossValidate } from '../../training/crossValidation';
import { tinyCorpusDir } from './support/tinyCorpus';

describe('cross-validation', function () {
  this.timeout(60_000);

  it('deals the examples into disjoint, stratified folds that cover every example once', () => {
    const examples = [...Array.from({ length: 23 }, () => ({ intent: 'a' })), ...Array.from({ length: 10 }, () => ({ intent: 'b' })), ...Array.from({ length: 4 }, () => ({ intent: 'c' }))];
    const folds = assignFolds(examples, 5, 7);
    assert.equal(folds.length, 5);
    const all = folds.flat();
    assert.equal(all.length, examples.length);
    assert.equal(new Set(all).size, examples.length, 'no example is in two folds');
    for (let i = 0; i < folds.length; i += 1) for (let j = i + 1; j < folds.length; j += 1) assert.equal(folds[i]!.filter((x) => folds[j]!.includes(x)).length, 0);
    // Stratified: each fold holds 4 or 5 of the 23 a's, and 2 of the 10 b's.
    for (const f of folds) {
      const count = (intent: string) => f.filter((i) => examples[i]!.intent === intent).length;
      assert.ok(count('a') >= 4 && count('a') <= 5, `a: ${count('a')}`);
      assert.equal(count('b'), 2);
    }
    assert.deepEqual(assignFolds(examples, 5, 7), folds, 'same seed, same folds');
    assert.notDeepEqual(assignFolds(examples, 5, 8), folds, 'another seed, other folds');
    assert.throws(() => assignFolds(examples, 1), /at least 2/);
  });

  it('classifies every example exactly once by a model that did not train on it', async () => {
    const dir = tinyCorpusDir();
    try {
      const corpus = await loadCorpus(dir);
      const progress: string[] = [];
      const cv = await crossValidate(corpus, 4, DEFAULT_THRESHOLDS, { onProgress: (m) => progress.push(m) });
      assert.equal(cv.report.rows, corpus.length);
      assert.equal(cv.perFold.length, 4);
      assert.equal(cv.perFold.reduce((a, f) => a + f.test, 0), corpus.length);
      for (const f of cv.perFold) assert.equal(f.train + f.test, corpus.length);
      assert.ok(progress.some((m) => /fold 4\/4/.test(m)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
