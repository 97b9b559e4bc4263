import assert from 'node:assert/strict';
import { GiftCardBalance } from '../../contracts/giftCards';
import { ORDER_LOOKUP_MAX_FAILURES, ORDER_LOOKUP_WINDOW_SECONDS, OrderLookupResult } from '../../contracts/shipping';
import { call, fixedClock, startTestSandbox, type TestSandbox } from '../support/sandboxServer';

const LOOKUP = '/v1/orders/lookup';

for (const store of ['memory', 'redis'] as const) {
  describe(`sandbox anonymous lookups (${store})`, () => {
    let sb: TestSandbox;
    const clock = fixedClock('2026-11-26T12:00:00.000Z');
    beforeEach(async () => {
      clock.set('2026-11-26T12:00:00.000Z');
      sb = await startTestSandbox({ store, clock });
    });
    afterEach(async () => sb.close());

    describe('POST /v1/orders/lookup', () => {
      it('finds an order by its number and the ZIP code it ships to, or the e-mail it was placed with', async () => {
        const byZip = await call(sb, 'POST', LOOKUP, { orderId: 'PS-10042', zip: '97205' });
        assert.equal(byZip.status, 200);
        const t = OrderLookupResult.parse(byZip.body);
        assert.deepEqual([t.orderId, t.status, t.carrier, t.eta], ['PS-10042', 'in_transit', 'ups', '2026-11-28']);
        assert.deepEqual(t.items.map((i) => i.name), ['Grain-Free Salmon Kibble, 30 lb', 'Dental Chews, 12-pack']);
        assert.equal(byZip.body.customerId, undefined, 'an anonymous answer names no customer');

        const byEmail = await call(sb, 'POST', LOOKUP, { orderId: 'ps-10036', email: ' Ben@Example.com ' });
        assert.equal(byEmail.status, 200);
        assert.equal(OrderLookupResult.parse(byEmail.body).status, 'exception');
        const zipPlus4 = await call(sb, 'POST', LOOKUP, { orderId: 'PS-10040', zip: '78701-2345' });
        assert.equal(zipPlus4.status, 200);
      });

      it('answers a wrong ZIP, a wrong e-mail and an unknown order with the same 404', async () => {
        const answers = [
          await call(sb, 'POST', LOOKUP, { orderId: 'PS-10042', zip: '78701' }), // Ben's ZIP, Ava's order
          await call(sb, 'POST', LOOKUP, { orderId: 'PS-10042', email: 'ben@example.com' }),
          await call(sb, 'POST', LOOKUP, { orderId: 'PS-99999', zip: '97205' }),
        ];
        for (const r of answers) {
          assert.equal(r.status, 404);
          assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/);
        }
        const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined });
        assert.deepEqual(strip(answers[0]!.body), strip(answers[1]!.body));
        assert.deepEqual(strip(answers[0]!.body), strip(answers[2]!.body));
      });

      it('limits failed lookups per order number (unknown numbers alike), then lets the owner in after the window', async () => {
        for (const orderId of ['PS-10042', 'PS-99999']) {
          for (let i = 0; i < ORDER_LOOKUP_MAX_FAILURES; i++) {
            const r = await call(sb, 'POST', LOOKUP, { orderId, zip: String(10000 + i) });
            assert.equal(r.status, 404, `${orderId} try ${i + 1}`);
          }
          const blocked = await call(sb, 'POST', LOOKUP, { orderId, zip: '97205' });
          assert.equal(blocked.status, 429, orderId);
          assert.equal(blocked.body.code, 'too_many_attempts');
          assert.ok(Number(blocked.headers.get('retry-after')) > 0);
        }
        clock.advance(ORDER_LOOKUP_WINDOW_SECONDS * 1000 + 1000);
        assert.equal((await call(sb, 'POST', LOOKUP, { orderId: 'PS-10042', zip: '97205' })).status, 200);
      });

      it('limits failed lookups with one ZIP code across order numbers', async () => {
        for (let i = 0; i < ORDER_LOOKUP_MAX_FAILURES; i++) assert.equal((await call(sb, 'POST', LOOKUP, { orderId: `PS-2000${i}`, zip: '97205' })).status, 404);
        const r = await call(sb, 'POST', LOOKUP, { orderId: 'PS-10042', zip: '97205' });
        assert.equal(r.status, 429);
        // Another visitor's right proof for another order is not held up.
        assert.equal((await call(sb, 'POST', LOOKUP, { orderId: 'PS-10040', zip: '78701' })).status, 200);
      });

      it('refuses a body without exactly one of zip and email, or a malformed one (422)', async () => {
        for (const body of [
          { orderId: 'PS-10042' },
          { orderId: 'PS-10042', zip: '97205', email: 'ava@example.com' },
          { orderId: 'PS-10042', zip: '972' },
          { orderId: 'PS-10042', email: 'not-an-email' },
          { orderId: 'PS 10042!', zip: '97205' },
          { orderId: 'PS-10042', zip: '97205', customerId: 'cus-ava' },
        ]) {
          const r = await call(sb, 'POST', LOOKUP, body);
          assert.equal(r.status, 422, JSON.stringify(body));
          assert.equal(r.body.code, 'validation_failed');
        }
        // A malformed request is not a failed guess.
        assert.equal((await call(sb, 'POST', LOOKUP, { orderId: 'PS-10042', zip: '97205' })).status, 200);
      });

      it('needs the service token and answers other methods with 405', async () => {
        assert.equal((await call({ ...sb, token: 'not-the-token-at-all' }, 'POST', LOOKUP, { orderId: 'PS-10042', zip: '97205' })).status, 401);
        const get = await call(sb, 'GET', LOOKUP);
        assert.equal(get.status, 405);
        assert.match(get.headers.get('allow') ?? '', /POST/);
      });
    });

    describe('POST /v1/gift-cards/balance (no customer)', () => {
      it('shows the balance for the right number and PIN, and refuses a wrong PIN with the tries left', async () => {
        const ok = await call(sb, 'POST', '/v1/gift-cards/balance', { number: '6006491234561001', pin: '1234' });
        assert.equal(ok.status, 200);
        assert.deepEqual(GiftCardBalance.parse(ok.body).balanceCents, 5000);
        const wrong = await call(sb, 'POST', '/v1/gift-cards/balance', { number: '6006491234561001', pin: '9999' });
        assert.deepEqual([wrong.status, wrong.body.code, wrong.body.attemptsLeft], [422, 'card_or_pin_incorrect', 4]);
      });

      it('shares the failed-PIN count with the customer lookup', async () => {
        for (let i = 0; i < 4; i++) await call(sb, 'POST', '/v1/customers/cus-ava/gift-cards/balance', { number: '6006491234561005', pin: '0000' });
        const locked = await call(sb, 'POST', '/v1/gift-cards/balance', { number: '6006491234561005', pin: '0000' });
        assert.deepEqual([locked.status, locked.body.code], [429, 'card_locked']);
        assert.equal((await call(sb, 'POST', '/v1/gift-cards/balance', { number: '6006491234561005', pin: '5678' })).status, 429);
      });
    });
  });
}
