import { serviceUnavailable } from '../errors';
import { assertWritesWithin, type Doc, type DocStore, type TxResult, type TxSnapshot } from './docStore';

interface Entry {
  doc: Doc;
  expiresAt?: number;
}

const MAX_ATTEMPTS = 1000;

/** In-memory {@link DocStore}: the default for `npm start` and the twin of the Redis one. */
export class MemoryDocStore implements DocStore {
  private readonly data = new Map<string, Entry>();

  private read(key: string): Doc | undefined {
    const e = this.data.get(key);
    if (!e) return undefined;
    if (e.expiresAt !== undefined && e.expiresAt <= Date.now()) {
      this.data.delete(key);
      return undefined;
    }
    return e.doc;
  }

  async get<T>(key: string): Promise<Doc<T> | undefined> {
    const d = this.read(key);
    return d && (structuredClone(d) as Doc<T>);
  }

  async getMany<T>(keys: string[]): Promise<(Doc<T> | undefined)[]> {
    return keys.map((k) => {
      const d = this.read(k);
      return d && (structuredClone(d) as Doc<T>);
    });
  }

  async transact<R>(keys: string[], fn: (read: TxSnapshot) => TxResult<R> | Promise<TxResult<R>>): Promise<R> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const seen = new Map(keys.map((k) => [k, this.read(k)?.version ?? 0]));
      const snapshot = new Map(keys.map((k) => [k, structuredClone(this.read(k))]));
      const out = await fn(<T>(key: string) => {
        if (!snapshot.has(key)) throw new Error(`transaction read "${key}" which it did not declare`);
        return snapshot.get(key) as Doc<T> | undefined;
      });
      assertWritesWithin(keys, out.writes);
      // The check and the commit run without an await between them: atomic on one event loop.
      if (keys.some((k) => (this.read(k)?.version ?? 0) !== seen.get(k))) continue;
      for (const w of out.writes ?? []) {
        if (w.value === null) this.data.delete(w.key);
        else
          this.data.set(w.key, {
            doc: { value: structuredClone(w.value), version: (seen.get(w.key) ?? 0) + 1 },
            expiresAt: w.ttlSeconds ? Date.now() + w.ttlSeconds * 1000 : undefined,
          });
      }
      return out.result;
    }
    throw serviceUnavailable('The store is too busy right now; please retry.');
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {}
}
