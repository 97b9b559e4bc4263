import assert from 'node:assert/strict';
import type { EventStream, StreamEntry } from '../../platform/store/eventStream';

export interface TestEvent {
  n: number;
  tag?: string;
}

/** Polls until `check` passes (or fails with its last assertion after `ms`). */
export async function eventually(check: () => void | Promise<void>, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The behaviour every {@link EventStream} must have. Run it against each implementation.
 * @param make returns a fresh, empty stream.
 */
export function eventStreamContract(name: string, make: () => Promise<EventStream<TestEvent>>): void {
  describe(`EventStream contract: ${name}`, () => {
    let stream: EventStream<TestEvent>;
    beforeEach(async () => {
      stream = await make();
    });
    afterEach(async () => stream.close());

    it('reads nothing from an empty stream', async () => {
      assert.deepEqual(await stream.read(), []);
    });

    it('reads published events in publish order, with the ids publish returned', async () => {
      const ids: string[] = [];
      for (let n = 1; n <= 5; n++) ids.push(await stream.publish({ n, tag: `e${n}` }));
      assert.equal(new Set(ids).size, 5);
      const all = await stream.read();
      assert.deepEqual(all.map((e) => e.id), ids);
      assert.deepEqual(all.map((e) => e.event), [1, 2, 3, 4, 5].map((n) => ({ n, tag: `e${n}` })));
    });

    it('reads after an id (exclusive) and honours count', async () => {
      const ids: string[] = [];
      for (let n = 1; n <= 6; n++) ids.push(await stream.publish({ n }));
      assert.deepEqual((await stream.read(ids[2])).map((e) => e.event.n), [4, 5, 6]);
      assert.deepEqual((await stream.read(ids[2], 2)).map((e) => e.event.n), [4, 5]);
      assert.deepEqual((await stream.read(undefined, 3)).map((e) => e.event.n), [1, 2, 3]);
      assert.deepEqual(await stream.read(ids[5]), []);
    });

    it('does not let a reader change what the stream holds', async () => {
      await stream.publish({ n: 1 });
      (await stream.read())[0]!.event.n = 99;
      assert.equal((await stream.read())[0]!.event.n, 1);
    });

    it('delivers events published after subscribe, in order, even to a slow async handler', async () => {
      await stream.publish({ n: 0 });
      const got: number[] = [];
      const stop = stream.subscribe(async (e) => {
        await sleep(Math.random() * 5);
        got.push(e.event.n);
      });
      for (let n = 1; n <= 20; n++) await stream.publish({ n });
      await eventually(() => assert.equal(got.length, 20));
      assert.deepEqual(got, Array.from({ length: 20 }, (_, i) => i + 1));
      stop();
    });

    it('delivers entries with the ids read() shows', async () => {
      const got: StreamEntry<TestEvent>[] = [];
      const stop = stream.subscribe((e) => void got.push(e));
      await stream.publish({ n: 1 });
      await stream.publish({ n: 2 });
      await eventually(() => assert.equal(got.length, 2));
      assert.deepEqual(got, await stream.read());
      stop();
    });

    it('with afterId replays what followed it, then follows new events', async () => {
      const first = await stream.publish({ n: 1 });
      await stream.publish({ n: 2 });
      await stream.publish({ n: 3 });
      const got: number[] = [];
      const stop = stream.subscribe((e) => void got.push(e.event.n), { afterId: first });
      await eventually(() => assert.deepEqual(got, [2, 3]));
      await stream.publish({ n: 4 });
      await eventually(() => assert.deepEqual(got, [2, 3, 4]));
      stop();
    });

    it('stops delivering after unsubscribe', async () => {
      const got: number[] = [];
      const stop = stream.subscribe((e) => void got.push(e.event.n));
      await stream.publish({ n: 1 });
      await eventually(() => assert.deepEqual(got, [1]));
      stop();
      await stream.publish({ n: 2 });
      await sleep(300);
      assert.deepEqual(got, [1]);
    });

    it('drops what was not yet delivered when unsubscribed from inside the handler', async () => {
      const got: number[] = [];
      const stop = stream.subscribe(async (e) => {
        got.push(e.event.n);
        stop();
      });
      await stream.publish({ n: 1 });
      await stream.publish({ n: 2 });
      await stream.publish({ n: 3 });
      await sleep(300);
      assert.deepEqual(got, [1]);
    });

    it('gives every subscriber every event', async () => {
      const a: number[] = [];
      const b: number[] = [];
      const stopA = stream.subscribe((e) => void a.push(e.event.n));
      const stopB = stream.subscribe(async (e) => {
        await sleep(2);
        b.push(e.event.n);
      });
      for (let n = 1; n <= 10; n++) await stream.publish({ n });
      const all = Array.from({ length: 10 }, (_, i) => i + 1);
      await eventually(() => {
        assert.deepEqual(a, all);
        assert.deepEqual(b, all);
      });
      stopA();
      stopB();
    });

    it('keeps delivering after a handler throws', async () => {
      const got: number[] = [];
      const stop = stream.subscribe((e) => {
        got.push(e.event.n);
        if (e.event.n === 1) throw new Error('consumer bug');
      });
      await stream.publish({ n: 1 });
      await stream.publish({ n: 2 });
      await eventually(() => assert.deepEqual(got, [1, 2]));
      stop();
    });

    it('stops every subscription on close', async () => {
      const got: number[] = [];
      stream.subscribe((e) => void got.push(e.event.n));
      await stream.publish({ n: 1 });
      await eventually(() => assert.deepEqual(got, [1]));
      await stream.close();
      await stream.publish({ n: 2 }).catch(() => undefined);
      await sleep(300);
      assert.deepEqual(got, [1]);
    });
  });
}
