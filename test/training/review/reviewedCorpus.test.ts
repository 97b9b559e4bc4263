import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppError } from '../../../platform/errors';
import { loadCorpus } from '../../../training/corpus';
import { ReviewedCorpus } from '../../../training/review/reviewedCorpus';
import { tinyCorpusDir } from '../support/tinyCorpus';

describe('reviewed corpus file', () => {
  let dir: string;
  beforeEach(() => {
    dir = tinyCorpusDir();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends accepted utterances (out of scope as None) that the next training picks up', async () => {
    const corpus = new ReviewedCorpus(path.join(dir, 'reviewed.json'), dir);
    assert.equal(await corpus.add('howdy partner', 'greeting'), true);
    assert.equal(await corpus.add('what is your favourite colour', 'none'), true);
    assert.equal(await corpus.add('  Howdy   PARTNER ', 'greeting'), false, 'already there');
    const file = JSON.parse(readFileSync(path.join(dir, 'reviewed.json'), 'utf8'));
    assert.deepEqual(file.data, [
      { intent: 'greeting', utterances: ['howdy partner'] },
      { intent: 'None', utterances: ['what is your favourite colour'] },
    ]);
    const loaded = await loadCorpus(dir);
    assert.ok(loaded.some((e) => e.text === 'howdy partner' && e.intent === 'greeting' && /reviewed\.json:\d+$/.test(e.source)));
    assert.ok(loaded.some((e) => e.text === 'what is your favourite colour' && e.intent === 'none'));
  });

  it('refuses an utterance the corpus has under another intent (training would fail on it)', async () => {
    const corpus = new ReviewedCorpus(path.join(dir, 'reviewed.json'), dir);
    await assert.rejects(corpus.add('hello there', 'thanks'), (e: AppError) => e.status === 409 && /already in the corpus as greeting/.test(e.message));
  });

  it('serialises concurrent additions without losing any', async () => {
    const corpus = new ReviewedCorpus(path.join(dir, 'reviewed.json'), dir);
    await Promise.all(Array.from({ length: 10 }, (_, i) => corpus.add(`new phrase number ${i}`, 'thanks')));
    assert.equal((await corpus.read()).data[0]!.utterances.length, 10);
  });

  it('never trains on the held-out test set next to the corpus', async () => {
    const intents = path.join(__dirname, '../../../intents');
    const copy = mkdtempSync(path.join(tmpdir(), 'paw-intents-'));
    try {
      copyFileSync(path.join(intents, 'test.tsv'), path.join(copy, 'test.tsv'));
      copyFileSync(path.join(dir, 'tiny.json'), path.join(copy, 'tiny.json'));
      const loaded = await loadCorpus(copy);
      assert.ok(loaded.every((e) => e.source.includes('tiny.json')));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
