import type { RewardsTransaction } from '../../contracts/rewards';
import { AppError, serviceUnavailable } from '../../platform/errors';
import type { DocStore, DocWrite, TxSnapshot } from '../../platform/store/docStore';
import { customerKey, type CustomerRecord } from '../customers/customerStore';

/**
 * A customer's rewards account. The ledger is one immutable document per entry
 * (`rewards:<customer>:tx:<seq>`, seq 1 = oldest), so appending costs the same however long
 * the history is; the account document holds the running totals and the entry count, and
 * both change in the same transaction, so `points` is always the sum of the entries.
 */
export interface RewardsAccount {
  customerId: string;
  points: number;
  lifetimePoints: number;
  /** Number of ledger entries = seq of the newest. */
  count: number;
}

export const rewardsAccountKey = (customerId: string) => `rewards:${customerId}`;
export const rewardsEntryKey = (customerId: string, seq: number) => `rewards:${customerId}:tx:${seq}`;
export const rewardsEntryId = (customerId: string, seq: number) => `rtx-${customerId}-${String(seq).padStart(6, '0')}`;

export const emptyAccount = (customerId: string): RewardsAccount => ({ customerId, points: 0, lifetimePoints: 0, count: 0 });

/** A ledger entry to append (id, seq and balanceAfter are assigned on append). */
export interface NewEntry {
  type: RewardsTransaction['type'];
  points: number;
  description: string;
  createdAt: string;
}

/**
 * The writes that append `entries` (oldest first) to `account`, and the resulting account and
 * entries. Throws if an entry would take the balance below zero (callers check first).
 */
export function appendEntries(account: RewardsAccount, entries: NewEntry[]): { account: RewardsAccount; entries: RewardsTransaction[]; writes: DocWrite[] } {
  let acc = account;
  const out: RewardsTransaction[] = [];
  for (const e of entries) {
    const seq = acc.count + 1;
    const points = acc.points + e.points;
    if (points < 0) throw new Error(`ledger entry would overdraw ${acc.customerId}`);
    // Earning (and goodwill adjustments) count towards the tier; spending never lowers it.
    const lifetimePoints = acc.lifetimePoints + (e.points > 0 && e.type !== 'redeem' ? e.points : 0);
    out.push({ id: rewardsEntryId(acc.customerId, seq), type: e.type, points: e.points, description: e.description, createdAt: e.createdAt, balanceAfter: points });
    acc = { ...acc, points, lifetimePoints, count: seq };
  }
  const writes: DocWrite[] = [
    { key: rewardsAccountKey(acc.customerId), value: acc },
    ...out.map((t, i) => ({ key: rewardsEntryKey(acc.customerId, account.count + 1 + i), value: t })),
  ];
  return { account: acc, entries: out, writes };
}

/** Raised inside a ledger write when another entry was appended since the seq was chosen. */
class LedgerMoved extends AppError {
  constructor() {
    super(503, 'ledger_moved', 'The rewards ledger changed meanwhile.');
  }
}

/**
 * Appends one entry atomically. The entry's document key depends on the current count, which
 * must be named before the transaction reads: so read the count, run the transaction over
 * that seq's key, and start again if another entry got there first.
 *
 * @param run runs the transaction over the given keys (e.g. through `idempotentWrite`); it
 *   must call `check(read)` first and use the snapshot it returns.
 */
export async function withNextEntry<R>(
  store: DocStore,
  customerId: string,
  run: (keys: { account: string; entry: string; seq: number }, check: (read: TxSnapshot) => AppError | RewardsAccount) => Promise<R>,
): Promise<R> {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const seq = ((await store.get<RewardsAccount>(rewardsAccountKey(customerId)))?.value.count ?? 0) + 1;
    const check = (read: TxSnapshot): AppError | RewardsAccount => {
      const account = read<RewardsAccount>(rewardsAccountKey(customerId))?.value ?? emptyAccount(customerId);
      return account.count + 1 === seq ? account : new LedgerMoved();
    };
    try {
      return await run({ account: rewardsAccountKey(customerId), entry: rewardsEntryKey(customerId, seq), seq }, check);
    } catch (e) {
      if (!(e instanceof LedgerMoved)) throw e;
      // Back off a little so a crowd of writers on one account does not spin in lockstep.
      if (attempt > 2) await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, attempt * 2)));
    }
  }
  throw serviceUnavailable('The rewards ledger is too busy right now; please retry.');
}

/** Earns points outside any request (seeding, benchmarks, tests): one atomic append. */
export async function grantPoints(store: DocStore, customerId: string, entry: NewEntry): Promise<RewardsAccount> {
  return withNextEntry(store, customerId, async (keys, check) =>
    store.transact([keys.account, keys.entry], (read) => {
      const account = check(read);
      if (account instanceof AppError) throw account;
      const out = appendEntries(account, [entry]);
      return { writes: out.writes, result: out.account };
    }),
  );
}

/** Account and store credit of a customer, or undefined when there is no such customer. */
export async function readRewards(store: DocStore, customerId: string): Promise<{ account: RewardsAccount; customer: CustomerRecord } | undefined> {
  const [account, customer] = await store.getMany<unknown>([rewardsAccountKey(customerId), customerKey(customerId)]);
  if (!customer) return undefined;
  return { account: (account?.value as RewardsAccount | undefined) ?? emptyAccount(customerId), customer: customer.value as CustomerRecord };
}

/** One page of the history, newest first. */
export async function readEntries(store: DocStore, account: RewardsAccount, page: number, pageSize: number): Promise<RewardsTransaction[]> {
  const newest = account.count - (page - 1) * pageSize;
  const oldest = Math.max(1, newest - pageSize + 1);
  if (newest < 1) return [];
  const seqs = Array.from({ length: newest - oldest + 1 }, (_, i) => newest - i);
  const docs = await store.getMany<RewardsTransaction>(seqs.map((s) => rewardsEntryKey(account.customerId, s)));
  return docs.flatMap((d) => (d ? [d.value] : []));
}
