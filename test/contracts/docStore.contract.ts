import assert from 'node:assert/strict';
import type { DocStore } from '../../platform/store/docStore';

/**
 * The behaviour every {@link DocStore} must have. Run it against each implementation.
 * @param make returns a fresh, empty store.
 */
export function docStoreContract(name: string, make: () => Promise<DocStore>): void {
  describe(`DocStore contract: ${name}`, () => {
    let store: DocStore;
    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => store.close());

    it('returns undefined for an absent key and versions writes from 1', async () => {
      assert.equal(await store.get('a'), undefined);
      await store.transact(['a'], () => ({ writes: [{ key: 'a', value: { n: 1 } }], result: null }));
      assert.deepEqual(await store.get('a'), { value: { n: 1 }, version: 1 });
      await store.transact(['a'], (read) => ({ writes: [{ key: 'a', value: { n: read<{ n: number }>('a')!.value.n + 1 } }], result: null }));
      assert.deepEqual(await store.get('a'), { value: { n: 2 }, version: 2 });
    });

    it('commits several keys together and deletes with null', async () => {
      await store.transact(['x', 'y'], () => ({ writes: [{ key: 'x', value: 1 }, { key: 'y', value: 2 }], result: null }));
      assert.deepEqual((await store.getMany(['x', 'y', 'z'])).map((d) => d?.value), [1, 2, undefined]);
      await store.transact(['x'], () => ({ writes: [{ key: 'x', value: null }], result: null }));
      assert.equal(await store.get('x'), undefined);
    });

    it('returns the callback result and refuses writes outside the declared keys', async () => {
      assert.equal(await store.transact(['a'], () => ({ result: 42 })), 42);
      await assert.rejects(store.transact(['a'], () => ({ writes: [{ key: 'b', value: 1 }], result: null })), /did not read/);
      assert.equal(await store.get('b'), undefined);
    });

    it('never loses an update under 50 concurrent increments', async () => {
      await Promise.all(
        Array.from({ length: 50 }, () =>
          store.transact(['counter'], async (read) => {
            const n = read<number>('counter')?.value ?? 0;
            await new Promise((r) => setImmediate(r));
            return { writes: [{ key: 'counter', value: n + 1 }], result: null };
          }),
        ),
      );
      assert.equal((await store.get<number>('counter'))!.value, 50);
    });

    it('never overdraws: concurrent withdrawals stop at zero', async () => {
      await store.transact(['bal'], () => ({ writes: [{ key: 'bal', value: 10 }], result: null }));
      const results = await Promise.all(
        Array.from({ length: 30 }, () =>
          store.transact(['bal'], async (read) => {
            const b = read<number>('bal')!.value;
            await new Promise((r) => setImmediate(r));
            return b < 3 ? { result: false } : { writes: [{ key: 'bal', value: b - 3 }], result: true };
          }),
        ),
      );
      assert.equal(results.filter(Boolean).length, 3);
      assert.equal((await store.get<number>('bal'))!.value, 1);
    });

    it('expires documents written with a ttl', async () => {
      await store.transact(['t'], () => ({ writes: [{ key: 't', value: 'x', ttlSeconds: 1 }], result: null }));
      assert.equal((await store.get('t'))?.value, 'x');
      await new Promise((r) => setTimeout(r, 1100));
      assert.equal(await store.get('t'), undefined);
    });

    it('answers ping', async () => {
      assert.equal(await store.ping(), true);
    });
  });
}
