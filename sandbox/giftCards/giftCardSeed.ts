import { GIFT_CARD_MAX_ATTEMPTS } from '../../contracts/giftCards';
import type { DocStore } from '../../platform/store/docStore';
import { addDays, isoDay, type Clock } from '../clock';
import { giftCardWrites } from './giftCardStore';

/** How long the seeded locked card stays locked: a whole demo day, not just 15 minutes. */
export const SEEDED_LOCK_HOURS = 24;

/**
 * The demo gift cards (any customer may redeem any card; numbers print as 6006 4912 3456 100x):
 *
 * | number           | PIN  | balance | state                                                     |
 * |------------------|------|---------|-----------------------------------------------------------|
 * | 6006491234561001 | 1234 | $50.00  | active, expires in 2 years                                |
 * | 6006491234561005 | 5678 | $25.00  | active, expires in 1 year                                 |
 * | 6006491234561002 | 2222 | $0.00   | empty (already redeemed)                                  |
 * | 6006491234561003 | 3333 | $40.00  | expired 30 days ago                                       |
 * | 6006491234561004 | 4444 | $30.00  | locked: 5 failed attempts at seed time, locked for 24 hours |
 */
export function demoGiftCards(clock: Clock) {
  const now = clock.now();
  const today = isoDay(now);
  return [
    { number: '6006491234561001', pin: '1234', balanceCents: 5000, expiresOn: addDays(today, 730) },
    { number: '6006491234561005', pin: '5678', balanceCents: 2500, expiresOn: addDays(today, 365) },
    { number: '6006491234561002', pin: '2222', balanceCents: 0, expiresOn: addDays(today, 500) },
    { number: '6006491234561003', pin: '3333', balanceCents: 4000, expiresOn: addDays(today, -30) },
    {
      number: '6006491234561004',
      pin: '4444',
      balanceCents: 3000,
      expiresOn: addDays(today, 600),
      attempts: { failures: GIFT_CARD_MAX_ATTEMPTS, lockedUntil: new Date(now.getTime() + SEEDED_LOCK_HOURS * 3_600_000).toISOString() },
    },
  ];
}

/** Seeds the demo gift cards (see {@link demoGiftCards}); PINs are stored hashed. */
export async function seedGiftCards(store: DocStore, clock: Clock): Promise<void> {
  const writes = (await Promise.all(demoGiftCards(clock).map(giftCardWrites))).flat();
  await store.transact(
    writes.map((w) => w.key),
    () => ({ writes, result: null }),
  );
}
