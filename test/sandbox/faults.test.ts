import assert from 'node:assert/strict';
import { call, startTestSandbox, type TestSandbox } from '../support/sandboxServer';

const REWARDS = 'GET /v1/customers/{customerId}/rewards';
const LIST = 'GET /v1/customers/{customerId}/subscriptions';
const REDEEM = 'POST /v1/customers/{customerId}/rewards/redemptions';

const timed = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const out = await f();
  return [out, performance.now() - t];
};

function faultsSuite(store: 'memory' | 'redis') {
  describe(`sandbox fault injection (${store} store)`, () => {
    describe('from configuration (SANDBOX_FAULTS)', () => {
      let sb: TestSandbox;
      before(async () => {
        sb = await startTestSandbox({ store, faults: JSON.stringify({ [REWARDS]: { errorRate: 1 }, [LIST]: { latencyMs: 300 } }) });
      });
      after(async () => sb.close());

      it('fails the configured route with a 503 problem, and only that route', async () => {
        const r = await call(sb, 'GET', '/v1/customers/cus-ava/rewards');
        assert.equal(r.status, 503);
        assert.match(r.headers.get('content-type') ?? '', /problem\+json/);
        assert.equal(r.body.code, 'injected_fault');
        assert.equal((await call(sb, 'GET', '/v1/customers/cus-ava/rewards/transactions')).status, 200);
      });

      it('delays the configured route by its latency, and only that route', async () => {
        const [slow, slowMs] = await timed(() => call(sb, 'GET', '/v1/customers/cus-ava/subscriptions'));
        assert.equal(slow.status, 200);
        assert.ok(slowMs >= 290, `took ${slowMs} ms`);
        const [, fastMs] = await timed(() => call(sb, 'GET', '/v1/customers/cus-ava/subscriptions/sub-ava-1'));
        assert.ok(fastMs < 250, `took ${fastMs} ms`);
      });

      it('lists the rules and the routes at GET /admin/faults', async () => {
        const r = await call(sb, 'GET', '/admin/faults');
        assert.equal(r.status, 200);
        assert.deepEqual(Object.keys(r.body.rules).sort(), [LIST, REWARDS].sort());
        for (const route of [LIST, REWARDS, REDEEM, 'PATCH /v1/customers/{customerId}/subscriptions/{subscriptionId}']) assert.ok(r.body.routes.includes(route), route);
      });
    });

    describe('at runtime (PUT /admin/faults)', () => {
      let sb: TestSandbox;
      beforeEach(async () => {
        sb = await startTestSandbox({ store });
      });
      afterEach(async () => sb.close());

      it('needs the service token for every method (401 without)', async () => {
        for (const method of ['GET', 'PUT', 'DELETE']) {
          for (const headers of [{}, { authorization: 'Bearer wrong-token-wrong-token' }] as Record<string, string>[]) {
            const res = await fetch(`${sb.url}/admin/faults`, {
              method,
              headers: { ...headers, ...(method === 'PUT' ? { 'content-type': 'application/json' } : {}) },
              body: method === 'PUT' ? JSON.stringify({ '*': { errorRate: 1 } }) : undefined,
            });
            assert.equal(res.status, 401, `${method} ${JSON.stringify(headers)}`);
          }
        }
        assert.equal((await call(sb, 'GET', '/v1/customers/cus-ava/rewards')).status, 200, 'the refused PUT changed nothing');
      });

      it('applies new rules at once, replaces the old ones and clears with DELETE', async () => {
        const put = await call(sb, 'PUT', '/admin/faults', { [REDEEM]: { errorRate: 1, errorStatus: 502 } });
        assert.equal(put.status, 200);
        assert.deepEqual(Object.keys(put.body.rules), [REDEEM]);
        const failed = await call(sb, 'POST', '/v1/customers/cus-ava/rewards/redemptions', { points: 100 });
        assert.deepEqual([failed.status, failed.body.code], [502, 'injected_fault']);
        assert.equal((await call(sb, 'GET', '/v1/customers/cus-ava/rewards')).body.points, 3450, 'an injected failure applies nothing');

        await call(sb, 'PUT', '/admin/faults', { [LIST]: { latencyMs: 250 } });
        assert.equal((await call(sb, 'POST', '/v1/customers/cus-ava/rewards/redemptions', { points: 100 })).status, 201, 'the old rule is gone');
        const [, ms] = await timed(() => call(sb, 'GET', '/v1/customers/cus-ava/subscriptions'));
        assert.ok(ms >= 240, `took ${ms} ms`);

        assert.equal((await call(sb, 'DELETE', '/admin/faults')).status, 204);
        assert.deepEqual((await call(sb, 'GET', '/admin/faults')).body.rules, {});
        const [, after] = await timed(() => call(sb, 'GET', '/v1/customers/cus-ava/subscriptions'));
        assert.ok(after < 200, `took ${after} ms`);
      });

      it('"*" applies to every route', async () => {
        await call(sb, 'PUT', '/admin/faults', { '*': { errorRate: 1 } });
        for (const path of ['/v1/customers/cus-ben/subscriptions', '/v1/customers/cus-ben/rewards', '/v1/customers/cus-ben/subscriptions/sub-ben-1']) {
          assert.equal((await call(sb, 'GET', path)).status, 503, path);
        }
      });

      it('fails about the configured share of requests', async () => {
        await call(sb, 'PUT', '/admin/faults', { [REWARDS]: { errorRate: 0.5 } });
        const statuses = await Promise.all(Array.from({ length: 200 }, () => call(sb, 'GET', '/v1/customers/cus-ava/rewards').then((r) => r.status)));
        const failed = statuses.filter((s) => s === 503).length;
        assert.equal(failed + statuses.filter((s) => s === 200).length, 200);
        assert.ok(failed > 60 && failed < 140, `${failed} of 200 failed`);
      });

      it('answers 422 for invalid rules and keeps the current ones', async () => {
        await call(sb, 'PUT', '/admin/faults', { [LIST]: { errorRate: 1 } });
        for (const rules of [{ 'FETCH /x': { errorRate: 1 } }, { [LIST]: { errorRate: 2 } }, { [LIST]: { latencyMs: -1 } }, { [LIST]: { errorStatus: 404 } }, { [LIST]: { flaky: true } }]) {
          const r = await call(sb, 'PUT', '/admin/faults', rules);
          assert.equal(r.status, 422, JSON.stringify(rules));
          assert.ok(r.body.errors.length > 0);
        }
        assert.deepEqual(Object.keys((await call(sb, 'GET', '/admin/faults')).body.rules), [LIST]);
      });
    });
  });
}

for (const store of ['memory', 'redis'] as const) faultsSuite(store);
