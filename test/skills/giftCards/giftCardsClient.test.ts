import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { customerKey, type CustomerRecord } from '../../../sandbox/customers/customerStore';
import { GiftCardsClient } from '../../../skills/giftCards/giftCardsClient';
import { ApiError } from '../../../skills/shared/apiErrors';
import { startTestSandbox, type TestSandbox } from '../../support/sandboxServer';

const REDEEM_ROUTE = 'POST /v1/customers/{customerId}/gift-cards/redemptions';
const BALANCE_ROUTE = 'POST /v1/customers/{customerId}/gift-cards/balance';
const CARD_50 = { number: '6006491234561001', pin: '1234' };
const CARD_25 = { number: '6006491234561005', pin: '5678' };

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ApiError, `not an ApiError: ${e}`);
    return e;
  }
  assert.fail('expected a rejection');
}

describe('GiftCardsClient against the sandbox', () => {
  let sb: TestSandbox;
  let calls: { status: number }[];
  const client = (opts: Partial<ConstructorParameters<typeof GiftCardsClient>[0]> = {}) =>
    new GiftCardsClient({ baseUrl: sb.url, token: sb.token, timeoutMs: 2000, onCall: (c) => calls.push(c), ...opts });
  const credit = async (id: string) => (await sb.store.get<CustomerRecord>(customerKey(id)))!.value.storeCreditCents;

  beforeEach(async () => {
    sb = await startTestSandbox();
    calls = [];
  });
  afterEach(async () => sb.close());

  it('looks up a balance and redeems it, typed', async () => {
    const b = await client().balance('cus-ava', CARD_25);
    assert.deepEqual(b, { maskedNumber: '**** **** **** 1005', balanceCents: 2500, currency: 'USD', status: 'active', expiresOn: '2027-11-26' });
    const r = await client().redeem('cus-ava', CARD_25, { idempotencyKey: randomUUID() });
    assert.deepEqual([r.amountCents, r.storeCreditCents, r.maskedNumber], [2500, 2500, '**** **** **** 1005']);
    assert.equal((await client().balance('cus-ava', CARD_25)).status, 'empty');
  });

  it('looks up a balance without a customer (null), on the customer-free route', async () => {
    const b = await client().balance(null, CARD_25);
    assert.deepEqual([b.balanceCents, b.status, b.maskedNumber], [2500, 'active', '**** **** **** 1005']);
    const wrong = await rejection(client().balance(null, { ...CARD_25, pin: '0000' }));
    assert.deepEqual([wrong.status, wrong.code, wrong.details.attemptsLeft], [422, 'card_or_pin_incorrect', 4]);
  });

  it('throws typed refusals: 422 with attemptsLeft, 409 card_empty / card_expired, 429 with retryAfterSeconds, 404', async () => {
    const wrong = await rejection(client().balance('cus-ava', { ...CARD_50, pin: '0000' }));
    assert.deepEqual([wrong.kind, wrong.status, wrong.code, wrong.details.attemptsLeft], ['rejected', 422, 'card_or_pin_incorrect', 4]);
    const empty = await rejection(client().redeem('cus-ava', { number: '6006491234561002', pin: '2222' }));
    assert.deepEqual([empty.status, empty.code], [409, 'card_empty']);
    const expired = await rejection(client().redeem('cus-ava', { number: '6006491234561003', pin: '3333' }));
    assert.deepEqual([expired.status, expired.code], [409, 'card_expired']);
    const locked = await rejection(client().redeem('cus-ava', { number: '6006491234561004', pin: '4444' }));
    assert.deepEqual([locked.kind, locked.status, locked.code, locked.retryAfterSeconds], ['rejected', 429, 'card_locked', 86400]);
    const nobody = await rejection(client().balance('cus-nobody', CARD_50));
    assert.deepEqual([nobody.status, nobody.code], [404, 'not_found']);
    for (const e of [wrong, empty, expired, locked, nobody]) {
      const text = `${e.message} ${JSON.stringify(e.details)}`;
      assert.ok(!text.includes('600649123456100') && !/"(0000|1234|2222|3333|4444)"/.test(text), text);
    }
  });

  it('does not retry a redemption without an Idempotency-Key', async () => {
    sb.faults.set(REDEEM_ROUTE, { errorRate: 1 });
    const e = await rejection(client().redeem('cus-ava', CARD_50));
    assert.deepEqual([e.kind, e.status], ['unavailable', 503]);
    assert.equal(calls.length, 1);
  });

  it('retries a redemption with an Idempotency-Key and applies it once', async () => {
    // The first attempt reaches the sandbox but answers too late for the client; the retry wins,
    // then the late first attempt finds the key already used and replays.
    sb.faults.set(REDEEM_ROUTE, { latencyMs: 1200 });
    const c = client({ timeoutMs: 400, onCall: (x) => (calls.push(x), sb.faults.clear()) });
    const r = await c.redeem('cus-ben', CARD_50, { idempotencyKey: randomUUID() });
    assert.equal(r.amountCents, 5000);
    assert.deepEqual(calls.map((x) => x.status), [0, 201]);
    await new Promise((res) => setTimeout(res, 1200));
    assert.equal(await credit('cus-ben'), 5000);
    assert.equal((await client().balance('cus-ben', CARD_50)).balanceCents, 0);
  });

  it('retries a balance lookup on an injected 503 (it always carries a key)', async () => {
    sb.faults.set(BALANCE_ROUTE, { errorRate: 1 });
    const b = await client({ onCall: (x) => (calls.push(x), sb.faults.clear()) }).balance('cus-ava', CARD_50);
    assert.equal(b.balanceCents, 5000);
    assert.deepEqual(calls.map((x) => x.status), [503, 200]);
  });

  it('times out as ApiError unavailable / timeout', async () => {
    sb.faults.set(BALANCE_ROUTE, { latencyMs: 3000 });
    const e = await rejection(client({ timeoutMs: 300, retries: 0 }).balance('cus-ava', CARD_50));
    assert.deepEqual([e.kind, e.code], ['unavailable', 'timeout']);
  });

  describe('against a server that breaks the contract', () => {
    let bad: Server;
    let url: string;
    before(async () => {
      const app = express();
      app.post('/v1/customers/:c/gift-cards/balance', (_req, res) => void res.json({ maskedNumber: '6006491234561001', balanceCents: 'lots' }));
      app.post('/v1/customers/:c/gift-cards/redemptions', (_req, res) => void res.status(201).json({ redemptionId: 1 }));
      bad = createServer(app);
      await new Promise<void>((r) => bad.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(bad.address() as AddressInfo).port}`;
    });
    after(async () => {
      bad.closeAllConnections();
      await new Promise((r) => bad.close(r));
    });

    it('throws ApiError contract', async () => {
      const c = new GiftCardsClient({ baseUrl: url, token: 't' });
      for (const p of [c.balance('cus-ava', CARD_50), c.redeem('cus-ava', CARD_50)]) {
        const e = await rejection(p);
        assert.deepEqual([e.kind, e.code], ['contract', 'contract_violation']);
      }
    });
  });
});
