import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { RewardsClient } from '../../../skills/rewards/rewardsClient';
import { ApiError } from '../../../skills/shared/apiErrors';
import { startTestSandbox, type TestSandbox } from '../../support/sandboxServer';

const BASE = '/v1/customers/{customerId}/rewards';
const REDEEM = `POST ${BASE}/redemptions`;

async function apiError(f: () => Promise<unknown>): Promise<ApiError> {
  try {
    await f();
  } catch (e) {
    assert.ok(e instanceof ApiError, `expected an ApiError, got ${e}`);
    return e;
  }
  assert.fail('expected an ApiError');
}

describe('RewardsClient against the sandbox', () => {
  let sb: TestSandbox;
  let calls: { route: string; method: string; status: number }[];
  let onCall: ((c: { status: number }) => void) | undefined;
  const client = (opts: { timeoutMs?: number; retries?: number } = {}) =>
    new RewardsClient({
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

  it('reads the balance, tier and store credit', async () => {
    const r = await client().get('cus-ben');
    assert.deepEqual([r.points, r.tier, r.nextTier, r.pointsToNextTier, r.storeCreditCents], [1240, 'silver', 'gold', 2860, 0]);
  });

  it('pages the history with page and pageSize', async () => {
    const p = await client().transactions('cus-ava', { page: 2, pageSize: 6 });
    assert.deepEqual([p.page, p.pageSize, p.total, p.nextPage, p.transactions.length], [2, 6, 20, 3, 6]);
    const first = await client().transactions('cus-ava');
    assert.deepEqual([first.page, first.pageSize], [1, 10]);
    assert.equal(first.transactions[0]!.balanceAfter, 3450);
  });

  it('redeems points into store credit', async () => {
    const red = await client().redeem('cus-ava', { points: 2000 }, { idempotencyKey: 'r-1' });
    assert.deepEqual([red.pointsRedeemed, red.creditCents, red.points, red.storeCreditCents], [2000, 2000, 1450, 2000]);
    assert.equal((await client().get('cus-ava')).storeCreditCents, 2000);
  });

  it('throws typed rejections for 404, 409 insufficient_points and 422', async () => {
    const missing = await apiError(() => client().get('cus-nobody'));
    assert.deepEqual([missing.kind, missing.status, missing.code], ['rejected', 404, 'not_found']);
    const short = await apiError(() => client().redeem('cus-chloe', { points: 400 }));
    assert.deepEqual([short.kind, short.status, short.code, short.details.points], ['rejected', 409, 'insufficient_points', 350]);
    const odd = await apiError(() => client().redeem('cus-ava', { points: 150 }));
    assert.deepEqual([odd.kind, odd.status, odd.code], ['rejected', 422, 'validation_failed']);
    const page = await apiError(() => client().transactions('cus-ava', { pageSize: 500 }));
    assert.deepEqual([page.status, (page.details.errors as { path: string }[])[0]!.path], [422, 'pageSize']);
    assert.equal(calls.length, 4, 'no retries of rejections');
  });

  it('throws a typed rejection for 429, without retrying', async () => {
    sb.faults.set(REDEEM, { errorRate: 1, errorStatus: 429 });
    const e = await apiError(() => client().redeem('cus-ava', { points: 100 }, { idempotencyKey: 'r-429' }));
    assert.deepEqual([e.kind, e.status], ['rejected', 429]);
    assert.equal(calls.length, 1);
  });

  it('retries a GET on an injected 503', async () => {
    sb.faults.set(`GET ${BASE}`, { errorRate: 1 });
    onCall = (c) => c.status === 503 && sb.faults.clear();
    assert.equal((await client().get('cus-ava')).points, 3450);
    assert.deepEqual(calls.map((c) => c.status), [503, 200]);
  });

  it('does not retry a redemption without an Idempotency-Key, and nothing is applied', async () => {
    sb.faults.set(REDEEM, { errorRate: 1 });
    const e = await apiError(() => client().redeem('cus-ava', { points: 100 }));
    assert.deepEqual([e.kind, e.status], ['unavailable', 503]);
    assert.equal(calls.length, 1);
    sb.faults.clear();
    assert.equal((await client().get('cus-ava')).points, 3450);
  });

  it('retries a redemption with an Idempotency-Key until it gets through', async () => {
    sb.faults.set(REDEEM, { errorRate: 1 });
    let failures = 0;
    onCall = (c) => c.status === 503 && ++failures === 2 && sb.faults.clear();
    const red = await client({ retries: 2 }).redeem('cus-ava', { points: 300 }, { idempotencyKey: 'r-retry' });
    assert.deepEqual(calls.map((c) => c.status), [503, 503, 201]);
    assert.equal(red.points, 3150);
  });

  it('retries a redemption whose first answer was lost (timeout) and redeems once', async () => {
    sb.faults.set(REDEEM, { latencyMs: 1200 });
    onCall = (c) => c.status === 0 && sb.faults.clear();
    const started = Date.now();
    const red = await client({ timeoutMs: 300 }).redeem('cus-ava', { points: 1000 }, { idempotencyKey: 'r-timeout' });
    assert.deepEqual(calls.map((c) => c.status), [0, 201]);
    assert.equal(red.points, 2450);
    // Wait for the held first attempt to reach the ledger: it must be a replay, not a second redemption.
    await new Promise((r) => setTimeout(r, Math.max(0, 1500 - (Date.now() - started))));
    const after = await client().get('cus-ava');
    assert.deepEqual([after.points, after.storeCreditCents], [2450, 1000]);
    assert.equal((await client().transactions('cus-ava')).total, 21);
  });

  it('turns a timeout into kind unavailable, code timeout', async () => {
    sb.faults.set(`GET ${BASE}`, { latencyMs: 3000 });
    const e = await apiError(() => client({ timeoutMs: 200, retries: 0 }).get('cus-ava'));
    assert.deepEqual([e.kind, e.status, e.code], ['unavailable', 0, 'timeout']);
  });

  describe('against a server that breaks the contract', () => {
    let server: Server;
    let baseUrl: string;
    before(async () => {
      const app = express();
      app.get('/v1/customers/:c/rewards', (_req, res) => void res.json({ customerId: 'cus-ava', points: -5, tier: 'platinum' }));
      app.post('/v1/customers/:c/rewards/redemptions', (_req, res) => void res.status(201).json({ ok: true }));
      server = createServer(app);
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(async () => new Promise<void>((r) => server.close(() => r())));

    it('throws kind contract for a body that does not match the schema', async () => {
      const c = new RewardsClient({ baseUrl, token: 't' });
      for (const f of [() => c.get('cus-ava'), () => c.redeem('cus-ava', { points: 100 })]) {
        const e = await apiError(f);
        assert.deepEqual([e.kind, e.code], ['contract', 'contract_violation']);
      }
    });
  });
});
