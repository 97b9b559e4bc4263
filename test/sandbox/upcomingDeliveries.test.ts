import assert from 'node:assert/strict';
import { call, startTestSandbox, type TestSandbox } from '../support/sandboxServer';

// Seed clock 2026-11-26: Emma's Dental Chews ship 11-28, Ben's litter 11-29, Ava's salmon food 12-01;
// Ben's Indoor Cat Food is paused until 12-17 and his treats are cancelled.
describe('sandbox: upcoming deliveries (renewal reminders)', () => {
  let sb: TestSandbox;
  before(async () => {
    sb = await startTestSandbox();
  });
  after(async () => sb.close());

  it('needs the service token', async () => {
    assert.equal((await fetch(`${sb.url}/v1/subscriptions/upcoming?from=2026-11-27&to=2026-11-29`)).status, 401);
  });

  it('lists the active subscriptions delivering in the window, never paused or cancelled ones', async () => {
    const r = await call(sb, 'GET', '/v1/subscriptions/upcoming?from=2026-11-27&to=2026-12-01');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.subscriptions.map((s: { id: string }) => s.id), ['sub-ava-1', 'sub-ben-1', 'sub-emma-2']);
    assert.equal(r.body.next, null);
    const later = await call(sb, 'GET', '/v1/subscriptions/upcoming?from=2026-12-16&to=2026-12-18');
    assert.ok(!later.body.subscriptions.some((s: { id: string }) => s.id === 'sub-ben-2' || s.id === 'sub-ben-3'));
  });

  it('pages by id', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const r = await call(sb, 'GET', `/v1/subscriptions/upcoming?from=2026-11-27&to=2026-12-01&limit=2${after ? `&after=${after}` : ''}`);
      seen.push(...r.body.subscriptions.map((s: { id: string }) => s.id));
      after = r.body.next;
    } while (after);
    assert.deepEqual(seen, ['sub-ava-1', 'sub-ben-1', 'sub-emma-2']);
  });

  it('refuses a window that ends before it starts (422)', async () => {
    assert.equal((await call(sb, 'GET', '/v1/subscriptions/upcoming?from=2026-11-29&to=2026-11-27')).status, 422);
  });
});
