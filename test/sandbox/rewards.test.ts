import assert from 'node:assert/strict';
import { Rewards, RewardsRedemption, RewardsTransactionPage, type RewardsTransaction } from '../../contracts/rewards';
import { call, startTestSandbox, type TestSandbox } from '../support/sandboxServer';

const AVA = '/v1/customers/cus-ava/rewards';

function rewardsSuite(store: 'memory' | 'redis') {
  describe(`sandbox rewards (${store} store)`, () => {
    let sb: TestSandbox;
    beforeEach(async () => {
      sb = await startTestSandbox({ store });
    });
    afterEach(async () => sb.close());

    const expectProblem = (r: { status: number; body: any; headers: Headers }, status: number, code: string) => {
      assert.equal(r.status, status, JSON.stringify(r.body));
      assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.equal(r.body.code, code);
    };
    const rewards = async (customer: string) => Rewards.parse((await call(sb, 'GET', `/v1/customers/${customer}/rewards`)).body);
    /** The whole history, newest first, read page by page. */
    const history = async (customer: string, pageSize = 7): Promise<RewardsTransaction[]> => {
      const all: RewardsTransaction[] = [];
      for (let page: number | null = 1; page !== null; ) {
        const r = await call(sb, 'GET', `/v1/customers/${customer}/rewards/transactions?page=${page}&pageSize=${pageSize}`);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        const p = RewardsTransactionPage.parse(r.body);
        all.push(...p.transactions);
        page = p.nextPage;
      }
      return all;
    };
    const storeCredit = async (customer: string) => (await rewards(customer)).storeCreditCents;

    describe('balance and tier', () => {
      it('gives every demo customer a balance, a tier by lifetime points and the points to the next tier', async () => {
        const summary = await Promise.all(['cus-ava', 'cus-ben', 'cus-chloe', 'cus-diego', 'cus-emma'].map(rewards));
        assert.deepEqual(
          summary.map((r) => [r.customerId, r.points, r.lifetimePoints, r.tier, r.nextTier, r.pointsToNextTier]),
          [
            ['cus-ava', 3450, 6450, 'gold', null, null],
            ['cus-ben', 1240, 2140, 'silver', 'gold', 2860],
            ['cus-chloe', 350, 350, 'bronze', 'silver', 650],
            ['cus-diego', 600, 900, 'bronze', 'silver', 100],
            ['cus-emma', 0, 0, 'bronze', 'silver', 1000],
          ],
        );
        assert.ok(summary.every((r) => r.pointsPerDollar === 100 && r.currency === 'USD' && r.storeCreditCents === 0));
      });

      it('keeps the balance equal to the sum of the history for every customer', async () => {
        for (const c of ['cus-ava', 'cus-ben', 'cus-chloe', 'cus-diego', 'cus-emma']) {
          const h = await history(c);
          assert.equal(h.reduce((s, t) => s + t.points, 0), (await rewards(c)).points, c);
          if (h.length) assert.equal(h[0]!.balanceAfter, (await rewards(c)).points, `${c}: newest balanceAfter is the balance`);
        }
      });

      it('answers 404 for an unknown customer', async () => {
        expectProblem(await call(sb, 'GET', '/v1/customers/cus-nobody/rewards'), 404, 'not_found');
      });
    });

    describe('history', () => {
      it('pages the history newest first with total and nextPage', async () => {
        const p1 = RewardsTransactionPage.parse((await call(sb, 'GET', `${AVA}/transactions?page=1&pageSize=8`)).body);
        assert.deepEqual([p1.transactions.length, p1.total, p1.page, p1.pageSize, p1.nextPage], [8, 20, 1, 8, 2]);
        const p3 = RewardsTransactionPage.parse((await call(sb, 'GET', `${AVA}/transactions?page=3&pageSize=8`)).body);
        assert.deepEqual([p3.transactions.length, p3.nextPage], [4, null]);
        const all = await history('cus-ava', 8);
        assert.equal(all.length, 20);
        assert.equal(new Set(all.map((t) => t.id)).size, 20);
        for (let i = 1; i < all.length; i++) assert.ok(all[i - 1]!.createdAt >= all[i]!.createdAt, 'newest first');
        assert.equal(all[19]!.description, 'Welcome bonus');
        assert.ok(all.some((t) => t.type === 'redeem' && t.points < 0));
      });

      it('defaults to page 1 of 10 and answers an empty page past the end', async () => {
        const d = RewardsTransactionPage.parse((await call(sb, 'GET', `${AVA}/transactions`)).body);
        assert.deepEqual([d.page, d.pageSize, d.transactions.length, d.nextPage], [1, 10, 10, 2]);
        const past = RewardsTransactionPage.parse((await call(sb, 'GET', `${AVA}/transactions?page=9`)).body);
        assert.deepEqual([past.transactions, past.total, past.nextPage], [[], 20, null]);
        const emma = RewardsTransactionPage.parse((await call(sb, 'GET', '/v1/customers/cus-emma/rewards/transactions')).body);
        assert.deepEqual([emma.transactions, emma.total], [[], 0]);
      });

      it('answers 422 naming page or pageSize when they are out of range or not numbers', async () => {
        for (const [q, field] of [
          ['page=0', 'page'],
          ['page=-1', 'page'],
          ['page=abc', 'page'],
          ['page=1.5', 'page'],
          ['pageSize=0', 'pageSize'],
          ['pageSize=101', 'pageSize'],
          ['pageSize=ten', 'pageSize'],
        ]) {
          const r = await call(sb, 'GET', `${AVA}/transactions?${q}`);
          expectProblem(r, 422, 'validation_failed');
          assert.equal(r.body.errors[0].path, field, q);
        }
      });

      it('answers 404 for an unknown customer', async () => {
        expectProblem(await call(sb, 'GET', '/v1/customers/cus-nobody/rewards/transactions'), 404, 'not_found');
      });
    });

    describe('redemption', () => {
      it('turns points into store credit (100 points = $1) in one step and records it in the ledger', async () => {
        const r = await call(sb, 'POST', `${AVA}/redemptions`, { points: 1200 });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        const red = RewardsRedemption.parse(r.body);
        assert.deepEqual([red.pointsRedeemed, red.creditCents, red.points, red.storeCreditCents, red.currency], [1200, 1200, 2250, 1200, 'USD']);
        const after = await rewards('cus-ava');
        assert.deepEqual([after.points, after.storeCreditCents, after.lifetimePoints, after.tier], [2250, 1200, 6450, 'gold']);
        const [newest] = await history('cus-ava');
        assert.deepEqual([newest!.id, newest!.type, newest!.points, newest!.balanceAfter], [red.redemptionId, 'redeem', -1200, 2250]);
        assert.match(newest!.description, /\$12\.00/);
      });

      it('can redeem the whole balance down to zero, not a point more', async () => {
        assert.equal((await call(sb, 'POST', '/v1/customers/cus-diego/rewards/redemptions', { points: 600 })).status, 201);
        const r = await call(sb, 'POST', '/v1/customers/cus-diego/rewards/redemptions', { points: 100 });
        expectProblem(r, 409, 'insufficient_points');
        assert.equal(r.body.points, 0);
        assert.deepEqual([(await rewards('cus-diego')).points, await storeCredit('cus-diego')], [0, 600]);
      });

      it('answers 409 insufficient_points with the balance when asked for more, and changes nothing', async () => {
        const r = await call(sb, 'POST', '/v1/customers/cus-ben/rewards/redemptions', { points: 1300 });
        expectProblem(r, 409, 'insufficient_points');
        assert.deepEqual([r.body.points, r.body.requested], [1240, 1300]);
        const emma = await call(sb, 'POST', '/v1/customers/cus-emma/rewards/redemptions', { points: 100 });
        expectProblem(emma, 409, 'insufficient_points');
        assert.equal(emma.body.points, 0);
        assert.deepEqual([(await rewards('cus-ben')).points, await storeCredit('cus-ben'), (await history('cus-ben')).length], [1240, 0, 8]);
      });

      it('answers 422 for points that are not a positive multiple of 100', async () => {
        for (const body of [{ points: 150 }, { points: 0 }, { points: -100 }, { points: 100.5 }, { points: '100' }, {}, { points: 100, note: 'x' }, { points: 1_000_100 }]) {
          const r = await call(sb, 'POST', `${AVA}/redemptions`, body);
          expectProblem(r, 422, 'validation_failed');
          assert.ok(r.body.errors.length > 0);
        }
        assert.equal((await call(sb, 'POST', `${AVA}/redemptions`, { points: 150 })).body.errors[0].path, 'points');
        assert.equal((await rewards('cus-ava')).points, 3450);
      });

      it('answers 404 for an unknown customer', async () => {
        expectProblem(await call(sb, 'POST', '/v1/customers/cus-nobody/rewards/redemptions', { points: 100 }), 404, 'not_found');
      });
    });

    describe('concurrency', () => {
      it('50 concurrent redemptions leave an exact ledger and never a negative balance', async () => {
        // Ava has 3,450 points: 34 redemptions of 100 fit, 16 must be refused.
        const results = await Promise.all(Array.from({ length: 50 }, () => call(sb, 'POST', `${AVA}/redemptions`, { points: 100 })));
        const ok = results.filter((r) => r.status === 201);
        const refused = results.filter((r) => r.status === 409);
        assert.equal(ok.length, 34, results.map((r) => r.status).join(','));
        assert.equal(refused.length, 16);
        assert.ok(refused.every((r) => r.body.code === 'insufficient_points' && r.body.points < 100));
        assert.equal(new Set(ok.map((r) => r.body.redemptionId)).size, 34, 'one ledger entry each');
        assert.deepEqual(ok.map((r) => r.body.points).sort((a, b) => a - b), Array.from({ length: 34 }, (_, i) => 50 + i * 100), 'every balance seen once');

        const after = await rewards('cus-ava');
        assert.deepEqual([after.points, after.storeCreditCents], [50, 3400]);
        const h = await history('cus-ava', 100);
        assert.equal(h.length, 20 + 34);
        assert.equal(h.reduce((s, t) => s + t.points, 0), 50);
        assert.ok(h.every((t) => t.balanceAfter >= 0));
        for (let i = 0; i < h.length - 1; i++) assert.equal(h[i]!.balanceAfter, h[i + 1]!.balanceAfter + h[i]!.points, 'each entry follows from the one before');
      });

      it('concurrent redemptions of different sizes never lose an update', async () => {
        const sizes = [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000];
        const results = await Promise.all(sizes.map((points) => call(sb, 'POST', `${AVA}/redemptions`, { points })));
        const redeemed = results.filter((r) => r.status === 201).reduce((s, r) => s + r.body.pointsRedeemed, 0);
        assert.ok(results.every((r) => r.status === 201 || r.body.code === 'insufficient_points'));
        const after = await rewards('cus-ava');
        // A refusal means the balance was below that size then, and it only fell afterwards.
        for (const [i, r] of results.entries()) if (r.status === 409) assert.ok(after.points < sizes[i]!, `${sizes[i]} refused yet ${after.points} left`);
        assert.deepEqual([after.points, after.storeCreditCents], [3450 - redeemed, redeemed]);
        assert.equal((await history('cus-ava', 100)).reduce((s, t) => s + t.points, 0), after.points);
      });
    });
  });
}

for (const store of ['memory', 'redis'] as const) rewardsSuite(store);
