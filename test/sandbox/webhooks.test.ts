import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { CarrierEventAck, Tracking, type CarrierEvent, type ShipmentEvent } from '../../contracts/shipping';
import { loadConfig } from '../../bin/config';
import { silentLogger } from '../../platform/logger';
import type { DocStore } from '../../platform/store/docStore';
import type { EventStream } from '../../platform/store/eventStream';
import { MemoryDocStore } from '../../platform/store/memoryDocStore';
import { MemoryEventStream } from '../../platform/store/memoryEventStream';
import { RedisDocStore } from '../../platform/store/redisDocStore';
import { createSandboxApp } from '../../sandbox/createSandboxApp';
import { FaultInjector } from '../../sandbox/http/faults';
import { seedSandbox } from '../../sandbox/seed';
import { signCarrierPayload } from '../../sandbox/shipping/carrierSignature';
import { eventually } from '../contracts/eventStream.contract';
import { testRedis } from '../support/redisServer';
import { call, fixedClock, SANDBOX_TOKEN, startTestSandbox, type TestSandbox } from '../support/sandboxServer';

const SECRETS = loadConfig({}).CARRIER_SECRETS;
const AVA_UPS = '1Z9A7W430312345678'; // PS-10042, in_transit, latest event 9 h before the clock
const BEN_FEDEX = '784392011540'; // PS-10040, out_for_delivery
const NOW = Date.parse('2026-11-26T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString();

/** POSTs a raw body as a carrier would: no service token, HMAC signature of the exact bytes. */
async function deliver(
  sb: { url: string },
  carrier: string,
  body: unknown,
  opts: { secret?: string; signature?: string | null; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const signature = opts.signature === undefined ? signCarrierPayload(opts.secret ?? SECRETS[carrier] ?? 'x', raw) : opts.signature;
  const res = await fetch(`${sb.url}/v1/carriers/${carrier}/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-carrier-signature': signature }), ...opts.headers },
    body: raw,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

const event = (over: Partial<CarrierEvent> = {}): CarrierEvent => ({
  eventId: `evt-${randomUUID()}`,
  trackingNumber: AVA_UPS,
  status: 'out_for_delivery',
  occurredAt: hoursAgo(1),
  description: 'Out for delivery',
  location: 'Portland, OR',
  ...over,
});

const tracking = async (sb: TestSandbox, customer = 'cus-ava', order = 'PS-10042') => Tracking.parse((await call(sb, 'GET', `/v1/customers/${customer}/orders/${order}/tracking`)).body);

for (const store of ['memory', 'redis'] as const) {
  describe(`sandbox carrier webhooks (${store})`, () => {
    let sb: TestSandbox;
    beforeEach(async () => {
      sb = await startTestSandbox({ store, clock: fixedClock() });
    });
    afterEach(async () => sb.close());

    it('applies a signed event (no service token needed) and moves the status and ETA on', async () => {
      const e = event({ eta: '2026-11-26' });
      const r = await deliver(sb, 'ups', e);
      assert.equal(r.status, 200);
      assert.deepEqual(CarrierEventAck.parse(r.body), { eventId: e.eventId, duplicate: false, statusChanged: true });
      const t = await tracking(sb);
      assert.deepEqual([t.status, t.eta], ['out_for_delivery', '2026-11-26']);
      assert.deepEqual(t.events.at(-1), { id: e.eventId, status: 'out_for_delivery', description: 'Out for delivery', location: 'Portland, OR', occurredAt: e.occurredAt });
      const list = await call(sb, 'GET', '/v1/customers/cus-ava/orders');
      assert.equal(list.body.orders[0].status, 'out_for_delivery');
    });

    it('verifies the signature over the raw bytes, not re-serialised JSON', async () => {
      const e = event();
      const raw = `{\n  "status": "out_for_delivery",  "eventId": "${e.eventId}", "trackingNumber": "${AVA_UPS}", "occurredAt": "${e.occurredAt}"\n}`;
      assert.equal((await deliver(sb, 'ups', raw)).status, 200);
      const resigned = signCarrierPayload(SECRETS.ups!, JSON.stringify(JSON.parse(raw)));
      assert.equal((await deliver(sb, 'ups', raw.replace('evt-', 'evu-'), { signature: resigned })).status, 401);
    });

    it('refuses a bad, malformed, missing or other-carrier signature with 401 and applies nothing', async () => {
      const e = event();
      const good = signCarrierPayload(SECRETS.ups!, JSON.stringify(e));
      const cases: Record<string, Parameters<typeof deliver>[3]> = {
        tampered: { signature: signCarrierPayload(SECRETS.ups!, JSON.stringify({ ...e, status: 'delivered' })) },
        missing: { signature: null },
        malformed: { signature: 'sha256=xyz' },
        'no scheme': { signature: good.slice('sha256='.length) },
        'wrong secret': { secret: SECRETS.fedex },
        truncated: { signature: good.slice(0, -2) },
      };
      for (const [name, opts] of Object.entries(cases)) {
        const r = await deliver(sb, 'ups', e, opts);
        assert.equal(r.status, 401, name);
        assert.equal(r.body.code, 'invalid_signature', name);
        assert.ok(r.headers.get('www-authenticate'), name);
      }
      // A service token is no substitute for the signature.
      assert.equal((await deliver(sb, 'ups', e, { signature: null, headers: { authorization: `Bearer ${SANDBOX_TOKEN}` } })).status, 401);
      assert.equal((await tracking(sb)).status, 'in_transit');
      assert.deepEqual(await sb.shipmentEvents.read(), []);
    });

    it('404s an unknown carrier and an unknown tracking number; 422s an invalid event', async () => {
      const unknownCarrier = await deliver(sb, 'dhl', event(), { secret: 'whatever' });
      assert.equal(unknownCarrier.status, 404);
      assert.equal((await deliver(sb, '__proto__', event(), { secret: 'x' })).status, 404);
      const unknownNumber = await deliver(sb, 'ups', event({ trackingNumber: '1Z0000000000000000' }));
      assert.deepEqual([unknownNumber.status, unknownNumber.body.code], [404, 'unknown_tracking_number']);
      // Tracking numbers belong to one carrier: Ava's UPS number is unknown to FedEx.
      assert.equal((await deliver(sb, 'fedex', event())).status, 404);
      const invalid = await deliver(sb, 'ups', { ...event(), status: 'lost', occurredAt: 'yesterday' });
      assert.equal(invalid.status, 422);
      assert.deepEqual(invalid.body.errors.map((e: { path: string }) => e.path).sort(), ['occurredAt', 'status']);
      assert.equal((await call(sb, 'GET', '/v1/carriers/ups/webhooks')).status, 405);
      assert.deepEqual(await sb.shipmentEvents.read(), []);
    });

    it('acknowledges a repeated event id as a duplicate and applies nothing again', async () => {
      const e = event();
      assert.equal((await deliver(sb, 'ups', e)).body.duplicate, false);
      const again = await deliver(sb, 'ups', { ...e, status: 'delivered', occurredAt: hoursAgo(0.5) });
      assert.equal(again.status, 200);
      assert.deepEqual(again.body, { eventId: e.eventId, duplicate: true, statusChanged: false });
      const t = await tracking(sb);
      assert.equal(t.status, 'out_for_delivery');
      assert.equal(t.events.filter((x) => x.id === e.eventId).length, 1);
    });

    it('treats an id already in the history (seeded) as a duplicate', async () => {
      const seeded = (await tracking(sb)).events[1]!;
      const r = await deliver(sb, 'ups', event({ eventId: seeded.id, status: 'delivered' }));
      assert.deepEqual(r.body, { eventId: seeded.id, duplicate: true, statusChanged: false });
      assert.equal((await tracking(sb)).status, 'in_transit');
    });

    it('keeps an older event in history (in time order) without moving the status backwards', async () => {
      const newer = event({ status: 'out_for_delivery', occurredAt: hoursAgo(1) });
      await deliver(sb, 'ups', newer);
      const older = event({ status: 'in_transit', occurredAt: hoursAgo(5), description: 'Arrived at facility', location: 'Portland, OR', eta: '2026-12-24' });
      const r = await deliver(sb, 'ups', older);
      assert.deepEqual(r.body, { eventId: older.eventId, duplicate: false, statusChanged: false });
      const t = await tracking(sb);
      assert.deepEqual([t.status, t.eta], ['out_for_delivery', '2026-11-28']);
      assert.deepEqual(t.events.slice(-2).map((x) => x.id), [older.eventId, newer.eventId]);
      const times = t.events.map((x) => Date.parse(x.occurredAt));
      assert.deepEqual(times, [...times].sort((a, b) => a - b));
    });

    it('clears the ETA on delivery and does not count a repeated status as a change', async () => {
      const scan = await deliver(sb, 'ups', event({ status: 'in_transit', occurredAt: hoursAgo(2) }));
      assert.equal(scan.body.statusChanged, false);
      await deliver(sb, 'ups', event({ status: 'delivered', occurredAt: hoursAgo(1), eta: '2026-11-27' }));
      const t = await tracking(sb);
      assert.deepEqual([t.status, t.eta], ['delivered', null]);
    });

    it('publishes an accepted event on the stream once; a duplicate is not published again', async () => {
      const got: ShipmentEvent[] = [];
      const stop = sb.shipmentEvents.subscribe((entry) => void got.push(entry.event));
      try {
        const e = event({ eta: '2026-11-26' });
        await deliver(sb, 'ups', e);
        await eventually(() => assert.equal(got.length, 1));
        assert.deepEqual(got[0], {
          type: 'shipment.status',
          eventId: e.eventId,
          orderId: 'PS-10042',
          customerId: 'cus-ava',
          carrier: 'ups',
          trackingNumber: AVA_UPS,
          status: 'out_for_delivery',
          statusChanged: true,
          occurredAt: e.occurredAt,
          description: 'Out for delivery',
          location: 'Portland, OR',
          eta: '2026-11-26',
        });
        await deliver(sb, 'ups', e);
        const late = event({ status: 'in_transit', occurredAt: hoursAgo(3) });
        await deliver(sb, 'ups', late);
        await eventually(() => assert.equal(got.length, 2));
        assert.deepEqual([got[1]!.eventId, got[1]!.statusChanged], [late.eventId, false]);
        await new Promise((r) => setTimeout(r, 200));
        assert.equal(got.length, 2);
        assert.deepEqual((await sb.shipmentEvents.read()).map((x) => x.event.eventId), [e.eventId, late.eventId]);
      } finally {
        stop();
      }
    });

    it('applies an event once when the carrier delivers it many times at once', async () => {
      const e = event({ trackingNumber: BEN_FEDEX, status: 'delivered', occurredAt: hoursAgo(0.5) });
      const results = await Promise.all(Array.from({ length: 10 }, () => deliver(sb, 'fedex', e)));
      assert.ok(results.every((r) => r.status === 200));
      assert.equal(results.filter((r) => r.body.duplicate === false).length, 1);
      const t = await tracking(sb, 'cus-ben', 'PS-10040');
      assert.equal(t.status, 'delivered');
      assert.equal(t.events.filter((x) => x.id === e.eventId).length, 1);
      // At-least-once: racing redeliveries may publish again, never zero times; consumers dedupe by id.
      const published = (await sb.shipmentEvents.read()).filter((x) => x.event.eventId === e.eventId);
      assert.ok(published.length >= 1);
    });

    it('honours Idempotency-Key like every POST', async () => {
      const e = event();
      const first = await deliver(sb, 'ups', e, { headers: { 'idempotency-key': 'k-1' } });
      const replay = await deliver(sb, 'ups', e, { headers: { 'idempotency-key': 'k-1' } });
      assert.deepEqual(replay.body, first.body);
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      assert.equal((await sb.shipmentEvents.read()).length, 1);
    });

    it('documents the webhook as public (no service token) in the OpenAPI document', async () => {
      const doc = (await call(sb, 'GET', '/openapi.json')).body;
      assert.deepEqual(doc.paths['/v1/carriers/{carrier}/webhooks'].post.security, []);
    });
  });
}

/** An event stream whose next publishes fail (Redis unreachable, say), wrapping a real one. */
class FlakyStream<T> extends MemoryEventStream<T> {
  failures = 0;
  override async publish(event: T): Promise<string> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('stream unavailable');
    }
    return super.publish(event);
  }
}

for (const store of ['memory', 'redis'] as const) {
  describe(`sandbox carrier webhooks: publish after commit (${store})`, () => {
    let server: Server;
    let url: string;
    let stream: FlakyStream<ShipmentEvent>;
    let docs: DocStore;
    let redis: Redis | undefined;
    beforeEach(async () => {
      redis = store === 'redis' ? (await testRedis()).client() : undefined;
      docs = redis ? new RedisDocStore(redis, `t${randomUUID().slice(0, 8)}:`) : new MemoryDocStore();
      stream = new FlakyStream<ShipmentEvent>();
      const clock = fixedClock();
      await seedSandbox(docs, clock);
      const deps = { store: docs, clock, logger: silentLogger(), shipmentEvents: stream as EventStream<ShipmentEvent>, carrierSecrets: SECRETS, token: SANDBOX_TOKEN, idempotencySecret: 'test-idempotency-secret', faults: new FaultInjector() };
      server = createServer(createSandboxApp(deps).app);
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterEach(async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      redis?.disconnect();
    });

    it('answers 503 when the stream is down, and the redelivery (a duplicate) publishes it', async () => {
      const e = event();
      stream.failures = 1;
      const first = await deliver({ url }, 'ups', e);
      assert.equal(first.status, 503);
      // Committed already: the order moved on even though the stream did not get it yet.
      const t = Tracking.parse((await call({ url, token: SANDBOX_TOKEN }, 'GET', '/v1/customers/cus-ava/orders/PS-10042/tracking')).body);
      assert.equal(t.status, 'out_for_delivery');
      assert.deepEqual(await stream.read(), []);
      const redelivery = await deliver({ url }, 'ups', e);
      assert.deepEqual([redelivery.status, redelivery.body.duplicate], [200, true]);
      assert.deepEqual((await stream.read()).map((x) => [x.event.eventId, x.event.statusChanged]), [[e.eventId, true]]);
      await deliver({ url }, 'ups', e);
      assert.equal((await stream.read()).length, 1);
    });
  });
}
