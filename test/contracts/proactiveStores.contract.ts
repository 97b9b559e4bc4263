import assert from 'node:assert/strict';
import { CustomerConversations } from '../../skills/proactive/customerConversations';
import { NoticeLedger } from '../../skills/proactive/noticeLedger';
import { DEFAULT_SETTINGS, NotificationPreferences } from '../../skills/proactive/notificationPreferences';
import type { DocStore } from '../../platform/store/docStore';

/**
 * The proactive messages' stores (customers' conversations, the notice ledger, settings): the
 * behaviour they must have on every {@link DocStore}. @param make returns a fresh, empty store.
 */
export function proactiveStoresContract(name: string, make: () => Promise<DocStore>): void {
  describe(`proactive stores contract: ${name}`, () => {
    let docs: DocStore;
    beforeEach(async () => {
      docs = await make();
    });

    it('customer conversations: latest, unseen after a notice, seen when the customer writes there', async () => {
      const c = new CustomerConversations(docs, 3600);
      assert.equal(await c.latest('cus-1'), undefined);
      await c.opened('cus-1', 'conv-a');
      assert.deepEqual(await c.latest('cus-1'), { conversationId: 'conv-a', unseen: false });
      await c.noticeSent('cus-1', 'conv-a');
      await c.seen('cus-1', 'conv-other');
      assert.equal((await c.latest('cus-1'))?.unseen, true, 'writing elsewhere does not see it');
      await c.seen('cus-1', 'conv-a');
      assert.deepEqual(await c.latest('cus-1'), { conversationId: 'conv-a', unseen: false });
    });

    it('customer conversations: of two made at once, both callers agree on one', async () => {
      const c = new CustomerConversations(docs, 3600);
      const [x, y] = await Promise.all([c.replaceIf('cus-2', undefined, 'conv-x'), c.replaceIf('cus-2', undefined, 'conv-y')]);
      assert.equal(x, y);
      assert.equal((await c.latest('cus-2'))?.conversationId, x);
      assert.equal(await c.replaceIf('cus-2', x, 'conv-z'), 'conv-z', 'replaces the one it saw');
    });

    it('ledger: one claim per key across callers; a finished notice is done', async () => {
      const l = new NoticeLedger(docs);
      const o = { conversationId: 'conv-a', afterSeq: 3, leaseMs: 1000, now: 1_000 };
      const claims = await Promise.all([l.begin('k1', o), l.begin('k1', o), l.begin('k1', o)]);
      assert.deepEqual(claims.map((c) => c.kind).sort(), ['busy', 'busy', 'send']);
      await l.finish('k1', 'sent', 1_100);
      assert.deepEqual(await l.begin('k1', { ...o, now: 5_000 }), { kind: 'done', state: 'sent' });
      assert.equal((await l.get('k1'))?.state, 'sent');
    });

    it('ledger: a claim whose holder died is resumed with where to look, after its lease', async () => {
      const l = new NoticeLedger(docs);
      assert.equal((await l.begin('k2', { conversationId: 'conv-a', afterSeq: 7, leaseMs: 1000, now: 1_000 })).kind, 'send');
      assert.equal((await l.begin('k2', { conversationId: 'conv-b', afterSeq: 0, leaseMs: 1000, now: 1_500 })).kind, 'busy');
      assert.deepEqual(await l.begin('k2', { conversationId: 'conv-b', afterSeq: 0, leaseMs: 1000, now: 2_500 }), { kind: 'resume', conversationId: 'conv-a', afterSeq: 7 });
    });

    it('ledger: an older notice of a thread after a newer one is stale, and stays dropped', async () => {
      const l = new NoticeLedger(docs);
      const base = { conversationId: 'c', afterSeq: 0, leaseMs: 1000, now: 1_000 };
      assert.equal((await l.begin('new', { ...base, thread: { id: 'order:1', at: '2026-01-02T00:00:00Z' } })).kind, 'send');
      assert.equal((await l.begin('old', { ...base, thread: { id: 'order:1', at: '2026-01-01T00:00:00Z' } })).kind, 'stale');
      assert.deepEqual(await l.begin('old', { ...base, now: 9_000, thread: { id: 'order:1', at: '2026-01-01T00:00:00Z' } }), { kind: 'done', state: 'skipped' });
      assert.equal((await l.begin('other', { ...base, thread: { id: 'order:2', at: '2026-01-01T00:00:00Z' } })).kind, 'send');
    });

    it('settings: defaults, then changes merge', async () => {
      const p = new NotificationPreferences(docs);
      assert.deepEqual(await p.get('cus-3'), DEFAULT_SETTINGS);
      await p.update('cus-3', { shippingUpdates: false });
      const quietHours = { from: '22:00', to: '07:00', timeZone: 'Europe/Berlin' };
      assert.deepEqual(await p.update('cus-3', { quietHours }), { shippingUpdates: false, renewalReminders: true, quietHours });
      assert.deepEqual(await p.get('cus-3'), { shippingUpdates: false, renewalReminders: true, quietHours });
    });
  });
}
