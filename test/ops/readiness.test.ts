import assert from 'node:assert/strict';
import { Readiness } from '../../ops/health/readiness';
import { privateRedis, type TestRedis } from '../support/redisServer';
import { startOpsServer, type RunningOpsServer } from './support/opsTestServer';

describe('health and readiness', function () {
  this.timeout(60_000);

  it('a check that hangs or throws fails, named, within the timeout; draining is never ready', async () => {
    const r = new Readiness(
      [
        { name: 'fine', check: async () => true },
        { name: 'hangs', check: () => new Promise<boolean>(() => undefined) },
        { name: 'throws', check: async () => { throw new Error('connection refused'); } },
        { name: 'false', check: async () => false },
      ],
      100,
    );
    const started = Date.now();
    const report = await r.run();
    assert.ok(Date.now() - started < 1000);
    assert.equal(report.ready, false);
    assert.deepEqual(report.checks.map((c) => [c.name, c.ok]), [['fine', true], ['hangs', false], ['throws', false], ['false', false]]);
    assert.match(report.checks[1]!.error!, /no answer within 100 ms/);
    assert.equal(report.checks[2]!.error, 'connection refused');
    const ok = new Readiness([{ name: 'fine', check: async () => true }]);
    assert.equal((await ok.run()).ready, true);
    ok.startDraining();
    assert.deepEqual((await ok.run()).checks.map((c) => [c.name, c.ok]), [['draining', false], ['fine', true]]);
  });

  describe('against a Redis that stops and comes back', () => {
    let redis: TestRedis;
    let srv: RunningOpsServer;
    before(async () => {
      redis = await privateRedis();
      srv = await startOpsServer({ redisUrl: redis.url, env: { READINESS_TIMEOUT_MS: '1000' } });
    });
    after(async () => {
      await redis?.start();
      await srv?.close();
      await redis?.stop();
    });

    const readyz = async () => {
      const res = await fetch(`${srv.url}/readyz`);
      return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Record<string, any> };
    };

    it('is ready, fails naming the store while Redis is down, and recovers when it is back', async () => {
      const up = await readyz();
      assert.equal(up.status, 200);
      assert.equal(up.body.status, 'ready');

      await redis.stop();
      const down = await readyz();
      assert.equal(down.status, 503);
      assert.match(down.type, /^application\/problem\+json/);
      assert.deepEqual(down.body.failing, ['store']);
      assert.equal(down.body.checks.find((c: { name: string }) => c.name === 'model').ok, true);
      assert.equal((await fetch(`${srv.url}/healthz`)).status, 200, 'alive all the same');

      await redis.start();
      const end = Date.now() + 15_000;
      let back = await readyz();
      while (back.status !== 200 && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 200));
        back = await readyz();
      }
      assert.equal(back.status, 200, `recovered: ${JSON.stringify(back.body)}`);
    });

    it('fails naming the APIs when the internal APIs are unreachable', async () => {
      srv.sandbox.server.closeAllConnections();
      await new Promise((r) => srv.sandbox.server.close(r));
      const down = await readyz();
      assert.equal(down.status, 503);
      assert.deepEqual(down.body.failing, ['apis']);
    });
  });
});
