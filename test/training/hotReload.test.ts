import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import type { Redis } from 'ioredis';
import { buildBot } from '../../bin/buildBot';
import type { ActiveModel } from '../../nlu/models/activeModel';
import { readModelFiles } from '../../nlu/models/modelFiles';
import { ModelRegistry } from '../../nlu/models/modelRegistry';
import { RedisModelBus } from '../../nlu/models/redisModelBus';
import { IDENTITY_KEY } from '../../bot/identity';
import { replies } from '../../bot/replies';
import { silentLogger } from '../../platform/logger';
import { RedisDocStore } from '../../platform/store/redisDocStore';
import { loadCorpus } from '../../training/corpus';
import { publishVersion, QualityGateError, rollbackTo, type PublishContext } from '../../training/publishModel';
import { startActiveModel } from '../../bin/startActiveModel';
import { trainVersion } from '../../training/trainVersion';
import { testRedis } from '../support/redisServer';
import { fixedClock, startTestSandbox, type TestSandbox } from '../support/sandboxServer';
import { tinyCorpusDir, tinyTestSet, TINY_ROWS } from './support/tinyCorpus';

/** One running instance: its own Redis connections, registry view, bus subscription, model and bot. */
interface Instance {
  redis: Redis;
  registry: ModelRegistry;
  bus: RedisModelBus;
  model: ActiveModel;
  /** The customer says `text` in a new conversation; resolves with the bot's reply text. */
  ask(text: string): Promise<string>;
  close(): Promise<void>;
}

const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('publish and hot reload across running instances (real Redis)', function () {
  this.timeout(180_000);
  const prefix = `test:${randomUUID()}:`;
  const corpusA = tinyCorpusDir({ thanks: ['howdy partner'] });
  const corpusB = tinyCorpusDir({ greeting: ['howdy partner'] });
  // Forgot the greetings: worse on the test set.
  const corpusBad = tinyCorpusDir({ thanks: ['howdy partner'] }, ['greeting']);
  const testSet = tinyTestSet(TINY_ROWS);
  const work = mkdtempSync(path.join(tmpdir(), 'paw-hot-reload-'));
  let sandbox: TestSandbox;
  const instances: Instance[] = [];

  async function startInstance(name: string): Promise<Instance> {
    const redis = (await testRedis()).client();
    const registry = new ModelRegistry(new RedisDocStore(redis, `${prefix}app:`));
    const bus = new RedisModelBus(redis, { prefix });
    const model = await startActiveModel({ registry, bus, logger: silentLogger(), modelDir: path.join(work, name, 'model'), intentsDir: corpusA, testSet, syncIntervalMs: 0 });
    const { bot } = buildBot({
      api: { baseUrl: sandbox.url, token: sandbox.token, timeoutMs: 2000, retries: 0 },
      recognizer: model.recognizer,
      thresholds: () => model.thresholds(),
      storage: new MemoryStorage(),
      logger: silentLogger(),
    });
    const ask = async (text: string) => {
      const adapter = new TestAdapter(async (ctx) => bot.run(ctx), {
        channelId: 'test',
        conversation: { id: `c-${randomUUID()}`, isGroup: false, conversationType: 'personal', name: 't' },
        channelData: { [IDENTITY_KEY]: { customerId: null } },
      } as Partial<Activity>);
      await adapter.receiveActivity({ type: 'message', text, id: randomUUID() });
      return (adapter.activeQueue.splice(0) as Partial<Activity>[]).filter((a) => a.type === 'message').map((a) => a.text).join('\n');
    };
    const instance = {
      redis,
      registry,
      bus,
      model,
      ask,
      close: async () => {
        await model.close();
        await bus.close();
        redis.disconnect();
      },
    };
    instances.push(instance);
    return instance;
  }

  const context = (i: Instance): PublishContext => ({ registry: i.registry, bus: i.bus, policy: { minAccuracy: 0.85, maxF1Drop: 0.05 }, testRows: [] });
  let versionA: string;
  let versionB: string;

  before(async () => {
    sandbox = await startTestSandbox({ clock: fixedClock() });
  });
  after(async () => {
    for (const i of instances) await i.close();
    await sandbox?.close();
    for (const d of [corpusA, corpusB, corpusBad, path.dirname(testSet), work]) rmSync(d, { recursive: true, force: true });
  });

  it('the second instance serves the model the first one registered, without training', async () => {
    const one = await startInstance('one');
    versionA = one.model.version;
    assert.equal((await one.registry.state()).active, versionA);
    const two = await startInstance('two');
    assert.equal(two.model.version, versionA);
    assert.equal(await two.ask('howdy partner'), replies.thanks);
  });

  it('publishing on one instance switches the other without a restart, and messages in flight during the swap are all answered', async () => {
    const [one, two] = instances as [Instance, Instance];
    const testRows = await loadCorpus(testSet);
    const trained = await trainVersion({ corpus: corpusB, versionsDir: path.join(work, 'versions'), testSet, folds: 0 });
    versionB = trained.version;
    assert.notEqual(versionB, versionA);
    await one.registry.add(await readModelFiles(trained.dir), { by: 'tara', scorecard: trained.scorecard, probes: trained.probes });

    // Customers keep talking to instance two while the new model is published and swapped in.
    let stop = false;
    const answers: string[] = [];
    const traffic = (async () => {
      // Bounded, whatever happens to the publish.
      const end = Date.now() + 30_000;
      while (!stop && Date.now() < end) {
        answers.push(...(await Promise.all(Array.from({ length: 5 }, () => two.ask('howdy partner')))));
        // In-memory turns never wait for I/O: let the publish notice in, as real traffic would.
        await new Promise((r) => setImmediate(r));
      }
    })();
    try {
      await new Promise((r) => setTimeout(r, 50));
      const { state, verdict } = await publishVersion({ ...context(one), testRows }, versionB, 'tara');
      assert.equal(verdict.passed, true);
      assert.equal(state.active, versionB);
      assert.equal(state.activatedBy, 'tara');
      await until('instance two to switch', () => two.model.version === versionB);
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      stop = true;
      await traffic;
    }

    assert.ok(answers.length >= 10, `${answers.length} answers`);
    assert.ok(answers.every((a) => a === replies.thanks || a === replies.greeting()), `every message got a full answer: ${[...new Set(answers)].join(' | ')}`);
    assert.equal(answers.at(-1), replies.greeting(), 'after the swap the new model answers');
    assert.equal(await two.ask('howdy partner'), replies.greeting());
    await until('instance one to switch', () => one.model.version === versionB);
    assert.equal(await one.ask('howdy partner'), replies.greeting());
  });

  it('the quality gate refuses a worse model, with the reasons, and nothing changes', async () => {
    const [one, two] = instances as [Instance, Instance];
    const testRows = await loadCorpus(testSet);
    const trained = await trainVersion({ corpus: corpusBad, versionsDir: path.join(work, 'versions'), testSet, folds: 0 });
    await one.registry.add(await readModelFiles(trained.dir), { by: 'tara', scorecard: trained.scorecard, probes: trained.probes });
    await assert.rejects(publishVersion({ ...context(one), testRows }, trained.version, 'tara'), (err: QualityGateError) => {
      assert.ok(err instanceof QualityGateError);
      assert.equal(err.status, 422);
      assert.ok(err.verdict.reasons.some((r) => /F1 of greeting drops from 1\.000 to 0\.000/.test(r)), err.verdict.reasons.join('; '));
      assert.ok(err.verdict.reasons.some((r) => /in-scope accuracy 66\.7 % is below the floor/.test(r)), err.verdict.reasons.join('; '));
      return true;
    });
    assert.equal((await one.registry.state()).active, versionB);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(two.model.version, versionB);
  });

  it('an instance that cannot load or check a published model keeps serving the old one', async () => {
    const [one, two] = instances as [Instance, Instance];
    const dir = path.join(work, 'tampered');
    // Another seed: a model of its own (the same corpus and seed within one second would carry versionA's id).
    const trained = await trainVersion({ corpus: corpusA, versionsDir: dir, folds: 0, seed: 7 });
    assert.notEqual(trained.version.split('-')[1], versionA.split('-')[1], 'a model of its own');
    // Probes that the model does not answer: as if the stored model were not the one trained.
    await one.registry.add(await readModelFiles(trained.dir), { by: 'mallory', probes: [{ text: 'howdy partner', intent: 'goodbye' }] });
    const state = await one.registry.activate(trained.version, 'mallory', 'publish');
    await one.bus.publish({ kind: 'activated', version: trained.version, by: 'mallory', at: state.activatedAt! });
    const result = await two.model.sync();
    assert.equal(result.switched, false);
    assert.match(!result.switched ? result.reason : '', /probes/);
    assert.equal(two.model.version, versionB);
    assert.equal(await two.ask('howdy partner'), replies.greeting());
  });

  it('rolls back to an earlier version on every instance', async () => {
    const [one, two] = instances as [Instance, Instance];
    const state = await rollbackTo({ registry: two.registry, bus: two.bus }, versionA, 'ada');
    assert.equal(state.active, versionA);
    assert.deepEqual(state.history[0], { version: versionA, action: 'rollback', by: 'ada', at: state.activatedAt });
    await until('both instances to roll back', () => one.model.version === versionA && two.model.version === versionA);
    assert.equal(await two.ask('howdy partner'), replies.thanks);
    await assert.rejects(rollbackTo({ registry: two.registry, bus: two.bus }, versionA, 'ada'), /already the active model/);
  });

  it('a restarted instance serves the published model, not the corpus', async () => {
    const three = await startInstance('three');
    assert.equal(three.model.version, versionA);
    await rollbackTo({ registry: three.registry, bus: three.bus }, versionB, 'ada');
    await until('every instance to switch', () => instances.every((i) => i.model.version === versionB));
    const four = await startInstance('four');
    assert.equal(four.model.version, versionB);
    assert.equal(await four.ask('howdy partner'), replies.greeting());
  });
});
