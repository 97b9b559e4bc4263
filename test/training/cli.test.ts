import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ActiveModel } from '../../nlu/models/activeModel';
import { ModelRegistry } from '../../nlu/models/modelRegistry';
import { RedisModelBus } from '../../nlu/models/redisModelBus';
import { silentLogger } from '../../platform/logger';
import { RedisDocStore } from '../../platform/store/redisDocStore';
import { RedisReviewInbox } from '../../training/review/redisReviewInbox';
import { startActiveModel } from '../../bin/startActiveModel';
import { testRedis } from '../support/redisServer';
import { tinyCorpusDir, tinyTestSet, TINY_ROWS } from './support/tinyCorpus';

const ROOT = path.join(__dirname, '../..');

/** Runs a CLI as `npm run` does (tsx), with extra environment; resolves with its exit code and output. */
function run(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), script, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('trainer CLIs: train --publish, model, review (real Redis, real processes)', function () {
  this.timeout(180_000);
  const prefix = `test:${randomUUID()}:`;
  const corpus = tinyCorpusDir({ thanks: ['howdy partner'] });
  const corpusB = tinyCorpusDir({ greeting: ['howdy partner'] });
  const testSet = tinyTestSet(TINY_ROWS);
  const work = mkdtempSync(path.join(tmpdir(), 'paw-cli-'));
  let env: Record<string, string>;
  let model: ActiveModel;
  let bus: RedisModelBus;
  let registry: ModelRegistry;
  let closeRedis: () => void;

  before(async () => {
    const r = await testRedis();
    env = { STORE: 'redis', REDIS_URL: r.url, REDIS_PREFIX: prefix, NLU_TEST_SET: testSet, MODEL_VERSIONS_DIR: path.join(work, 'versions'), LOG_LEVEL: 'silent' };
    // A running instance of the deployment, listening for publishes.
    const redis = r.client();
    closeRedis = () => redis.disconnect();
    registry = new ModelRegistry(new RedisDocStore(redis, `${prefix}app:`));
    bus = new RedisModelBus(redis, { prefix });
    model = await startActiveModel({ registry, bus, logger: silentLogger(), modelDir: path.join(work, 'instance'), intentsDir: corpus, testSet, syncIntervalMs: 0 });
  });
  after(async () => {
    await model?.close();
    await bus?.close();
    closeRedis?.();
    for (const d of [corpus, corpusB, path.dirname(testSet), work]) rmSync(d, { recursive: true, force: true });
  });

  it('npm run train -- --publish trains a versioned model, evaluates it, and the running instance switches to it', async () => {
    const first = model.version;
    const out = path.join(work, 'trained');
    const { code, out: printed } = await run('bin/cli/train.ts', ['--corpus', corpusB, '--out', out, '--folds', '0', '--publish'], env);
    assert.equal(code, 0, printed);
    assert.match(printed, /in-scope accuracy 100\.0 % against out-of-scope recall 100\.0 %/);
    assert.match(printed, /published/);
    const metadata = JSON.parse(readFileSync(path.join(out, 'metadata.json'), 'utf8'));
    assert.equal(metadata.metrics.inScopeAccuracy, 1);
    assert.ok(metadata.probes.length > 0);
    assert.ok(existsSync(path.join(work, 'versions', metadata.modelVersion, 'model.nlp')), 'a versioned copy');
    const end = Date.now() + 15_000;
    while (model.version !== metadata.modelVersion && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    assert.equal(model.version, metadata.modelVersion);
    assert.equal((await model.recognizer.recognize('howdy partner')).intent, 'greeting');

    const list = await run('bin/cli/model.ts', ['list'], env);
    assert.equal(list.code, 0, list.out);
    assert.match(list.out, new RegExp(`\\* ${metadata.modelVersion}`));
    const back = await run('bin/cli/model.ts', ['rollback', first], env);
    assert.equal(back.code, 0, back.out);
    while (model.version !== first && Date.now() < end + 15_000) await new Promise((r) => setTimeout(r, 50));
    assert.equal(model.version, first);
  });

  it('npm run train -- --publish refuses a worse model with the reasons and exits 1', async () => {
    const bad = tinyCorpusDir({}, ['greeting']);
    try {
      const { code, out } = await run('bin/cli/train.ts', ['--corpus', bad, '--out', path.join(work, 'bad'), '--folds', '0', '--publish'], env);
      assert.equal(code, 1, out);
      assert.match(out, /quality gate refused/);
      assert.match(out, /F1 of greeting drops from 1\.000 to 0\.000/);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });

  it('npm run review -- list / export read the shared inbox; without Redis they explain why not', async () => {
    const redis = (await testRedis()).client();
    try {
      const inbox = new RedisReviewInbox(redis, prefix);
      const a = await inbox.add({ conversationId: 'c', text: 'yo whats good', reason: 'fallback', intent: 'none', score: 0.1, ranking: [], decision: 'fallback', at: new Date().toISOString() });
      await inbox.add({ conversationId: 'c', text: 'fix my car', reason: 'fallback', intent: 'none', score: 0.1, ranking: [], decision: 'fallback', at: new Date().toISOString() });
      await inbox.resolve(a.id, { status: 'accepted', intent: 'greeting', by: 'tara', at: new Date() });
      const list = await run('bin/cli/review.ts', ['list'], env);
      assert.equal(list.code, 0, list.out);
      assert.match(list.out, /fix my car/);
      assert.match(list.out, /1 of 1/);
      const exported = await run('bin/cli/review.ts', ['export'], env);
      assert.equal(exported.out.trim(), 'text\tintent\nyo whats good\tgreeting');
      const memory = await run('bin/cli/review.ts', ['list'], { ...env, STORE: 'memory' });
      assert.equal(memory.code, 1);
      assert.match(memory.out, /needs STORE=redis/);
    } finally {
      redis.disconnect();
    }
  });
});
