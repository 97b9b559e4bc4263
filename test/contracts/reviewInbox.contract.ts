import assert from 'node:assert/strict';
import type { AppError } from '../../platform/errors';
import type { ReviewInbox } from '../../training/review/reviewInbox';
import type { NewReviewItem } from '../../training/review/reviewItem';

const item = (over: Partial<NewReviewItem> = {}): NewReviewItem => ({
  conversationId: 'c1',
  text: 'can i pay with [email]',
  reason: 'fallback',
  intent: 'none',
  score: 0.1,
  ranking: [{ intent: 'none', score: 0.1 }],
  decision: 'fallback',
  at: new Date('2026-01-01T00:00:00Z').toISOString(),
  ...over,
});

/**
 * The behaviour every {@link ReviewInbox} must have.
 * @param make returns a fresh, empty inbox capped at `max` items
 */
export function reviewInboxContract(name: string, make: (max: number) => Promise<ReviewInbox>): void {
  describe(`ReviewInbox contract: ${name}`, () => {
    let inbox: ReviewInbox;
    afterEach(async () => inbox?.close());

    it('stores open items and lists them newest first', async () => {
      inbox = await make(100);
      const a = await inbox.add(item({ text: 'first' }));
      const b = await inbox.add(item({ text: 'second' }));
      assert.equal(a.status, 'open');
      assert.notEqual(a.id, b.id);
      assert.deepEqual(await inbox.get(a.id), a);
      const { items, total } = await inbox.list();
      assert.equal(total, 2);
      assert.deepEqual(items.map((i) => i.text), ['second', 'first']);
      assert.equal(await inbox.get('missing'), undefined);
    });

    it('drops the oldest items beyond the cap', async () => {
      inbox = await make(3);
      for (let i = 1; i <= 5; i += 1) await inbox.add(item({ text: `u${i}` }));
      assert.equal(await inbox.size(), 3);
      assert.deepEqual((await inbox.list({ sort: 'oldest' })).items.map((i) => i.text), ['u3', 'u4', 'u5']);
    });

    it('filters by status, reason, intent and text, sorts by score, and pages', async () => {
      inbox = await make(100);
      await inbox.add(item({ text: 'Where is MY parcel', reason: 'fallback', score: 0.2 }));
      await inbox.add(item({ text: 'pause or skip?', reason: 'clarify', intent: 'subscription.pause', score: 0.4, decision: 'clarify' }));
      await inbox.add(item({ text: 'cancel it', reason: 'low_confidence', intent: 'subscription.cancel', score: 0.3, decision: 'answer' }));
      assert.deepEqual((await inbox.list({ reason: 'clarify' })).items.map((i) => i.text), ['pause or skip?']);
      assert.deepEqual((await inbox.list({ intent: 'subscription.cancel' })).items.map((i) => i.text), ['cancel it']);
      assert.deepEqual((await inbox.list({ q: 'my PARCEL' })).items.map((i) => i.text), ['Where is MY parcel']);
      assert.deepEqual((await inbox.list({ sort: 'score' })).items.map((i) => i.score), [0.2, 0.3, 0.4]);
      assert.deepEqual((await inbox.list({ sort: '-score', limit: 1, offset: 1 })).items.map((i) => i.score), [0.3]);
      assert.equal((await inbox.list({ sort: '-score', limit: 1 })).total, 3);
    });

    it('resolves an open item exactly once, even when two trainers race', async () => {
      inbox = await make(100);
      const a = await inbox.add(item());
      const at = new Date('2026-01-02T00:00:00Z');
      const results = await Promise.allSettled([
        inbox.resolve(a.id, { status: 'accepted', intent: 'shipping.track', by: 'tara', at }),
        inbox.resolve(a.id, { status: 'dismissed', by: 'ada', at }),
      ]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.equal((rejected.reason as AppError).status, 409);
      const stored = (await inbox.get(a.id))!;
      assert.notEqual(stored.status, 'open');
      assert.equal((await inbox.list()).total, 0, 'reviewed items leave the open list');
      assert.equal((await inbox.list({ status: 'all' })).total, 1);
      await assert.rejects(inbox.resolve('missing', { status: 'dismissed', by: 'x', at }), (e: AppError) => e.status === 404);
    });

    it("puts the agent's label on every item of the conversation", async () => {
      inbox = await make(100);
      await inbox.add(item({ conversationId: 'c1', text: 'one' }));
      await inbox.add(item({ conversationId: 'c1', text: 'two' }));
      await inbox.add(item({ conversationId: 'c2', text: 'other' }));
      assert.equal(await inbox.labelConversation('c1', 'shipping.problem', 'sam'), 2);
      const labelled = (await inbox.list({ intent: 'shipping.problem' })).items;
      assert.deepEqual(labelled.map((i) => [i.text, i.agentLabel, i.agentLabelledBy]), [['two', 'shipping.problem', 'sam'], ['one', 'shipping.problem', 'sam']]);
      assert.equal(await inbox.labelConversation('nobody', 'x', 'sam'), 0);
    });
  });
}
