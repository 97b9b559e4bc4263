import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { call, startTestSandbox, type TestSandbox } from '../support/sandboxServer';

interface Write {
  name: string;
  method: 'POST' | 'PATCH';
  path: string;
  body: unknown;
  /** Another valid body (for "same key, different body"). */
  otherBody: unknown;
  /** What the write changed, read back (to prove it was applied exactly once). */
  effect: (sb: TestSandbox) => Promise<unknown>;
}

const SUBS = '/v1/customers/cus-ben/subscriptions';
const version = (id: string) => async (sb: TestSandbox) => (await call(sb, 'GET', `${SUBS}/${id}`)).body.version;
const ledger = async (sb: TestSandbox) => {
  const [r, t] = await Promise.all([call(sb, 'GET', '/v1/customers/cus-ava/rewards'), call(sb, 'GET', '/v1/customers/cus-ava/rewards/transactions')]);
  return { points: r.body.points, credit: r.body.storeCreditCents, entries: t.body.total };
};

const WRITES: Write[] = [
  { name: 'modify', method: 'PATCH', path: `${SUBS}/sub-ben-1`, body: { quantity: 4 }, otherBody: { quantity: 5 }, effect: version('sub-ben-1') },
  { name: 'pause', method: 'POST', path: `${SUBS}/sub-ben-1/pause`, body: { weeks: 2 }, otherBody: { weeks: 3 }, effect: version('sub-ben-1') },
  { name: 'resume', method: 'POST', path: `${SUBS}/sub-ben-2/resume`, body: {}, otherBody: undefined, effect: version('sub-ben-2') },
  { name: 'skip', method: 'POST', path: `${SUBS}/sub-ben-1/skip`, body: {}, otherBody: undefined, effect: async (sb) => (await call(sb, 'GET', `${SUBS}/sub-ben-1`)).body.nextDeliveryDate },
  { name: 'cancel', method: 'POST', path: `${SUBS}/sub-ben-1/cancel`, body: { reason: 'other' }, otherBody: { reason: 'moving' }, effect: version('sub-ben-1') },
  { name: 'redeem', method: 'POST', path: '/v1/customers/cus-ava/rewards/redemptions', body: { points: 500 }, otherBody: { points: 600 }, effect: ledger },
];

function idempotencySuite(store: 'memory' | 'redis') {
  describe(`sandbox Idempotency-Key (${store} store)`, () => {
    let sb: TestSandbox;
    beforeEach(async () => {
      sb = await startTestSandbox({ store });
    });
    afterEach(async () => sb.close());

    for (const w of WRITES) {
      describe(w.name, () => {
        it('replays the first response for the same key and body, applying it once', async () => {
          const before = await w.effect(sb);
          const key = randomUUID();
          const first = await call(sb, w.method, w.path, w.body, { 'idempotency-key': key });
          assert.ok(first.status < 300, JSON.stringify(first.body));
          assert.equal(first.headers.get('idempotent-replayed'), null);
          const applied = await w.effect(sb);
          assert.notDeepEqual(applied, before);
          for (let i = 0; i < 2; i++) {
            const again = await call(sb, w.method, w.path, w.body, { 'idempotency-key': key });
            assert.equal(again.status, first.status);
            assert.deepEqual(again.body, first.body);
            assert.equal(again.headers.get('idempotent-replayed'), 'true');
            assert.equal(again.headers.get('etag'), first.headers.get('etag'));
          }
          assert.deepEqual(await w.effect(sb), applied, 'applied once');
        });

        it('applies 10 concurrent requests with the same key once, and answers all of them alike', async () => {
          const before = await w.effect(sb);
          const key = randomUUID();
          const all = await Promise.all(Array.from({ length: 10 }, () => call(sb, w.method, w.path, w.body, { 'idempotency-key': key })));
          assert.ok(all.every((r) => r.status === all[0]!.status && r.status < 300), all.map((r) => r.status).join(','));
          for (const r of all) assert.deepEqual(r.body, all[0]!.body);
          assert.equal(all.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 9);
          // The state moved exactly one step.
          const once = await w.effect(sb);
          assert.notDeepEqual(once, before);
          if (w.name === 'redeem') assert.deepEqual(once, { points: 3450 - 500, credit: 500, entries: 21 });
          else if (w.name === 'skip') assert.equal(once, '2026-12-13');
          else assert.equal(once, 2);
        });

        if (w.otherBody !== undefined) {
          it('refuses the same key with a different body (422) and applies nothing', async () => {
            const key = randomUUID();
            assert.ok((await call(sb, w.method, w.path, w.body, { 'idempotency-key': key })).status < 300);
            const applied = await w.effect(sb);
            const r = await call(sb, w.method, w.path, w.otherBody, { 'idempotency-key': key });
            assert.equal(r.status, 422);
            assert.equal(r.body.code, 'idempotency_key_reused');
            assert.deepEqual(await w.effect(sb), applied);
          });
        }
      });
    }

    it('treats another key as another request', async () => {
      await call(sb, 'POST', `${SUBS}/sub-ben-1/skip`, {}, { 'idempotency-key': 'skip-a' });
      const second = await call(sb, 'POST', `${SUBS}/sub-ben-1/skip`, {}, { 'idempotency-key': 'skip-b' });
      assert.equal(second.headers.get('idempotent-replayed'), null);
      assert.equal(second.body.nextDeliveryDate, '2026-12-27');
    });

    it('scopes a key to its resource: the same key on another subscription or customer is a new request', async () => {
      const a = await call(sb, 'POST', `${SUBS}/sub-ben-1/skip`, {}, { 'idempotency-key': 'shared-key' });
      const b = await call(sb, 'POST', '/v1/customers/cus-ava/subscriptions/sub-ava-1/skip', {}, { 'idempotency-key': 'shared-key' });
      assert.equal(a.status, 200);
      assert.equal(b.status, 200);
      assert.equal(b.headers.get('idempotent-replayed'), null);
      assert.equal(b.body.subscription.id, 'sub-ava-1');
    });

    it('does not record a refusal: the same key may be retried once the cause is fixed', async () => {
      const key = randomUUID();
      await call(sb, 'PATCH', `${SUBS}/sub-ben-1`, { quantity: 9 });
      const stale = await call(sb, 'PATCH', `${SUBS}/sub-ben-1`, { quantity: 3 }, { 'idempotency-key': key, 'if-match': '"1"' });
      assert.equal(stale.status, 409);
      const fixed = await call(sb, 'PATCH', `${SUBS}/sub-ben-1`, { quantity: 3 }, { 'idempotency-key': key, 'if-match': '"2"' });
      assert.equal(fixed.status, 200);
      assert.equal(fixed.headers.get('idempotent-replayed'), null);
      assert.deepEqual([fixed.body.quantity, fixed.body.version], [3, 3]);
    });

    it('answers 400 for a malformed key and applies nothing', async () => {
      for (const key of ['x'.repeat(201), 'has space', '']) {
        const r = await call(sb, 'POST', '/v1/customers/cus-ava/rewards/redemptions', { points: 100 }, { 'idempotency-key': key });
        assert.equal(r.status, 400, JSON.stringify(key));
      }
      assert.equal((await ledger(sb)).points, 3450);
    });
  });
}

for (const store of ['memory', 'redis'] as const) idempotencySuite(store);
