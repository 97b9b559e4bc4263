import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { GiftCardBalance, GiftCardRedemption } from '../../contracts/giftCards';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../platform/logger';
import { MemoryDocStore } from '../../platform/store/memoryDocStore';
import { MemoryEventStream } from '../../platform/store/memoryEventStream';
import { createSandboxApp } from '../../sandbox/createSandboxApp';
import { customerKey, type CustomerRecord } from '../../sandbox/customers/customerStore';
import { giftCardKey, giftCardWrites } from '../../sandbox/giftCards/giftCardStore';
import { FaultInjector } from '../../sandbox/http/faults';
import { seedSandbox } from '../../sandbox/seed';
import { call, fixedClock, SANDBOX_TOKEN, startTestSandbox, type TestSandbox } from '../support/sandboxServer';

const BALANCE = (c: string) => `/v1/customers/${c}/gift-cards/balance`;
const REDEEM = (c: string) => `/v1/customers/${c}/gift-cards/redemptions`;
const CARD_50 = { number: '6006491234561001', pin: '1234' };
const CARD_25 = { number: '6006491234561005', pin: '5678' };
const CARD_EMPTY = { number: '6006491234561002', pin: '2222' };
const CARD_EXPIRED = { number: '6006491234561003', pin: '3333' };
const CARD_LOCKED = { number: '6006491234561004', pin: '4444' };
const UNKNOWN = { number: '6006491299999999', pin: '1234' };

const credit = async (sb: TestSandbox, customerId: string) => (await sb.store.get<CustomerRecord>(customerKey(customerId)))!.value.storeCreditCents;
const noSecrets = (text: string, ...secrets: string[]) => {
  for (const s of secrets) assert.ok(!text.includes(s), `"${s}" leaked: ${text.slice(0, 300)}`);
};

for (const store of ['memory', 'redis'] as const) {
  describe(`sandbox gift cards (${store})`, () => {
    let sb: TestSandbox;
    let clock: ReturnType<typeof fixedClock>;
    beforeEach(async () => {
      clock = fixedClock();
      sb = await startTestSandbox({ store, clock });
    });
    afterEach(async () => sb.close());

    describe('balance', () => {
      it('shows balance, status and expiry of a valid card with the number masked', async () => {
        const r = await call(sb, 'POST', BALANCE('cus-ava'), CARD_50);
        assert.equal(r.status, 200);
        assert.deepEqual(GiftCardBalance.parse(r.body), { maskedNumber: '**** **** **** 1001', balanceCents: 5000, currency: 'USD', status: 'active', expiresOn: '2028-11-25' });
        assert.equal((await call(sb, 'POST', BALANCE('cus-ava'), CARD_25)).body.balanceCents, 2500);
      });

      it('shows an empty card as empty and an expired one as expired', async () => {
        const empty = await call(sb, 'POST', BALANCE('cus-ben'), CARD_EMPTY);
        assert.equal(empty.status, 200);
        assert.deepEqual([empty.body.status, empty.body.balanceCents], ['empty', 0]);
        const expired = await call(sb, 'POST', BALANCE('cus-ben'), CARD_EXPIRED);
        assert.equal(expired.status, 200);
        assert.equal(expired.body.status, 'expired');
        assert.equal(expired.body.expiresOn, '2026-10-27');
      });

      it('answers an unknown number exactly like a wrong PIN', async () => {
        const wrongPin = await call(sb, 'POST', BALANCE('cus-ava'), { ...CARD_50, pin: '9999' });
        const unknown = await call(sb, 'POST', BALANCE('cus-ava'), UNKNOWN);
        assert.equal(wrongPin.status, 422);
        assert.equal(wrongPin.body.code, 'card_or_pin_incorrect');
        assert.equal(wrongPin.body.attemptsLeft, 4);
        assert.deepEqual(unknown.body, wrongPin.body);
        assert.equal(unknown.status, wrongPin.status);
        assert.equal(unknown.headers.get('content-type'), wrongPin.headers.get('content-type'));
      });

      it('refuses the seeded locked card even with the right PIN (429, Retry-After, card_locked)', async () => {
        const r = await call(sb, 'POST', BALANCE('cus-ava'), CARD_LOCKED);
        assert.equal(r.status, 429);
        assert.equal(r.body.code, 'card_locked');
        assert.equal(r.headers.get('retry-after'), String(24 * 3600));
      });

      it('404s an unknown customer and 422s an invalid body naming the field', async () => {
        const missing = await call(sb, 'POST', BALANCE('cus-nobody'), CARD_50);
        assert.equal(missing.status, 404);
        const spaced = await call(sb, 'POST', BALANCE('cus-ava'), { number: '6006 4912 3456 1001', pin: '1234' });
        assert.equal(spaced.status, 422);
        assert.equal(spaced.body.code, 'validation_failed');
        assert.deepEqual(spaced.body.errors.map((e: { path: string }) => e.path), ['number']);
        const extra = await call(sb, 'POST', BALANCE('cus-ava'), { ...CARD_50, amount: 5 });
        assert.equal(extra.status, 422);
        const noPin = await call(sb, 'POST', BALANCE('cus-ava'), { number: CARD_50.number });
        assert.deepEqual(noPin.body.errors.map((e: { path: string }) => e.path), ['pin']);
        noSecrets(JSON.stringify([spaced.body, extra.body, noPin.body]), '6006491234561001', '6006 4912 3456 1001');
      });
    });

    describe('redemption', () => {
      it('credits the whole balance to store credit once; the card is then empty', async () => {
        const before = await credit(sb, 'cus-ava');
        const r = await call(sb, 'POST', REDEEM('cus-ava'), CARD_50);
        assert.equal(r.status, 201);
        const body = GiftCardRedemption.parse(r.body);
        assert.equal(body.amountCents, 5000);
        assert.equal(body.maskedNumber, '**** **** **** 1001');
        assert.equal(body.storeCreditCents, before + 5000);
        assert.equal(await credit(sb, 'cus-ava'), before + 5000);
        const after = await call(sb, 'POST', BALANCE('cus-ava'), CARD_50);
        assert.deepEqual([after.body.status, after.body.balanceCents], ['empty', 0]);
        const again = await call(sb, 'POST', REDEEM('cus-ava'), CARD_50);
        assert.equal(again.status, 409);
        assert.equal(again.body.code, 'card_empty');
        const other = await call(sb, 'POST', REDEEM('cus-ben'), CARD_50);
        assert.equal(other.body.code, 'card_empty');
        assert.equal(await credit(sb, 'cus-ava'), before + 5000);
        assert.equal(await credit(sb, 'cus-ben'), 0);
      });

      it('refuses an empty card (409 card_empty) and an expired one (409 card_expired) without crediting', async () => {
        const empty = await call(sb, 'POST', REDEEM('cus-chloe'), CARD_EMPTY);
        assert.deepEqual([empty.status, empty.body.code], [409, 'card_empty']);
        const expired = await call(sb, 'POST', REDEEM('cus-chloe'), CARD_EXPIRED);
        assert.deepEqual([expired.status, expired.body.code], [409, 'card_expired']);
        assert.equal(await credit(sb, 'cus-chloe'), 0);
        assert.equal((await call(sb, 'POST', BALANCE('cus-chloe'), CARD_EXPIRED)).body.balanceCents, 4000);
      });

      it('refuses unknown numbers and wrong PINs alike, crediting nothing', async () => {
        const wrong = await call(sb, 'POST', REDEEM('cus-ava'), { ...CARD_25, pin: '0000' });
        const unknown = await call(sb, 'POST', REDEEM('cus-ava'), UNKNOWN);
        assert.equal(wrong.status, 422);
        assert.deepEqual(unknown.body, wrong.body);
        assert.equal(await credit(sb, 'cus-ava'), 0);
        assert.equal((await call(sb, 'POST', BALANCE('cus-ava'), CARD_25)).body.balanceCents, 2500);
      });

      it('404s an unknown customer without touching the card', async () => {
        const r = await call(sb, 'POST', REDEEM('cus-nobody'), CARD_25);
        assert.equal(r.status, 404);
        assert.equal((await call(sb, 'POST', BALANCE('cus-ava'), CARD_25)).body.balanceCents, 2500);
      });

      it('replays a retry with the same Idempotency-Key without crediting again', async () => {
        const key = randomUUID();
        const first = await call(sb, 'POST', REDEEM('cus-diego'), CARD_25, { 'idempotency-key': key });
        assert.equal(first.status, 201);
        assert.equal(first.headers.get('idempotent-replayed'), null);
        const retry = await call(sb, 'POST', REDEEM('cus-diego'), CARD_25, { 'idempotency-key': key });
        assert.equal(retry.status, 201);
        assert.equal(retry.headers.get('idempotent-replayed'), 'true');
        assert.deepEqual(retry.body, first.body);
        assert.equal(await credit(sb, 'cus-diego'), 2500);
        const reused = await call(sb, 'POST', REDEEM('cus-diego'), CARD_50, { 'idempotency-key': key });
        assert.deepEqual([reused.status, reused.body.code], [422, 'idempotency_key_reused']);
        assert.equal(await credit(sb, 'cus-diego'), 2500);
        assert.equal((await call(sb, 'POST', BALANCE('cus-ava'), CARD_50)).body.balanceCents, 5000);
      });

      it('credits a card exactly once under 20 concurrent redemptions', async () => {
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => call(sb, 'POST', REDEEM(i % 2 ? 'cus-ben' : 'cus-emma'), CARD_25)));
        const ok = results.filter((r) => r.status === 201);
        assert.equal(ok.length, 1, JSON.stringify(results.map((r) => r.status)));
        assert.ok(results.every((r) => r.status === 201 || (r.status === 409 && r.body.code === 'card_empty')));
        assert.equal((await credit(sb, 'cus-ben')) + (await credit(sb, 'cus-emma')), 2500);
      });

      it('answers 20 concurrent retries with one Idempotency-Key with one redemption', async () => {
        const key = randomUUID();
        const results = await Promise.all(Array.from({ length: 20 }, () => call(sb, 'POST', REDEEM('cus-emma'), CARD_50, { 'idempotency-key': key })));
        assert.ok(results.every((r) => r.status === 201));
        assert.equal(new Set(results.map((r) => r.body.redemptionId)).size, 1);
        assert.equal(results.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 19);
        assert.equal(await credit(sb, 'cus-emma'), 5000);
      });
    });

    describe('PIN lockout', () => {
      it('locks after five failures for 15 minutes, then a correct PIN works and resets the count', async () => {
        const wrong = { ...CARD_50, pin: '9999' };
        for (const left of [4, 3, 2, 1]) {
          const r = await call(sb, 'POST', BALANCE('cus-ava'), wrong);
          assert.deepEqual([r.status, r.body.code, r.body.attemptsLeft], [422, 'card_or_pin_incorrect', left]);
        }
        const fifth = await call(sb, 'POST', REDEEM('cus-ava'), wrong);
        assert.deepEqual([fifth.status, fifth.body.code], [429, 'card_locked']);
        assert.equal(fifth.headers.get('retry-after'), '900');

        const locked = await call(sb, 'POST', REDEEM('cus-ava'), CARD_50);
        assert.equal(locked.status, 429);
        clock.advance(14 * 60_000);
        const stillLocked = await call(sb, 'POST', BALANCE('cus-ava'), CARD_50);
        assert.equal(stillLocked.status, 429);
        assert.equal(stillLocked.headers.get('retry-after'), '60');
        assert.equal(await credit(sb, 'cus-ava'), 0);

        clock.advance(60_000);
        const ok = await call(sb, 'POST', REDEEM('cus-ava'), CARD_50);
        assert.equal(ok.status, 201);
        const afterReset = await call(sb, 'POST', BALANCE('cus-ava'), wrong);
        assert.equal(afterReset.body.attemptsLeft, 4);
      });

      it('starts a fresh count once a lock has expired', async () => {
        const wrong = { ...CARD_25, pin: '1111' };
        for (let i = 0; i < 5; i++) await call(sb, 'POST', BALANCE('cus-ava'), wrong);
        clock.advance(15 * 60_000);
        const r = await call(sb, 'POST', BALANCE('cus-ava'), wrong);
        assert.deepEqual([r.status, r.body.attemptsLeft], [422, 4]);
      });

      it('unlocks the seeded locked card after its lock and resets it with the right PIN', async () => {
        clock.advance(24 * 3600_000);
        const r = await call(sb, 'POST', REDEEM('cus-ava'), CARD_LOCKED);
        assert.deepEqual([r.status, r.body.amountCents], [201, 3000]);
      });

      it('locks unknown numbers the same way (nothing to enumerate)', async () => {
        const statuses: number[] = [];
        for (let i = 0; i < 6; i++) statuses.push((await call(sb, 'POST', BALANCE('cus-ava'), UNKNOWN)).status);
        assert.deepEqual(statuses, [422, 422, 422, 422, 429, 429]);
      });

      it('counts concurrent wrong PINs atomically: at most five tries', async () => {
        const results = await Promise.all(Array.from({ length: 12 }, () => call(sb, 'POST', REDEEM('cus-ava'), { ...CARD_50, pin: '0000' })));
        assert.equal(results.filter((r) => r.status === 422).length, 4, JSON.stringify(results.map((r) => r.status)));
        assert.equal(results.filter((r) => r.status === 429).length, 8);
        assert.equal((await call(sb, 'POST', REDEEM('cus-ava'), CARD_50)).status, 429);
      });
    });

    describe('HTTP rules', () => {
      for (const path of [BALANCE('cus-ava'), REDEEM('cus-ava')]) {
        it(`${path}: 401 without token, 405 on GET, 415, 400, 413`, async () => {
          assert.equal((await call({ ...sb, token: 'wrong-token-wrong-token' }, 'POST', path, CARD_50)).status, 401);
          const get = await call(sb, 'GET', path);
          assert.equal(get.status, 405);
          assert.match(get.headers.get('allow') ?? '', /POST/);
          assert.equal((await call(sb, 'POST', path, JSON.stringify(CARD_50), { 'content-type': 'text/plain' })).status, 415);
          assert.equal((await call(sb, 'POST', path, '{"number": "6006', {})).status, 400);
          assert.equal((await call(sb, 'POST', path, { ...CARD_50, pad: 'x'.repeat(70_000) })).status, 413);
        });
      }
    });

    it('never returns the full number or the PIN in any response', async () => {
      const seen: string[] = [];
      const pins = ['1234', '9999'];
      for (const body of [CARD_50, { ...CARD_50, pin: '9999' }, { ...CARD_50, pin: 'abc' }, { ...CARD_50, extra: 1 }]) {
        for (const path of [BALANCE('cus-ava'), REDEEM('cus-ava')]) {
          const r = await call(sb, 'POST', path, body);
          seen.push(JSON.stringify(r.body));
          r.headers.forEach((v, k) => seen.push(`${k}: ${v}`));
        }
      }
      noSecrets(seen.join('\n'), CARD_50.number, ...pins.map((p) => `"${p}"`), `pin":`);
    });
  });
}

describe('sandbox gift cards: secrets stay out of logs and storage', () => {
  const NUMBER = '6006499988776655';
  const PIN = '58213947';

  it('never logs the card number or the PIN, whatever the outcome', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'trace', destination: { write: (s: string) => void lines.push(s) } });
    const store = new MemoryDocStore();
    const clock = fixedClock();
    await seedSandbox(store, clock);
    const writes = await giftCardWrites({ number: NUMBER, pin: PIN, balanceCents: 1500, expiresOn: null });
    await store.transact(
      writes.map((w) => w.key),
      () => ({ writes, result: null }),
    );
    const faults = new FaultInjector();
    const { app } = createSandboxApp({ store, clock, logger, shipmentEvents: new MemoryEventStream(), carrierSecrets: {}, token: SANDBOX_TOKEN, idempotencySecret: 'test-idempotency-secret', faults });
    const server = createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const sb = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: SANDBOX_TOKEN };
    try {
      const card = { number: NUMBER, pin: PIN };
      const statuses = [
        (await call(sb, 'POST', BALANCE('cus-ava'), card)).status,
        (await call(sb, 'POST', BALANCE('cus-ava'), { ...card, pin: '8213947' })).status,
        (await call(sb, 'POST', REDEEM('cus-ava'), card, { 'idempotency-key': 'k1' })).status,
        (await call(sb, 'POST', REDEEM('cus-ava'), card)).status,
        (await call(sb, 'POST', REDEEM('cus-ava'), { ...card, pin: `${PIN}0` })).status,
        (await call(sb, 'POST', REDEEM('cus-ava'), `{"number":"${NUMBER}","pin":"${PIN}"`)).status,
      ];
      faults.set('POST /v1/customers/{customerId}/gift-cards/redemptions', { errorRate: 1, errorStatus: 500 });
      statuses.push((await call(sb, 'POST', REDEEM('cus-ava'), card)).status);
      assert.deepEqual(statuses, [200, 422, 201, 409, 422, 400, 500]);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
    await new Promise((r) => setTimeout(r, 50));
    const log = lines.join('');
    assert.ok(lines.length >= 7, 'expected request logs');
    assert.match(log, /injected_fault/, "the 500 was logged too");
    for (const secret of [NUMBER, PIN, '8213947', NUMBER.slice(0, 12)]) assert.ok(!log.includes(secret), `log contains ${secret}`);
  });

  it('stores neither the number nor the PIN in clear', async () => {
    const store = new MemoryDocStore();
    const writes = await giftCardWrites({ number: NUMBER, pin: PIN, balanceCents: 1500, expiresOn: null, attempts: { failures: 1, lockedUntil: null } });
    const text = JSON.stringify(writes);
    assert.ok(!text.includes(NUMBER) && !text.includes(PIN));
    await store.transact(
      writes.map((w) => w.key),
      () => ({ writes, result: null }),
    );
    const doc = await store.get<{ last4: string; pin: { salt: string; hash: string } }>(giftCardKey(NUMBER));
    assert.equal(doc!.value.last4, '6655');
    assert.match(doc!.value.pin.hash, /^[0-9a-f]{64}$/);
  });
});
