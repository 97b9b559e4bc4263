import assert from 'node:assert/strict';
import type { HandoffBus, HubNotice } from '../../bot/handoff/handoffBus';

async function until(pred: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * What every {@link HandoffBus} does. `make` returns two buses of one deployment (for Redis:
 * two instances on one Redis and prefix; for memory: the same bus twice, one process).
 */
export function handoffBusContract(name: string, make: () => Promise<{ a: HandoffBus; b: HandoffBus; close(): Promise<void> }>): void {
  describe(`HandoffBus contract: ${name}`, () => {
    let pair: Awaited<ReturnType<typeof make>>;
    beforeEach(async () => {
      pair = await make();
      await Promise.all([pair.a.ready(), pair.b.ready()]);
    });
    afterEach(async () => pair.close());

    it('delivers a notice to every subscriber, on every instance, in order', async () => {
      const onA: HubNotice[] = [];
      const onB: HubNotice[] = [];
      pair.a.subscribe((n) => onA.push(n));
      pair.b.subscribe((n) => onB.push(n));
      const line: HubNotice = { kind: 'line', conversationId: 'c1', agent: 'sam', line: { from: 'customer', text: '<b>hi</b>', at: '2026-11-26T12:00:00.000Z' } };
      await pair.a.publish({ kind: 'queue' });
      await pair.a.publish(line);
      await pair.b.publish({ kind: 'tickets' });
      await until(() => onA.length === 3 && onB.length === 3, 'three notices on both');
      assert.deepEqual(onA, [{ kind: 'queue' }, line, { kind: 'tickets' }]);
      assert.deepEqual(onB, onA);
    });

    it('stops delivering after unsubscribe, and one failing listener does not stop another', async () => {
      const got: HubNotice[] = [];
      const off = pair.b.subscribe(() => {
        throw new Error('boom');
      });
      const stop = pair.b.subscribe((n) => got.push(n));
      await pair.a.publish({ kind: 'presence' });
      await until(() => got.length === 1, 'first notice');
      stop();
      off();
      await pair.a.publish({ kind: 'queue' });
      const canary: HubNotice[] = [];
      pair.b.subscribe((n) => canary.push(n));
      await pair.a.publish({ kind: 'tickets' });
      // The canary may or may not see "queue" (published just before it subscribed); it must see "tickets".
      await until(() => canary.some((n) => n.kind === 'tickets'), 'canary');
      assert.deepEqual(got, [{ kind: 'presence' }]);
    });
  });
}
