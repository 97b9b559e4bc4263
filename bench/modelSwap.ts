/**
 * Hot reload of the intent model: registry size of a model, time from publish to serving on an
 * instance (load, check, warm-up, swap), and recognition latency while the swap happens.
 *
 *   npm run bench:swap [-- --redis redis://127.0.0.1:6379] [--rounds 5]
 *
 * Uses the model in MODEL_DIR (trained from INTENTS_DIR first when missing). Prints figures, asserts nothing.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { Redis } from 'ioredis';
import { ActiveModel } from '../nlu/models/activeModel';
import { MemoryModelBus } from '../nlu/models/memoryModelBus';
import { readModelFiles } from '../nlu/models/modelFiles';
import { ModelRegistry } from '../nlu/models/modelRegistry';
import { loadConfig } from '../bin/config';
import { silentLogger } from '../platform/logger';
import { MemoryDocStore } from '../platform/store/memoryDocStore';
import { RedisDocStore } from '../platform/store/redisDocStore';
import type { DocStore } from '../platform/store/docStore';
import { loadCorpus } from '../training/corpus';
import { loadOrTrain } from '../training/trainModel';
import { makeProbes } from '../nlu/models/modelProbes';
import { percentile } from '../platform/percentile';

const q = (xs: number[], p: number) => percentile(xs, p * 100) ?? NaN;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { redis: { type: 'string' }, rounds: { type: 'string' } } });
  const config = loadConfig();
  const rounds = Number(values.rounds ?? 5);
  const modelDir = path.resolve(config.MODEL_DIR);
  const loaded = await loadOrTrain(modelDir, path.resolve(config.INTENTS_DIR));
  const files = await readModelFiles(modelDir);
  const probes = await makeProbes((t) => loaded.recognizer.classify(t), await loadCorpus(path.resolve(config.INTENTS_DIR)));
  const redis = values.redis ? new Redis(values.redis) : undefined;
  const docs: DocStore = redis ? new RedisDocStore(redis, `bench:${randomUUID()}:`) : new MemoryDocStore();
  console.log(`store                  ${redis ? `redis ${values.redis}` : 'memory'}`);
  console.log(`model                  ${Buffer.byteLength(files.model)} bytes, ${gzipSync(files.model).length} gzipped in the registry`);

  const registry = new ModelRegistry(docs, { keep: rounds + 2 });
  const bus = new MemoryModelBus();
  const active = new ActiveModel({ registry, bus, logger: silentLogger() }, { recognizer: loaded.recognizer, thresholds: loaded.thresholds });
  await active.listen();
  const texts = (await loadCorpus(path.resolve(config.NLU_TEST_SET))).map((r) => r.text);
  const addMs: number[] = [];
  const switchMs: number[] = [];
  const during: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < 300; i += 1) {
    const t0 = performance.now();
    await active.recognizer.recognize(texts[i % texts.length]!);
    baseline.push(performance.now() - t0);
  }
  for (let r = 0; r < rounds; r += 1) {
    // The same model under a new version name: what a publish ships.
    const version = `bench${r}-${randomUUID().slice(0, 8)}`;
    const copy = { ...files, metadata: { ...files.metadata, modelVersion: version } };
    let t0 = performance.now();
    await registry.add(copy, { by: 'bench', probes });
    addMs.push(performance.now() - t0);
    t0 = performance.now();
    const switched = new Promise<void>((resolve) => active.onSwitch(() => resolve()));
    await registry.activate(version, 'bench', 'publish');
    await bus.publish({ kind: 'activated', version, by: 'bench', at: new Date().toISOString() });
    let k = 0;
    let done = false;
    void switched.then(() => (done = true));
    while (!done) {
      const s = performance.now();
      await active.recognizer.recognize(texts[k++ % texts.length]!);
      during.push(performance.now() - s);
      await new Promise((res) => setImmediate(res));
    }
    switchMs.push(performance.now() - t0);
  }
  console.log(`store a model          p50 ${q(addMs, 0.5).toFixed(0)} ms, max ${Math.max(...addMs).toFixed(0)} ms over ${rounds}`);
  console.log(`publish → serving      p50 ${q(switchMs, 0.5).toFixed(0)} ms, max ${Math.max(...switchMs).toFixed(0)} ms (load, hash + probe checks, warm-up, swap)`);
  console.log(`recognize, idle        p50 ${q(baseline, 0.5).toFixed(2)} ms, p99 ${q(baseline, 0.99).toFixed(2)} ms`);
  console.log(`recognize, during swap p50 ${q(during, 0.5).toFixed(2)} ms, p99 ${q(during, 0.99).toFixed(2)} ms, max ${Math.max(...during).toFixed(1)} ms over ${during.length} messages, none failed`);
  await active.close();
  redis?.disconnect();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
