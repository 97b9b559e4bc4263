import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApiError } from '../../../skills/shared/apiErrors';
import { ShippingClient } from '../../../skills/shipping/shippingClient';
import { startTestSandbox, type TestSandbox } from '../../support/sandboxServer';

const ORDERS_ROUTE = 'GET /v1/customers/{customerId}/orders';

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ApiError, `not an ApiError: ${e}`);
    return e;
  }
  assert.fail('expected a rejection');
}

describe('ShippingClient against the sandbox', () => {
  let sb: TestSandbox;
  let calls: { route: string; status: number }[];
  const client = (opts: Partial<ConstructorParameters<typeof ShippingClient>[0]> = {}) =>
    new ShippingClient({ baseUrl: sb.url, token: sb.token, timeoutMs: 2000, onCall: (c) => calls.push(c), ...opts });

  before(async () => {
    sb = await startTestSandbox();
  });
  after(async () => sb.close());
  beforeEach(() => {
    calls = [];
    sb.faults.clear();
  });

  it('lists orders newest first, typed, with a limit', async () => {
    const orders = await client().listOrders('cus-ava');
    assert.deepEqual(orders.map((o) => o.id), ['PS-10042', 'PS-10031', 'PS-10018']);
    assert.equal(orders[0]!.status, 'in_transit');
    assert.deepEqual((await client().listOrders('cus-ava', { limit: 1 })).map((o) => o.id), ['PS-10042']);
    assert.deepEqual(calls.map((c) => c.route), [`/v1/customers/{customerId}/orders`, `/v1/customers/{customerId}/orders`]);
  });

  it('returns tracking with the history oldest first', async () => {
    const t = await client().tracking('cus-ben', 'PS-10036');
    assert.equal(t.status, 'exception');
    assert.equal(t.events.at(-1)!.status, 'exception');
  });

  it("throws a typed 404 for another customer's order and an unknown customer", async () => {
    const other = await rejection(client().tracking('cus-ava', 'PS-10040'));
    assert.deepEqual([other.kind, other.status, other.code], ['rejected', 404, 'not_found']);
    const nobody = await rejection(client().listOrders('cus-nobody'));
    assert.deepEqual([nobody.kind, nobody.status], ['rejected', 404]);
  });

  it('throws a typed 422 with the failing field', async () => {
    const e = await rejection(client().listOrders('cus-ava', { limit: 0 }));
    assert.deepEqual([e.kind, e.status, e.code], ['rejected', 422, 'validation_failed']);
    assert.deepEqual((e.details.errors as { path: string }[]).map((x) => x.path), ['limit']);
  });

  it('looks an order up by number + ZIP or e-mail, typed; a wrong proof is the same 404 as no order; not retried', async () => {
    const byZip = await client().lookupOrder({ orderId: 'PS-10039', zip: '80302' });
    assert.deepEqual([byZip.orderId, byZip.status, byZip.items[0]!.name], ['PS-10039', 'delayed', 'Timothy Hay, 5 lb']);
    assert.equal((await client().lookupOrder({ orderId: 'PS-10039', email: 'chloe@example.com' })).orderId, 'PS-10039');
    const wrong = await rejection(client().lookupOrder({ orderId: 'PS-10039', zip: '97205' }));
    const missing = await rejection(client().lookupOrder({ orderId: 'PS-77777', zip: '80302' }));
    for (const e of [wrong, missing]) assert.deepEqual([e.kind, e.status, e.code], ['rejected', 404, 'not_found']);
    assert.equal(wrong.message, missing.message);
    sb.faults.set('POST /v1/orders/lookup', { errorRate: 1 });
    const down = await rejection(client({ retries: 2 }).lookupOrder({ orderId: 'PS-10039', zip: '80302' }));
    assert.equal(down.kind, 'unavailable');
    assert.equal(calls.filter((c) => c.route === '/v1/orders/lookup' && c.status === 503).length, 1, 'a lookup is sent once');
  });

  it('retries a GET on an injected 503 and succeeds', async () => {
    sb.faults.set(ORDERS_ROUTE, { errorRate: 1 });
    const c = client({ onCall: (x) => (calls.push(x), sb.faults.clear()) });
    const orders = await c.listOrders('cus-emma');
    assert.equal(orders[0]!.id, 'PS-10045');
    assert.deepEqual(calls.map((x) => x.status), [503, 200]);
  });

  it('gives up after its retries with ApiError unavailable', async () => {
    sb.faults.set(ORDERS_ROUTE, { errorRate: 1 });
    const e = await rejection(client({ retries: 2 }).listOrders('cus-emma'));
    assert.deepEqual([e.kind, e.status, e.code], ['unavailable', 503, 'injected_fault']);
    assert.equal(calls.length, 3);
  });

  it('times out as ApiError unavailable / timeout', async () => {
    sb.faults.set('GET /v1/customers/{customerId}/orders/{orderId}/tracking', { latencyMs: 3000 });
    const started = Date.now();
    const e = await rejection(client({ timeoutMs: 300, retries: 0 }).tracking('cus-ava', 'PS-10042'));
    assert.deepEqual([e.kind, e.code], ['unavailable', 'timeout']);
    assert.ok(Date.now() - started < 2000);
  });

  describe('against a server that breaks the contract', () => {
    let bad: Server;
    let url: string;
    before(async () => {
      const app = express();
      app.get('/v1/customers/:c/orders', (_req, res) => void res.json({ orders: [{ id: 'PS-1', status: 'teleported' }] }));
      app.get('/v1/customers/:c/orders/:o/tracking', (_req, res) => void res.json({ orderId: 'PS-1', events: 'none' }));
      bad = createServer(app);
      await new Promise<void>((r) => bad.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(bad.address() as AddressInfo).port}`;
    });
    after(async () => {
      bad.closeAllConnections();
      await new Promise((r) => bad.close(r));
    });

    it('throws ApiError contract', async () => {
      const c = new ShippingClient({ baseUrl: url, token: 't' });
      for (const p of [c.listOrders('cus-ava'), c.tracking('cus-ava', 'PS-1')]) {
        const e = await rejection(p);
        assert.deepEqual([e.kind, e.code], ['contract', 'contract_violation']);
      }
    });
  });
});
