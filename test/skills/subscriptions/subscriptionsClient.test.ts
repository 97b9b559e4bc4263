import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApiError } from '../../../skills/shared/apiErrors';
import { SubscriptionsClient } from '../../../skills/subscriptions/subscriptionsClient';
import { startTestSandbox, type TestSandbox } from '../../support/sandboxServer';

const ITEM = '/v1/customers/{customerId}/subscriptions/{subscriptionId}';

/** Runs `f` and returns the ApiError it must throw. */
async function apiError(f: () => Promise<unknown>): Promise<ApiError> {
  try {
    await f();
  } catch (e) {
    assert.ok(e instanceof ApiError, `expected an ApiError, got ${e}`);
    return e;
  }
  assert.fail('expected an ApiError');
}

describe('SubscriptionsClient against the sandbox', () => {
  let sb: TestSandbox;
  let calls: { route: string; method: string; status: number }[];
  let onCall: ((c: { route: string; method: string; status: number }) => void) | undefined;
  const client = (opts: { timeoutMs?: number; retries?: number } = {}) =>
    new SubscriptionsClient({
      baseUrl: sb.url,
      token: sb.token,
      timeoutMs: opts.timeoutMs ?? 2000,
      retries: opts.retries,
      onCall: (c) => {
        calls.push(c);
        onCall?.(c);
      },
    });
  beforeEach(async () => {
    sb = await startTestSandbox();
    calls = [];
    onCall = undefined;
  });
  afterEach(async () => sb.close());

  it('lists and gets typed subscriptions', async () => {
    const subs = await client().list('cus-ben');
    assert.deepEqual(subs.map((s) => [s.id, s.status]), [['sub-ben-1', 'active'], ['sub-ben-2', 'paused'], ['sub-ben-3', 'cancelled']]);
    const litter = await client().get('cus-ben', 'sub-ben-1');
    assert.equal(litter.product.name, 'Clumping Cat Litter 40 lb');
    assert.equal(litter.version, 1);
    assert.deepEqual(calls.map((c) => [c.method, c.route, c.status]), [
      ['GET', '/v1/customers/{customerId}/subscriptions', 200],
      ['GET', ITEM, 200],
    ]);
  });

  it('modifies, pauses, resumes, skips and cancels, each returning the new version', async () => {
    const c = client();
    const modified = await c.modify('cus-ben', 'sub-ben-1', { quantity: 3, frequencyWeeks: 4 }, { ifMatch: 1, idempotencyKey: 'm-1' });
    assert.deepEqual([modified.quantity, modified.frequencyWeeks, modified.version], [3, 4, 2]);
    const paused = await c.pause('cus-ben', 'sub-ben-1', { weeks: 3 }, { ifMatch: modified.version });
    assert.deepEqual([paused.status, paused.pausedUntil, paused.version], ['paused', '2026-12-17', 3]);
    const resumed = await c.resume('cus-ben', 'sub-ben-1', { ifMatch: 3 });
    assert.deepEqual([resumed.status, resumed.version], ['active', 4]);
    const skipped = await c.skip('cus-ben', 'sub-ben-1');
    assert.equal(skipped.nextDeliveryDate, '2027-01-14');
    assert.equal(skipped.subscription.version, 5);
    const cancelled = await c.cancel('cus-ben', 'sub-ben-1', { reason: 'too_expensive', comment: 'Found it cheaper.' });
    assert.deepEqual([cancelled.status, cancelled.cancelReason, cancelled.nextDeliveryDate], ['cancelled', 'too_expensive', null]);
  });

  it('throws typed rejections for 404, 409 and 422', async () => {
    const c = client();
    const notFound = await apiError(() => c.get('cus-ava', 'sub-ben-1'));
    assert.deepEqual([notFound.kind, notFound.status, notFound.code], ['rejected', 404, 'not_found']);

    const stale = await apiError(() => c.modify('cus-ben', 'sub-ben-1', { quantity: 3 }, { ifMatch: 7 }));
    assert.deepEqual([stale.kind, stale.status, stale.code, stale.details.currentVersion], ['rejected', 409, 'version_conflict', 1]);
    const lifecycle = await apiError(() => c.skip('cus-ben', 'sub-ben-2'));
    assert.deepEqual([lifecycle.status, lifecycle.code], [409, 'subscription_paused']);

    const invalid = await apiError(() => c.modify('cus-ben', 'sub-ben-1', { nextDeliveryDate: '2020-01-01' }));
    assert.deepEqual([invalid.kind, invalid.status, invalid.code], ['rejected', 422, 'validation_failed']);
    assert.equal((invalid.details.errors as { path: string }[])[0]!.path, 'nextDeliveryDate');
    assert.ok(calls.every((x) => x.status >= 400), 'rejections are not retried');
    assert.equal(calls.length, 4);
  });

  it('throws a typed rejection for 429, without retrying', async () => {
    sb.faults.set(`GET ${ITEM}`, { errorRate: 1, errorStatus: 429 });
    const e = await apiError(() => client().get('cus-ben', 'sub-ben-1'));
    assert.deepEqual([e.kind, e.status], ['rejected', 429]);
    assert.equal(calls.length, 1);
  });

  it('retries a GET on an injected 503 and succeeds once the fault is gone', async () => {
    sb.faults.set(`GET ${ITEM}`, { errorRate: 1 });
    onCall = (c) => c.status === 503 && sb.faults.clear();
    const sub = await client().get('cus-ben', 'sub-ben-1');
    assert.equal(sub.id, 'sub-ben-1');
    assert.deepEqual(calls.map((c) => c.status), [503, 200]);
  });

  it('gives up on a GET after its retries with kind unavailable', async () => {
    sb.faults.set(`GET ${ITEM}`, { errorRate: 1 });
    const e = await apiError(() => client({ retries: 2 }).get('cus-ben', 'sub-ben-1'));
    assert.deepEqual([e.kind, e.status, e.code], ['unavailable', 503, 'injected_fault']);
    assert.equal(calls.length, 3);
  });

  it('does not retry a write without an Idempotency-Key', async () => {
    sb.faults.set(`PATCH ${ITEM}`, { errorRate: 1 });
    const e = await apiError(() => client().modify('cus-ben', 'sub-ben-1', { quantity: 5 }));
    assert.equal(e.kind, 'unavailable');
    assert.equal(calls.length, 1);
  });

  it('retries a write with an Idempotency-Key after a timeout and applies it once', async () => {
    // The first attempt is held by the sandbox past the client's timeout, then still applied late;
    // the retry gets through at once. Both carry the same key: one change.
    sb.faults.set(`POST ${ITEM}/pause`, { latencyMs: 1200 });
    onCall = (c) => c.status === 0 && sb.faults.clear();
    const started = Date.now();
    const paused = await client({ timeoutMs: 300 }).pause('cus-ben', 'sub-ben-1', { weeks: 2 }, { idempotencyKey: 'pause-once' });
    assert.deepEqual(calls.map((c) => c.status), [0, 200]);
    assert.equal(paused.version, 2);
    await new Promise((r) => setTimeout(r, Math.max(0, 1500 - (Date.now() - started))));
    const after = await client().get('cus-ben', 'sub-ben-1');
    assert.deepEqual([after.version, after.status, after.pausedUntil], [2, 'paused', '2026-12-10']);
  });

  it('turns a timeout into kind unavailable, code timeout', async () => {
    sb.faults.set(`GET ${ITEM}`, { latencyMs: 3000 });
    const started = Date.now();
    const e = await apiError(() => client({ timeoutMs: 200, retries: 1 }).get('cus-ben', 'sub-ben-1'));
    assert.deepEqual([e.kind, e.status, e.code], ['unavailable', 0, 'timeout']);
    assert.equal(calls.length, 2);
    assert.ok(Date.now() - started < 2000);
  });

  describe('against a server that breaks the contract', () => {
    let server: Server;
    let baseUrl: string;
    before(async () => {
      const app = express();
      app.get('/v1/customers/:c/subscriptions', (_req, res) => void res.json({ subscriptions: [{ id: 'sub-1', status: 'on-hold' }] }));
      app.get('/v1/customers/:c/subscriptions/:s', (_req, res) => void res.json({ id: 42 }));
      server = createServer(app);
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(async () => new Promise<void>((r) => server.close(() => r())));

    it('throws kind contract for a body that does not match the schema', async () => {
      const c = new SubscriptionsClient({ baseUrl, token: 't' });
      for (const f of [() => c.list('cus-ben'), () => c.get('cus-ben', 'sub-1')]) {
        const e = await apiError(f);
        assert.deepEqual([e.kind, e.code], ['contract', 'contract_violation']);
      }
    });
  });
});
