import assert from 'node:assert/strict';
import type { ModelBus, ModelNotice } from '../../nlu/models/modelBus';

/**
 * The behaviour every {@link ModelBus} must have.
 * @param make returns two buses as two instances would hold them (sharing the same medium)
 */
export function modelBusContract(name: string, make: () => Promise<[ModelBus, ModelBus]>): void {
  describe(`ModelBus contract: ${name}`, () => {
    let a: ModelBus;
    let b: ModelBus;
    beforeEach(async () => {
      [a, b] = await make();
      await Promise.all([a.ready(), b.ready()]);
    });
    afterEach(async () => {
      await a.close();
      await b.close();
    });
    const notice = (version: string): ModelNotice => ({ kind: 'activated', version, by: 'tara', at: new Date().toISOString() });
    const next = (bus: ModelBus) => new Promise<ModelNotice>((resolve) => {
      const off = bus.subscribe((n) => {
        off();
        resolve(n);
      });
    });

    it('delivers a notice to every instance, the publisher included', async () => {
      const got = Promise.all([next(a), next(b)]);
      await a.publish(notice('v1'));
      const [x, y] = await got;
      assert.equal(x.version, 'v1');
      assert.deepEqual(x, y);
    });

    it('delivers notices in order and stops after unsubscribe', async () => {
      const seen: string[] = [];
      const off = b.subscribe((n) => seen.push(n.version));
      for (const v of ['v1', 'v2', 'v3']) await a.publish(notice(v));
      await new Promise((r) => setTimeout(r, 100));
      off();
      await a.publish(notice('v4'));
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(seen, ['v1', 'v2', 'v3']);
    });

    it('keeps delivering when one listener throws', async () => {
      b.subscribe(() => {
        throw new Error('boom');
      });
      const got = next(b);
      await a.publish(notice('v5'));
      assert.equal((await got).version, 'v5');
    });
  });
}
