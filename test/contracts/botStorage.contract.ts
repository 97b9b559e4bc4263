import assert from 'node:assert/strict';
import type { Storage } from 'botbuilder';

/** The behaviour of botbuilder `Storage` our state relies on, for every implementation. */
export function botStorageContract(name: string, make: () => Promise<Storage>): void {
  describe(`bot Storage contract: ${name}`, () => {
    let storage: Storage;
    beforeEach(async () => (storage = await make()));

    it('reads nothing for unknown keys', async () => assert.deepEqual(await storage.read(['nope']), {}));

    it('round-trips items and assigns an eTag', async () => {
      await storage.write({ a: { count: 1, nested: { list: [1, 2] } } });
      const { a } = await storage.read(['a', 'b']);
      assert.equal(a.count, 1);
      assert.deepEqual(a.nested, { list: [1, 2] });
      assert.equal(typeof a.eTag, 'string');
    });

    it('refuses a write with a stale eTag and accepts "*"', async () => {
      await storage.write({ k: { v: 1 } });
      const first = (await storage.read(['k'])).k;
      await storage.write({ k: { ...first, v: 2 } });
      await assert.rejects(storage.write({ k: { ...first, v: 3 } }), /eTag conflict/);
      assert.equal((await storage.read(['k'])).k.v, 2);
      await storage.write({ k: { v: 4, eTag: '*' } });
      assert.equal((await storage.read(['k'])).k.v, 4);
    });

    it('deletes', async () => {
      await storage.write({ d: { v: 1 } });
      await storage.delete(['d']);
      assert.deepEqual(await storage.read(['d']), {});
    });
  });
}
