/**
 * The storage port for versioned JSON documents with optimistic multi-key transactions.
 *
 * Every write goes through {@link DocStore.transact}: the callback sees a consistent snapshot
 * of the keys it names and returns the writes; they commit together only if none of those
 * keys changed meanwhile, otherwise the callback runs again on fresh data. This gives
 * "never overdraw, never lose an update" on both the in-memory and the Redis implementation.
 */
export interface Doc<T = unknown> {
  value: T;
  /** Starts at 1 and grows by one on every write. */
  version: number;
}

export interface DocWrite {
  key: string;
  /** `null` deletes the document. */
  value: unknown;
  /** Expire the document after this many seconds. */
  ttlSeconds?: number;
}

export interface TxResult<R> {
  writes?: DocWrite[];
  result: R;
}

/** Reads exactly the documents a transaction named. */
export type TxSnapshot = <T>(key: string) => Doc<T> | undefined;

export interface DocStore {
  get<T>(key: string): Promise<Doc<T> | undefined>;
  getMany<T>(keys: string[]): Promise<(Doc<T> | undefined)[]>;
  /**
   * Runs `fn` against a snapshot of `keys` and commits its writes atomically if none of
   * `keys` changed; retries otherwise. Writes may only touch `keys`.
   * @throws AppError 503 when contention does not settle after many attempts.
   */
  transact<R>(keys: string[], fn: (read: TxSnapshot) => TxResult<R> | Promise<TxResult<R>>): Promise<R>;
  /** Is the backing store reachable? */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Thrown inside a commit attempt when another writer won; the store retries. */
export class TxConflict extends Error {
  constructor() {
    super('transaction conflict');
  }
}

export function assertWritesWithin(keys: string[], writes: DocWrite[] = []): void {
  const allowed = new Set(keys);
  for (const w of writes) if (!allowed.has(w.key)) throw new Error(`transaction wrote "${w.key}" which it did not read`);
}
