import assert from 'node:assert/strict';
import { OrderList, Tracking, type ShipmentStatus } from '../../contracts/shipping';
import { DEMO_CUSTOMERS } from '../../sandbox/customers/demoCustomers';
import { call, fixedClock, startTestSandbox, type TestSandbox } from '../support/sandboxServer';

const ORDERS = (c: string) => `/v1/customers/${c}/orders`;
const TRACKING = (c: string, o: string) => `/v1/customers/${c}/orders/${o}/tracking`;

for (const store of ['memory', 'redis'] as const) {
  describe(`sandbox shipping (${store})`, () => {
    let sb: TestSandbox;
    before(async () => {
      sb = await startTestSandbox({ store, clock: fixedClock('2026-11-26T12:00:00.000Z') });
    });
    after(async () => sb.close());

    describe('GET /v1/customers/{customerId}/orders', () => {
      it("lists a customer's orders newest first, without the event history", async () => {
        const r = await call(sb, 'GET', ORDERS('cus-ava'));
        assert.equal(r.status, 200);
        const { orders } = OrderList.parse(r.body);
        assert.deepEqual(
          orders.map((o) => [o.id, o.status, o.carrier, o.eta]),
          [
            ['PS-10042', 'in_transit', 'ups', '2026-11-28'],
            ['PS-10031', 'delivered', 'usps', null],
            ['PS-10018', 'delivered', 'fedex', null],
          ],
        );
        assert.ok(orders.every((o) => o.customerId === 'cus-ava'));
        assert.equal(r.body.orders[0].events, undefined);
        const placed = orders.map((o) => Date.parse(o.placedAt));
        assert.deepEqual(placed, [...placed].sort((a, b) => b - a));
      });

      it('gives every demo customer 2 to 4 orders and covers every shipping state', async () => {
        const seen = new Set<ShipmentStatus>();
        for (const c of DEMO_CUSTOMERS) {
          const { orders } = OrderList.parse((await call(sb, 'GET', ORDERS(c.id))).body);
          assert.ok(orders.length >= 2 && orders.length <= 4, `${c.id} has ${orders.length}`);
          orders.forEach((o) => seen.add(o.status));
        }
        assert.deepEqual([...seen].sort(), ['attempt_failed', 'delayed', 'delivered', 'exception', 'in_transit', 'label_created', 'out_for_delivery', 'returned']);
        const ben = OrderList.parse((await call(sb, 'GET', ORDERS('cus-ben'))).body).orders.map((o) => o.status);
        assert.ok(ben.includes('out_for_delivery') && ben.includes('exception'));
        const chloe = OrderList.parse((await call(sb, 'GET', ORDERS('cus-chloe'))).body).orders.map((o) => o.status);
        assert.ok(chloe.includes('delayed') && chloe.includes('label_created'));
      });

      it('honours limit and refuses a bad one or an unknown query parameter (422)', async () => {
        const one = await call(sb, 'GET', `${ORDERS('cus-ava')}?limit=1`);
        assert.deepEqual(one.body.orders.map((o: { id: string }) => o.id), ['PS-10042']);
        for (const q of ['limit=0', 'limit=51', 'limit=x', 'status=delivered']) {
          const r = await call(sb, 'GET', `${ORDERS('cus-ava')}?${q}`);
          assert.equal(r.status, 422, q);
          assert.equal(r.body.code, 'validation_failed');
        }
      });

      it('404s an unknown customer, 401s without a token, 405s a wrong method', async () => {
        const missing = await call(sb, 'GET', ORDERS('cus-nobody'));
        assert.equal(missing.status, 404);
        assert.match(missing.headers.get('content-type') ?? '', /application\/problem\+json/);
        assert.equal((await call({ ...sb, token: 'not-the-token-at-all' }, 'GET', ORDERS('cus-ava'))).status, 401);
        const post = await call(sb, 'POST', ORDERS('cus-ava'), {});
        assert.equal(post.status, 405);
        assert.match(post.headers.get('allow') ?? '', /GET/);
      });
    });

    describe('GET /v1/customers/{customerId}/orders/{orderId}/tracking', () => {
      it('shows carrier, tracking number, status, ETA and the history oldest first', async () => {
        const r = await call(sb, 'GET', TRACKING('cus-ava', 'PS-10042'));
        assert.equal(r.status, 200);
        const t = Tracking.parse(r.body);
        assert.deepEqual([t.orderId, t.carrier, t.trackingNumber, t.status, t.eta], ['PS-10042', 'ups', '1Z9A7W430312345678', 'in_transit', '2026-11-28']);
        assert.ok(t.events.length >= 3);
        const times = t.events.map((e) => Date.parse(e.occurredAt));
        assert.deepEqual(times, [...times].sort((a, b) => a - b));
        assert.equal(t.events[0]!.status, 'label_created');
        assert.equal(t.events.at(-1)!.status, t.status);
        assert.ok(times.every((x) => x <= Date.parse('2026-11-26T12:00:00.000Z')));
      });

      it('has a reason in the history of the exception and the delay', async () => {
        const exception = Tracking.parse((await call(sb, 'GET', TRACKING('cus-ben', 'PS-10036'))).body);
        assert.equal(exception.status, 'exception');
        assert.match(exception.events.at(-1)!.description, /damaged/i);
        const delayed = Tracking.parse((await call(sb, 'GET', TRACKING('cus-chloe', 'PS-10039'))).body);
        assert.equal(delayed.status, 'delayed');
        assert.match(delayed.events.at(-1)!.description, /weather/i);
      });

      it('accepts the order id in any case', async () => {
        assert.equal((await call(sb, 'GET', TRACKING('cus-ava', 'ps-10042'))).body.orderId, 'PS-10042');
      });

      it("404s another customer's order exactly like a missing one", async () => {
        const other = await call(sb, 'GET', TRACKING('cus-ben', 'PS-10042'));
        const missing = await call(sb, 'GET', TRACKING('cus-ben', 'PS-99999'));
        assert.equal(other.status, 404);
        assert.equal(missing.status, 404);
        assert.equal(other.body.code, missing.body.code);
        assert.equal(other.body.detail.replace('PS-10042', 'X'), missing.body.detail.replace('PS-99999', 'X'));
        assert.equal((await call(sb, 'GET', TRACKING('cus-nobody', 'PS-10042'))).status, 404);
      });

      it('422s a malformed order id and 405s a wrong method', async () => {
        assert.equal((await call(sb, 'GET', TRACKING('cus-ava', 'PS%2010042'))).status, 422);
        const del = await call(sb, 'DELETE', TRACKING('cus-ava', 'PS-10042'));
        assert.equal(del.status, 405);
      });
    });
  });
}

describe('sandbox shipping seed', () => {
  it('is relative to the clock', async () => {
    const sb = await startTestSandbox({ clock: fixedClock('2027-03-01T08:00:00.000Z') });
    try {
      const t = Tracking.parse((await call(sb, 'GET', TRACKING('cus-ava', 'PS-10042'))).body);
      assert.equal(t.eta, '2027-03-03');
      assert.ok(t.events.every((e) => e.occurredAt < '2027-03-01T08:00:00.000Z' && e.occurredAt > '2027-02-20'));
      const ben = Tracking.parse((await call(sb, 'GET', TRACKING('cus-ben', 'PS-10040'))).body);
      assert.deepEqual([ben.status, ben.eta], ['out_for_delivery', '2027-03-01']);
    } finally {
      await sb.close();
    }
  });
});
