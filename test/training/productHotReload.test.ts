import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startProduct, type ProductProcess } from '../support/productProcess';
import { testRedis } from '../support/redisServer';
import { signIn } from './support/trainerServer';

/** Two `npm start` processes sharing Redis: train and publish on one, the other switches without a restart. */
describe('publish across two npm start processes (STORE=redis)', function () {
  this.timeout(300_000);
  const products: ProductProcess[] = [];
  const versionsDir = mkdtempSync(path.join(tmpdir(), 'paw-versions-'));

  after(async () => {
    for (const p of products) await p.stop();
    rmSync(versionsDir, { recursive: true, force: true });
  });

  it('a model trained and published at /trainer on instance one is served by instance two, which never restarts', async () => {
    const redis = await testRedis();
    const env = { STORE: 'redis', REDIS_URL: redis.url, REDIS_PREFIX: `test:${randomUUID()}:`, MODEL_SYNC_SECONDS: '0', MODEL_VERSIONS_DIR: versionsDir };
    products.push(await startProduct(env));
    products.push(await startProduct(env));
    const [one, two] = products as [ProductProcess, ProductProcess];
    const tara = await signIn(one.url, 'tara');
    const ada = await signIn(two.url, 'ada');
    const before = (await ada.call('GET', '/admin/model')).body;
    assert.equal(before.serving.version, before.active.version, 'instance two serves the registered model');

    assert.equal((await tara.call('POST', '/trainer/api/models/train')).status, 202);
    let job: { state: string; version?: string; error?: string };
    const end = Date.now() + 200_000;
    do {
      await new Promise((r) => setTimeout(r, 500));
      // Any instance shows the job: its state is in the shared store.
      job = (await ada.call('GET', '/trainer/api/job')).body.job;
    } while (job.state === 'running' && Date.now() < end);
    assert.equal(job.state, 'succeeded', job.error);

    const published = await tara.call('POST', `/trainer/api/models/${job.version}/publish`);
    assert.equal(published.status, 200, JSON.stringify(published.body));
    let after: { serving: { version: string }; active: { version: string; publishedBy: string } };
    const deadline = Date.now() + 30_000;
    do {
      await new Promise((r) => setTimeout(r, 100));
      after = (await ada.call('GET', '/admin/model')).body;
    } while (after.serving.version !== job.version && Date.now() < deadline);
    assert.equal(after.serving.version, job.version);
    assert.deepEqual([after.active.version, after.active.publishedBy], [job.version, 'tara']);
    assert.equal(two.child.exitCode, null, 'instance two is the same process');
    assert.match(two.output(), /now serving the new intent model/);
  });
});
