import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readModelFiles, type ModelFiles } from '../../nlu/models/modelFiles';
import { ModelRegistry } from '../../nlu/models/modelRegistry';
import { NlpjsRecognizer } from '../../nlu/nlpjsRecognizer';
import type { DocStore } from '../../platform/store/docStore';
import { AppError } from '../../platform/errors';

/** A small real model's files (a fresh version each call: the version carries the training time). */
export async function tinyModelFiles(extra: { text: string; intent: string }[] = []): Promise<ModelFiles> {
  const examples = [
    ...['hello', 'hi there', 'good morning', 'hey'].map((text) => ({ text, intent: 'greeting' })),
    ...['thanks', 'thank you', 'cheers', 'many thanks'].map((text) => ({ text, intent: 'thanks' })),
    ...extra,
  ];
  const dir = mkdtempSync(path.join(tmpdir(), 'paw-model-'));
  try {
    const m = await NlpjsRecognizer.train(examples);
    // Versions are named to the second: make sure two calls never share one.
    await new Promise((r) => setTimeout(r, 1100 - (Date.now() % 1000)));
    await m.save(dir);
    return await readModelFiles(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The behaviour of the {@link ModelRegistry} on any {@link DocStore}.
 * @param make returns a fresh, empty store
 */
export function modelRegistryContract(name: string, make: () => Promise<DocStore>): void {
  describe(`ModelRegistry contract: ${name}`, function () {
    this.timeout(30_000);
    let docs: DocStore;
    let files: ModelFiles[];
    before(async () => {
      files = [await tinyModelFiles(), await tinyModelFiles([{ text: 'bye', intent: 'goodbye' }]), await tinyModelFiles([{ text: 'see you', intent: 'goodbye' }])];
    });
    beforeEach(async () => {
      docs = await make();
    });
    afterEach(async () => docs.close());
    const version = (f: ModelFiles) => String(f.metadata.modelVersion);

    it('stores models, returns their files intact, and starts with nothing active', async () => {
      const r = new ModelRegistry(docs);
      assert.equal((await r.state()).active, null);
      const entry = await r.add(files[0]!, { by: 'tara', probes: [{ text: 'hello', intent: 'greeting' }] });
      assert.equal(entry.version, version(files[0]!));
      assert.equal(entry.addedBy, 'tara');
      assert.equal(entry.publishedAt, undefined);
      assert.deepEqual(await r.files(entry.version), files[0]);
      assert.equal((await r.state()).active, null);
      await assert.rejects(r.files('nope'), (e: AppError) => e.status === 404);
    });

    it('activates (publish, rollback) with who and when, and keeps a history', async () => {
      let t = Date.parse('2026-01-01T00:00:00Z');
      const r = new ModelRegistry(docs, { now: () => new Date((t += 1000)) });
      for (const f of files.slice(0, 2)) await r.add(f, { by: 'tara' });
      const [a, b] = files.map(version);
      await r.activate(a!, 'tara', 'publish');
      const s = await r.activate(b!, 'ada', 'publish');
      assert.equal(s.active, b);
      assert.equal(s.activatedBy, 'ada');
      const back = await r.activate(a!, 'ada', 'rollback');
      assert.equal(back.active, a);
      assert.deepEqual(back.history.map((h) => [h.action, h.version, h.by]), [['rollback', a, 'ada'], ['publish', b, 'ada'], ['publish', a, 'tara']]);
      assert.equal((await r.active())!.version, a);
      await assert.rejects(r.activate('nope', 'x', 'publish'), (e: AppError) => e.status === 404);
    });

    it('keeps at most `keep` versions, dropping the oldest inactive first, never the active one', async () => {
      const r = new ModelRegistry(docs, { keep: 2 });
      await r.add(files[0]!, { by: 't' });
      await r.activate(version(files[0]!), 't', 'publish');
      await r.add(files[1]!, { by: 't' });
      await r.add(files[2]!, { by: 't' });
      const s = await r.state();
      assert.deepEqual(s.entries.map((e) => e.version), [version(files[2]!), version(files[0]!)]);
      await assert.rejects(r.files(version(files[1]!)), (e: AppError) => e.status === 404, 'the dropped model is gone');
    });

    it('bootstraps once: the first model of a deployment wins', async () => {
      const r = new ModelRegistry(docs);
      const [first, second] = await Promise.all([r.bootstrap(files[0]!, { by: 'i1' }), r.bootstrap(files[1]!, { by: 'i2' })]);
      assert.equal(first, second);
      assert.equal((await r.state()).active, first);
      assert.equal((await r.state()).history.length, 1);
    });

    it('records scorecards and refuses to remove the active model', async () => {
      const r = new ModelRegistry(docs);
      await r.add(files[0]!, { by: 't' });
      const sc = { testSetHash: 'h', testRows: 3, inScopeAccuracy: 1, oosRecall: null, oosPrecision: null, macroF1: 1, perIntentF1: { greeting: 1 } };
      await r.setScorecard(version(files[0]!), sc);
      assert.deepEqual((await r.entry(version(files[0]!)))!.scorecard, sc);
      await r.activate(version(files[0]!), 't', 'publish');
      await assert.rejects(r.remove(version(files[0]!)), (e: AppError) => e.status === 409);
    });
  });
}
