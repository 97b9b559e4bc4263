import assert from 'node:assert/strict';
import { Subscription, SubscriptionList, SkipResult } from '../../contracts/subscriptions';
import { call, fixedClock, startTestSandbox, type TestSandbox } from '../support/sandboxServer';

// Seeded relative to the fixed clock: today is 2026-11-26.
const TODAY = '2026-11-26';
const BEN = '/v1/customers/cus-ben/subscriptions';
const LITTER = `${BEN}/sub-ben-1`; // active, every 2 weeks, qty 2, next 2026-11-29
const INDOOR = `${BEN}/sub-ben-2`; // paused until 2026-12-17, every 4 weeks
const TREATS = `${BEN}/sub-ben-3`; // cancelled

function subscriptionsSuite(store: 'memory' | 'redis') {
  describe(`sandbox subscriptions (${store} store)`, () => {
    let sb: TestSandbox;
    let clock: ReturnType<typeof fixedClock>;
    beforeEach(async () => {
      clock = fixedClock();
      sb = await startTestSandbox({ store, clock });
    });
    afterEach(async () => sb.close());

    const expectProblem = (r: { status: number; body: any; headers: Headers }, status: number, code: string) => {
      assert.equal(r.status, status, JSON.stringify(r.body));
      assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.equal(r.body.code, code);
      assert.equal(r.body.status, status);
    };

    describe('list and get', () => {
      it('lists the seeded subscriptions of a customer, each naming its product, as the contract says', async () => {
        const r = await call(sb, 'GET', BEN);
        assert.equal(r.status, 200);
        const { subscriptions } = SubscriptionList.parse(r.body);
        assert.deepEqual(
          subscriptions.map((s) => [s.id, s.product.name, s.status, s.quantity, s.frequencyWeeks, s.nextDeliveryDate, s.pausedUntil]),
          [
            ['sub-ben-1', 'Clumping Cat Litter 40 lb', 'active', 2, 2, '2026-11-29', null],
            ['sub-ben-2', 'Indoor Cat Food 12 lb', 'paused', 1, 4, '2026-12-17', '2026-12-17'],
            ['sub-ben-3', 'Salmon Cat Treats', 'cancelled', 3, 3, null, null],
          ],
        );
        assert.equal(subscriptions[2]!.cancelReason, 'too_much_product');
        assert.ok(subscriptions.every((s) => s.customerId === 'cus-ben' && s.version === 1));
      });

      it('has the demo data of every customer (ava 2, chloe 1, diego none, emma 2)', async () => {
        const names = async (c: string) => ((await call(sb, 'GET', `/v1/customers/${c}/subscriptions`)).body.subscriptions as Subscription[]).map((s) => `${s.product.name}|${s.status}`);
        assert.deepEqual(await names('cus-ava'), ['Grain-Free Salmon Dog Food 24 lb|active', 'Flea & Tick Chews 6-pack|active']);
        assert.deepEqual(await names('cus-chloe'), ['Puppy Kibble 15 lb|active']);
        assert.deepEqual(await names('cus-diego'), []);
        assert.deepEqual(await names('cus-emma'), ['Wild Bird Seed Mix 20 lb|active', 'Dental Dog Chews 30-count|active']);
        const ava = (await call(sb, 'GET', '/v1/customers/cus-ava/subscriptions')).body.subscriptions as Subscription[];
        assert.deepEqual(ava.map((s) => s.frequencyWeeks), [4, 12]);
      });

      it('gets one subscription with its version as a strong ETag', async () => {
        const r = await call(sb, 'GET', LITTER);
        assert.equal(r.status, 200);
        assert.equal(Subscription.parse(r.body).id, 'sub-ben-1');
        assert.equal(r.headers.get('etag'), '"1"');
      });

      it('answers 404 for an unknown customer, an unknown subscription and another customer’s subscription alike', async () => {
        expectProblem(await call(sb, 'GET', '/v1/customers/cus-nobody/subscriptions'), 404, 'not_found');
        expectProblem(await call(sb, 'GET', `${BEN}/sub-nope`), 404, 'not_found');
        const foreign = await call(sb, 'GET', '/v1/customers/cus-ava/subscriptions/sub-ben-1');
        const missing = await call(sb, 'GET', '/v1/customers/cus-ava/subscriptions/sub-zzz-9');
        expectProblem(foreign, 404, 'not_found');
        assert.equal(foreign.body.detail.replace('sub-ben-1', 'X'), missing.body.detail.replace('sub-zzz-9', 'X'), 'no hint that the id exists');
      });

      it('answers 422 for a malformed customer id', async () => {
        expectProblem(await call(sb, 'GET', '/v1/customers/CUS%20AVA/subscriptions'), 422, 'validation_failed');
      });

      it('reads as of today: an ended pause is active, and past deliveries roll the schedule forward', async () => {
        clock.set('2026-12-20T09:00:00.000Z');
        const indoor = (await call(sb, 'GET', INDOOR)).body as Subscription;
        assert.equal(indoor.status, 'active');
        assert.equal(indoor.pausedUntil, null);
        assert.equal(indoor.nextDeliveryDate, '2027-01-14', '2026-12-17 has shipped; next is 4 weeks later');
        const litter = (await call(sb, 'GET', LITTER)).body as Subscription;
        assert.equal(litter.nextDeliveryDate, '2026-12-27', '11-29, 12-13 shipped; next is 12-27');
        assert.equal(litter.version, 1, 'reading changes nothing');
      });
    });

    describe('modify (PATCH)', () => {
      it('changes frequency, quantity and next delivery date in one request and bumps the version', async () => {
        const r = await call(sb, 'PATCH', LITTER, { frequencyWeeks: 3, quantity: 4, nextDeliveryDate: '2026-12-02' }, { 'if-match': '"1"' });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        const sub = Subscription.parse(r.body);
        assert.deepEqual([sub.frequencyWeeks, sub.quantity, sub.nextDeliveryDate, sub.version], [3, 4, '2026-12-02', 2]);
        assert.equal(r.headers.get('etag'), '"2"');
        const again = await call(sb, 'GET', LITTER);
        assert.deepEqual(again.body, r.body);
        assert.equal(again.headers.get('etag'), '"2"');
      });

      it('accepts the boundaries (1 and 26 weeks, 1 and 20 items, today and +180 days)', async () => {
        for (const body of [{ frequencyWeeks: 1 }, { frequencyWeeks: 26 }, { quantity: 1 }, { quantity: 20 }, { nextDeliveryDate: TODAY }, { nextDeliveryDate: '2027-05-25' }]) {
          const r = await call(sb, 'PATCH', LITTER, body);
          assert.equal(r.status, 200, `${JSON.stringify(body)} → ${JSON.stringify(r.body)}`);
        }
        assert.equal((await call(sb, 'GET', LITTER)).body.version, 7);
      });

      it('answers 422 naming each failing field, and changes nothing', async () => {
        const cases: [unknown, string][] = [
          [{ frequencyWeeks: 0 }, 'frequencyWeeks'],
          [{ frequencyWeeks: 27 }, 'frequencyWeeks'],
          [{ frequencyWeeks: 2.5 }, 'frequencyWeeks'],
          [{ quantity: 0 }, 'quantity'],
          [{ quantity: 21 }, 'quantity'],
          [{ quantity: '2' }, 'quantity'],
          [{ nextDeliveryDate: '2026-11-25' }, 'nextDeliveryDate'],
          [{ nextDeliveryDate: '2027-05-26' }, 'nextDeliveryDate'],
          [{ nextDeliveryDate: '26/12/2026' }, 'nextDeliveryDate'],
          [{}, '(body)'],
          [{ quantity: 2, colour: 'red' }, '(body)'],
        ];
        for (const [body, field] of cases) {
          const r = await call(sb, 'PATCH', LITTER, body);
          expectProblem(r, 422, 'validation_failed');
          assert.ok(
            (r.body.errors as { path: string }[]).some((e) => e.path === field),
            `${JSON.stringify(body)} should name ${field}: ${JSON.stringify(r.body.errors)}`,
          );
        }
        assert.equal((await call(sb, 'GET', LITTER)).body.version, 1);
      });

      it('refuses a next delivery date before the end of a pause (422) and allows one after it', async () => {
        const r = await call(sb, 'PATCH', INDOOR, { nextDeliveryDate: '2026-12-10' });
        expectProblem(r, 422, 'validation_failed');
        assert.equal(r.body.errors[0].path, 'nextDeliveryDate');
        const ok = await call(sb, 'PATCH', INDOOR, { nextDeliveryDate: '2026-12-20', quantity: 2 });
        assert.equal(ok.status, 200);
        assert.equal(ok.body.status, 'paused');
      });

      it('answers 409 subscription_cancelled for a cancelled subscription', async () => {
        expectProblem(await call(sb, 'PATCH', TREATS, { quantity: 1 }), 409, 'subscription_cancelled');
      });

      it('answers 409 version_conflict for a stale If-Match, in either form, and accepts the current one', async () => {
        assert.equal((await call(sb, 'PATCH', LITTER, { quantity: 3 }, { 'if-match': '1' })).status, 200);
        for (const stale of ['"1"', '1', 'W/"1"']) {
          const r = await call(sb, 'PATCH', LITTER, { quantity: 5 }, { 'if-match': stale });
          expectProblem(r, 409, 'version_conflict');
          assert.equal(r.body.currentVersion, 2);
          assert.equal(r.headers.get('etag'), '"2"');
        }
        assert.equal((await call(sb, 'PATCH', LITTER, { quantity: 5 }, { 'if-match': '"2"' })).status, 200);
        assert.equal((await call(sb, 'PATCH', LITTER, { quantity: 6 }, { 'if-match': '*' })).status, 200);
        const now = (await call(sb, 'GET', LITTER)).body as Subscription;
        assert.deepEqual([now.quantity, now.version], [6, 4]);
      });

      it('answers 400 for a malformed If-Match', async () => {
        expectProblem(await call(sb, 'PATCH', LITTER, { quantity: 3 }, { 'if-match': 'version-one' }), 400, 'bad_request');
      });

      it('lets exactly one of two modifications with the same version win; the other gets 409', async () => {
        const [a, b] = await Promise.all([
          call(sb, 'PATCH', LITTER, { quantity: 7 }, { 'if-match': '"1"' }),
          call(sb, 'PATCH', LITTER, { frequencyWeeks: 5 }, { 'if-match': '"1"' }),
        ]);
        assert.deepEqual([a.status, b.status].sort(), [200, 409]);
        const loser = a.status === 409 ? a : b;
        assert.equal(loser.body.code, 'version_conflict');
        const now = (await call(sb, 'GET', LITTER)).body as Subscription;
        assert.equal(now.version, 2);
        assert.ok((now.quantity === 7) !== (now.frequencyWeeks === 5), 'only the winner’s change is there');
      });

      it('lets exactly one of 20 concurrent writers with the same version win', async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => call(sb, 'PATCH', LITTER, { quantity: (i % 20) + 1 }, { 'if-match': '"1"' })),
        );
        assert.equal(results.filter((r) => r.status === 200).length, 1);
        assert.ok(results.filter((r) => r.status !== 200).every((r) => r.status === 409 && r.body.code === 'version_conflict'));
        assert.equal((await call(sb, 'GET', LITTER)).body.version, 2);
      });

      it('never loses an update between concurrent writers without If-Match', async () => {
        const results = await Promise.all(Array.from({ length: 10 }, (_, i) => call(sb, 'PATCH', LITTER, { quantity: i + 1 })));
        assert.ok(results.every((r) => r.status === 200));
        assert.deepEqual(results.map((r) => r.body.version).sort((x, y) => x - y), [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        assert.equal((await call(sb, 'GET', LITTER)).body.version, 11);
      });

      it('answers 404 for another customer’s subscription and changes nothing', async () => {
        expectProblem(await call(sb, 'PATCH', '/v1/customers/cus-ava/subscriptions/sub-ben-1', { quantity: 9 }), 404, 'not_found');
        assert.equal((await call(sb, 'GET', LITTER)).body.quantity, 2);
      });
    });

    describe('pause', () => {
      it('pauses for N weeks: pausedUntil is today + N weeks and the next delivery moves to it', async () => {
        const r = await call(sb, 'POST', `${LITTER}/pause`, { weeks: 3 }, { 'if-match': '"1"' });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        const sub = Subscription.parse(r.body);
        assert.deepEqual([sub.status, sub.pausedUntil, sub.nextDeliveryDate, sub.version], ['paused', '2026-12-17', '2026-12-17', 2]);
        assert.equal(r.headers.get('etag'), '"2"');
      });

      it('pauses until a date and keeps a later scheduled delivery where it was', async () => {
        const r = await call(sb, 'POST', '/v1/customers/cus-ava/subscriptions/sub-ava-2/pause', { until: '2026-12-01' });
        assert.equal(r.status, 200);
        assert.deepEqual([r.body.status, r.body.pausedUntil, r.body.nextDeliveryDate], ['paused', '2026-12-01', '2026-12-19']);
      });

      it('re-pausing a paused subscription sets the new resume date as the next delivery', async () => {
        const r = await call(sb, 'POST', `${INDOOR}/pause`, { until: '2027-01-10' });
        assert.equal(r.status, 200);
        assert.deepEqual([r.body.pausedUntil, r.body.nextDeliveryDate], ['2027-01-10', '2027-01-10']);
      });

      it('answers 422 naming the field for an end date not after today or too far ahead, or for both/neither given', async () => {
        for (const [body, field] of [
          [{ until: TODAY }, 'until'],
          [{ until: '2026-01-01' }, 'until'],
          [{ until: '2027-05-28' }, 'until'],
          [{ weeks: 0 }, 'weeks'],
          [{ weeks: 27 }, 'weeks'],
          [{ weeks: 2, until: '2026-12-24' }, '(body)'],
          [{}, '(body)'],
        ] as const) {
          const r = await call(sb, 'POST', `${LITTER}/pause`, body);
          expectProblem(r, 422, 'validation_failed');
          assert.equal(r.body.errors[0].path, field, JSON.stringify(body));
        }
        assert.equal((await call(sb, 'POST', `${LITTER}/pause`, { until: '2027-05-27' })).status, 200, '26 weeks is allowed');
      });

      it('answers 409 for a cancelled subscription', async () => {
        expectProblem(await call(sb, 'POST', `${TREATS}/pause`, { weeks: 2 }), 409, 'subscription_cancelled');
      });
    });

    describe('resume', () => {
      it('makes a paused subscription active with its next delivery within one cycle from today', async () => {
        const r = await call(sb, 'POST', `${INDOOR}/resume`, undefined, { 'if-match': '"1"' });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        const sub = Subscription.parse(r.body);
        assert.deepEqual([sub.status, sub.pausedUntil, sub.nextDeliveryDate, sub.version], ['active', null, '2026-12-17', 2]);
        // Paused far ahead, resumed now: the next delivery comes back to today + 4 weeks.
        await call(sb, 'POST', `${INDOOR}/pause`, { until: '2027-03-01' });
        const again = await call(sb, 'POST', `${INDOOR}/resume`, {});
        assert.equal(again.body.nextDeliveryDate, '2026-12-24');
        assert.ok(again.body.nextDeliveryDate >= TODAY);
      });

      it('answers 409 subscription_not_paused for an active one and subscription_cancelled for a cancelled one', async () => {
        const r = await call(sb, 'POST', `${LITTER}/resume`);
        expectProblem(r, 409, 'subscription_not_paused');
        assert.equal(r.body.subscriptionStatus, 'active');
        expectProblem(await call(sb, 'POST', `${TREATS}/resume`), 409, 'subscription_cancelled');
      });

      it('answers 422 for unexpected fields', async () => {
        expectProblem(await call(sb, 'POST', `${INDOOR}/resume`, { now: true }), 422, 'validation_failed');
      });
    });

    describe('skip', () => {
      it('skips the next delivery: the new next date is the skipped one + frequency', async () => {
        const r = await call(sb, 'POST', `${LITTER}/skip`, {}, { 'if-match': '"1"' });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        const out = SkipResult.parse(r.body);
        assert.deepEqual([out.skippedDate, out.nextDeliveryDate, out.subscription.nextDeliveryDate, out.subscription.version], ['2026-11-29', '2026-12-13', '2026-12-13', 2]);
        assert.equal(r.headers.get('etag'), '"2"');
        const twice = await call(sb, 'POST', `${LITTER}/skip`);
        assert.deepEqual([twice.body.skippedDate, twice.body.nextDeliveryDate], ['2026-12-13', '2026-12-27']);
      });

      it('answers 409 subscription_paused for a paused one and subscription_cancelled for a cancelled one', async () => {
        expectProblem(await call(sb, 'POST', `${INDOOR}/skip`), 409, 'subscription_paused');
        expectProblem(await call(sb, 'POST', `${TREATS}/skip`), 409, 'subscription_cancelled');
      });
    });

    describe('cancel', () => {
      it('cancels with a reason and a comment; later writes are refused', async () => {
        const r = await call(sb, 'POST', `${LITTER}/cancel`, { reason: 'switching_product', comment: 'Trying a pine litter.' }, { 'if-match': '"1"' });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        const sub = Subscription.parse(r.body);
        assert.deepEqual(
          [sub.status, sub.nextDeliveryDate, sub.pausedUntil, sub.cancelReason, sub.cancelComment, sub.cancelledAt, sub.version],
          ['cancelled', null, null, 'switching_product', 'Trying a pine litter.', '2026-11-26T12:00:00.000Z', 2],
        );
        expectProblem(await call(sb, 'POST', `${LITTER}/cancel`, { reason: 'other' }), 409, 'subscription_cancelled');
        expectProblem(await call(sb, 'POST', `${LITTER}/pause`, { weeks: 1 }), 409, 'subscription_cancelled');
        expectProblem(await call(sb, 'POST', `${LITTER}/skip`), 409, 'subscription_cancelled');
        expectProblem(await call(sb, 'PATCH', LITTER, { quantity: 1 }), 409, 'subscription_cancelled');
      });

      it('cancels a paused subscription too (no comment needed)', async () => {
        const r = await call(sb, 'POST', `${INDOOR}/cancel`, { reason: 'moving' });
        assert.equal(r.status, 200);
        assert.deepEqual([r.body.status, r.body.pausedUntil, r.body.cancelComment], ['cancelled', null, null]);
      });

      it('answers 422 for a missing or unknown reason and an over-long comment', async () => {
        for (const [body, field] of [
          [{}, 'reason'],
          [{ reason: 'bored' }, 'reason'],
          [{ reason: 'other', comment: 'x'.repeat(501) }, 'comment'],
        ] as const) {
          const r = await call(sb, 'POST', `${LITTER}/cancel`, body);
          expectProblem(r, 422, 'validation_failed');
          assert.equal(r.body.errors[0].path, field);
        }
        assert.equal((await call(sb, 'GET', LITTER)).body.status, 'active');
      });
    });

    it('answers 404 on every write to another customer’s subscription', async () => {
      const foreign = '/v1/customers/cus-ava/subscriptions/sub-ben-2';
      expectProblem(await call(sb, 'POST', `${foreign}/pause`, { weeks: 1 }), 404, 'not_found');
      expectProblem(await call(sb, 'POST', `${foreign}/resume`), 404, 'not_found');
      expectProblem(await call(sb, 'POST', `${foreign}/skip`), 404, 'not_found');
      expectProblem(await call(sb, 'POST', `${foreign}/cancel`, { reason: 'other' }), 404, 'not_found');
      assert.equal((await call(sb, 'GET', INDOOR)).body.version, 1);
    });
  });
}

for (const store of ['memory', 'redis'] as const) subscriptionsSuite(store);
