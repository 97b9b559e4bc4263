import assert from 'node:assert/strict';
import type { EventStream } from '../../platform/store/eventStream';
import type { StreamGroup } from '../../platform/store/streamGroup';
import type { TestEvent } from './eventStream.contract';

export interface GroupFixture {
  stream: EventStream<TestEvent>;
  /** A group object on the fixture's stream (several calls with one name: one shared group, as two instances). */
  group(name: string, claimIdleMs?: number): StreamGroup<TestEvent>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The behaviour every {@link StreamGroup} must have. Run it against each implementation.
 * @param make returns a fresh, empty stream with its group factory.
 */
export function streamGroupContract(name: string, make: () => Promise<GroupFixture>): void {
  describe(`StreamGroup contract: ${name}`, () => {
    let f: GroupFixture;
    const opened: StreamGroup<TestEvent>[] = [];
    const group = (n: string, idle?: number) => {
      const g = f.group(n, idle);
      opened.push(g);
      return g;
    };
    beforeEach(async () => {
      f = await make();
    });
    afterEach(async () => {
      for (const g of opened.splice(0)) await g.close();
      await f.close();
    });

    it('starts at the end: entries published before the group existed are not delivered', async () => {
      await f.stream.publish({ n: 1 });
      const g = group('g');
      await g.ready();
      await f.stream.publish({ n: 2 });
      assert.deepEqual((await g.read('a', { blockMs: 50 })).map((e) => e.event.n), [2]);
    });

    it('gives each entry to one consumer of the group, in order, and to every group', async () => {
      const a = group('g');
      const b = group('g');
      const other = group('h');
      await Promise.all([a.ready(), b.ready(), other.ready()]);
      const ids: string[] = [];
      for (let n = 1; n <= 6; n++) ids.push(await f.stream.publish({ n }));
      const first = await a.read('a', { count: 4 });
      const second = await b.read('b', { count: 10 });
      assert.deepEqual(first.map((e) => e.event.n), [1, 2, 3, 4]);
      assert.deepEqual(second.map((e) => e.event.n), [5, 6]);
      assert.deepEqual([...first, ...second].map((e) => e.id), ids);
      assert.equal((await other.read('x', { count: 10 })).length, 6);
    });

    it('waits for a new entry when blocking, and answers [] when the wait ends', async () => {
      const g = group('g');
      await g.ready();
      assert.deepEqual(await g.read('a', { blockMs: 30 }), []);
      const reading = g.read('a', { blockMs: 3000 });
      await sleep(50);
      await f.stream.publish({ n: 9 });
      assert.deepEqual((await reading).map((e) => e.event.n), [9]);
    });

    it('keeps entries pending until acknowledged; acknowledged ones never come back', async () => {
      const g = group('g', 100);
      await g.ready();
      const id1 = await f.stream.publish({ n: 1 });
      const id2 = await f.stream.publish({ n: 2 });
      await g.read('a');
      assert.deepEqual(await g.pending(), [id1, id2]);
      await g.ack([id1]);
      assert.deepEqual(await g.pending(), [id2]);
      await sleep(150);
      const again = await g.read('b');
      assert.deepEqual(again.map((e) => e.id), [id2], 'the unacknowledged one is claimed by the next reader');
      await g.ack([id2]);
      await sleep(150);
      assert.deepEqual(await g.read('c', { blockMs: 20 }), []);
      assert.deepEqual(await g.pending(), []);
    });

    it('does not hand a pending entry to another consumer before it has been idle long enough', async () => {
      const a = group('g', 10_000);
      const b = group('g', 10_000);
      await a.ready();
      await f.stream.publish({ n: 1 });
      assert.equal((await a.read('a')).length, 1);
      assert.deepEqual(await b.read('b', { blockMs: 50 }), []);
    });

    it('a consumer that died after reading: another object on the same group gets the entry (once)', async () => {
      const dead = group('g', 100);
      await dead.ready();
      await f.stream.publish({ n: 7 });
      assert.equal((await dead.read('dead')).length, 1);
      await dead.close();
      const heir = group('g', 100);
      const seen = await heir.read('heir', { blockMs: 1000 });
      assert.deepEqual(seen.map((e) => e.event.n), [7]);
      await heir.ack(seen.map((e) => e.id));
      await sleep(150);
      assert.deepEqual(await heir.read('heir', { blockMs: 20 }), []);
    });

    it('close ends a blocked read at once with []', async () => {
      const g = group('g');
      await g.ready();
      const reading = g.read('a', { blockMs: 10_000 });
      await sleep(50);
      const started = Date.now();
      await g.close();
      assert.deepEqual(await reading, []);
      assert.ok(Date.now() - started < 2000);
    });
  });
}
