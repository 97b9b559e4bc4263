import assert from 'node:assert/strict';
import { HANDOFF_PRIORITY, type HandoffReason } from '../../bot/handoff/handoffPacket';
import { HandoffStore, type AgentIdentity, type NewHandoff } from '../../bot/handoff/handoffStore';
import { AppError } from '../../platform/errors';
import type { DocStore } from '../../platform/store/docStore';

const SAM: AgentIdentity = { username: 'sam', displayName: 'Sam (Support)', capacity: 3 };
const RILEY: AgentIdentity = { username: 'riley', displayName: 'Riley (Support)', capacity: 2 };

export function handoff(conversationId: string, reason: HandoffReason = 'asked_for_agent', at = new Date()): NewHandoff {
  return {
    conversationId,
    channelId: 'directline',
    reason,
    priority: HANDOFF_PRIORITY[reason],
    summary: `summary of ${conversationId}`,
    customerId: 'cus-ava',
    customerName: 'Ava Thompson',
    packet: { reason, summary: 's', customerId: 'cus-ava', trail: [], slots: {}, shown: [], requestedAt: at.toISOString() },
    transcript: [],
    queuedAt: at.toISOString(),
  };
}

const status = (code: number) => (e: unknown) => e instanceof AppError && e.status === code;

/**
 * The handoff queue's semantics on a {@link DocStore}: run against each DocStore
 * implementation (memory, Redis).
 * @param make returns a fresh, empty DocStore.
 */
export function handoffStoreContract(name: string, make: () => Promise<DocStore>): void {
  describe(`HandoffStore contract: ${name}`, () => {
    let docs: DocStore;
    let store: HandoffStore;
    const now = () => new Date();
    const online = async (a: AgentIdentity) => store.setPresence(a, 'online', Date.now() + 60_000);

    beforeEach(async () => {
      docs = await make();
      store = new HandoffStore(docs);
    });
    afterEach(async () => docs.close());

    it('serves first come, first served within a priority, shipping problems first', async () => {
      await store.enqueue(handoff('c1', 'asked_for_agent'));
      await store.enqueue(handoff('c2', 'not_understood_twice'));
      await store.enqueue(handoff('c3', 'shipping_problem'));
      await store.enqueue(handoff('c4', 'api_failure'));
      await store.enqueue(handoff('c5', 'shipping_problem'));
      assert.deepEqual((await store.queue()).map((e) => e.conversationId), ['c3', 'c5', 'c4', 'c1', 'c2']);
    });

    it('does not queue a conversation twice, and queues it again after it ended', async () => {
      assert.deepEqual(await store.enqueue(handoff('c1')), { queued: true, queueLength: 1 });
      assert.deepEqual(await store.enqueue(handoff('c1')), { queued: false, queueLength: 1 });
      await store.cancel('c1', now());
      assert.equal((await store.get('c1'))?.state, 'ended');
      assert.deepEqual(await store.enqueue(handoff('c1')), { queued: true, queueLength: 1 });
      assert.deepEqual((await store.get('c1'))?.lines, []);
    });

    it('keeps 20 concurrent arrivals in one queue, in arrival order', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => store.enqueue(handoff(`c${i}`))));
      const q = await store.queue();
      assert.equal(q.length, 20);
      assert.deepEqual(q.map((e) => e.seq), [...q.map((e) => e.seq)].sort((a, b) => a - b));
      assert.equal(new Set(q.map((e) => e.seq)).size, 20);
    });

    it('reports each position change once, with what the customer was told before', async () => {
      await store.enqueue(handoff('c1'));
      await store.enqueue(handoff('c2'));
      assert.deepEqual(await store.claimPositionChanges(), [
        { conversationId: 'c1', position: 1 },
        { conversationId: 'c2', position: 2 },
      ]);
      assert.deepEqual(await store.claimPositionChanges(), [], 'claimed already');
      await store.enqueue(handoff('c3', 'shipping_problem'));
      const [a, b] = await Promise.all([store.claimPositionChanges(), store.claimPositionChanges()]);
      assert.deepEqual([...a, ...b], [
        { conversationId: 'c3', position: 1 },
        { conversationId: 'c1', position: 2, previous: 1 },
        { conversationId: 'c2', position: 3, previous: 2 },
      ], 'two concurrent claims split the changes, never duplicate them');
      await store.cancel('c3', now());
      assert.deepEqual(await store.claimPositionChanges(), [
        { conversationId: 'c1', position: 1, previous: 2 },
        { conversationId: 'c2', position: 2, previous: 3 },
      ]);
    });

    it('keeps what the customer writes while waiting, and says which line was the first', async () => {
      await store.enqueue(handoff('c1'));
      const first = await store.addLine('c1', { from: 'customer', text: 'hello?', at: now().toISOString() }, ['waiting', 'active']);
      const second = await store.addLine('c1', { from: 'customer', text: 'still there?', at: now().toISOString() }, ['waiting', 'active']);
      assert.equal(first?.firstWhileWaiting, true);
      assert.equal(second?.firstWhileWaiting, false);
      assert.deepEqual((await store.get('c1'))?.lines.map((l) => l.text), ['hello?', 'still there?']);
      assert.equal(await store.addLine('nope', { from: 'customer', text: 'x', at: now().toISOString() }, ['waiting']), undefined);
      assert.equal(await store.addLine('c1', { from: 'agent', text: 'x', at: now().toISOString() }, ['active']), undefined, 'not active yet');
    });

    it('lets exactly one of two agents take a conversation', async () => {
      await online(SAM);
      await online(RILEY);
      await store.enqueue(handoff('c1'));
      const results = await Promise.allSettled([store.accept('c1', SAM, now()), store.accept('c1', RILEY, now())]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.ok(status(409)(lost.reason), String(lost.reason));
      const conv = await store.get('c1');
      assert.equal(conv?.state, 'active');
      assert.equal((await store.queue()).length, 0);
      const winner = conv!.agent!;
      assert.deepEqual((await store.agent(winner))?.active, ['c1']);
      assert.deepEqual((await store.agent(winner === 'sam' ? 'riley' : 'sam'))?.active, []);
    });

    it('respects capacity, presence and connectedness', async () => {
      for (const id of ['c1', 'c2', 'c3', 'c4']) await store.enqueue(handoff(id));
      await assert.rejects(store.accept('c1', SAM, now()), status(409), 'never online');
      await store.setPresence(SAM, 'away', Date.now() + 60_000);
      await assert.rejects(store.accept('c1', SAM, now()), status(409), 'away');
      await store.setPresence(SAM, 'online', Date.now() - 1);
      await assert.rejects(store.accept('c1', SAM, now()), status(409), 'console not connected');
      await online(RILEY);
      await store.accept('c1', RILEY, now());
      await store.accept('c2', RILEY, now());
      await assert.rejects(store.accept('c3', RILEY, now()), (e: unknown) => status(409)(e) && /capacity/.test((e as Error).message));
      await store.end('c1', 'riley', 'resolved', undefined, now());
      await store.accept('c3', RILEY, now());
      assert.deepEqual((await store.agent('riley'))?.active.sort(), ['c2', 'c3']);
      assert.deepEqual((await store.queue()).map((e) => e.conversationId), ['c4']);
    });

    it('keeps concurrent accepts by one agent within capacity', async () => {
      await online(RILEY);
      for (const id of ['c1', 'c2', 'c3', 'c4', 'c5']) await store.enqueue(handoff(id));
      const r = await Promise.allSettled(['c1', 'c2', 'c3', 'c4', 'c5'].map((id) => store.accept(id, RILEY, now())));
      assert.equal(r.filter((x) => x.status === 'fulfilled').length, 2);
      assert.equal((await store.agent('riley'))?.active.length, 2);
      assert.equal((await store.queue()).length, 3);
    });

    it('lets only the assigned agent read or end a conversation', async () => {
      await online(SAM);
      await store.enqueue(handoff('c1'));
      await assert.rejects(store.forAgent('c1', 'sam'), status(403), 'waiting: nobody has it');
      await store.accept('c1', SAM, now());
      assert.equal((await store.forAgent('c1', 'sam')).agentName, 'Sam (Support)');
      await assert.rejects(store.forAgent('c1', 'riley'), status(403));
      await assert.rejects(store.end('c1', 'riley', 'resolved', undefined, now()), status(403));
      await assert.rejects(store.forAgent('zz', 'sam'), status(404));
      const { conv, handleMs } = await store.end('c1', 'sam', 'follow_up', 'shipping.problem', now());
      assert.equal(conv.state, 'ended');
      assert.equal(conv.outcome, 'follow_up');
      assert.equal(conv.labelledIntent, 'shipping.problem');
      assert.ok(handleMs >= 0);
      await assert.rejects(store.end('c1', 'sam', 'resolved', undefined, now()), status(409), 'ended already');
      assert.deepEqual((await store.agent('sam'))?.active, []);
      assert.equal((await store.handleTimes()).length, 1);
    });

    it('turns a message into a follow-up ticket after the customer chose to leave one', async () => {
      await store.enqueue(handoff('c1', 'shipping_problem'));
      await store.addLine('c1', { from: 'customer', text: 'my parcel is wet', at: now().toISOString() }, ['waiting']);
      assert.equal(await store.storeTicket('c1', 'too early', now()), undefined, 'not leaving a message yet');
      assert.equal(await store.startLeavingMessage('c1'), true);
      assert.equal((await store.queue()).length, 0);
      const ticket = await store.storeTicket('c1', 'please call me back about PS-10042', now());
      assert.match(ticket!.id, /^T-[0-9A-F]{8}$/);
      assert.deepEqual(ticket!.earlier, ['my parcel is wet']);
      assert.equal((await store.get('c1'))?.outcome, 'ticket');
      assert.deepEqual((await store.openTickets()).map((t) => t.message), ['please call me back about PS-10042']);
      const closed = await store.closeTicket(ticket!.id, 'sam', now());
      assert.equal(closed.status, 'closed');
      assert.deepEqual(await store.openTickets(), []);
      await assert.rejects(store.closeTicket(ticket!.id, 'sam', now()), status(409));
      await assert.rejects(store.closeTicket('T-00000000', 'sam', now()), status(404));
    });

    it('claims each offer to leave a message once', async () => {
      await store.enqueue(handoff('c1', 'asked_for_agent', new Date(Date.now() - 10_000)));
      await store.enqueue(handoff('c2'));
      const due = (e: { queuedAt: string }) => Date.now() - Date.parse(e.queuedAt) > 5000;
      const [a, b] = await Promise.all([store.claimOffers(due), store.claimOffers(due)]);
      assert.deepEqual([...a, ...b].map((e) => e.conversationId), ['c1']);
      assert.deepEqual(await store.claimOffers(due), []);
    });

    it('knows every agent who opened the console, with presence and capacity', async () => {
      await online(SAM);
      await store.setPresence(RILEY, 'away', Date.now() + 60_000);
      await store.setPresence(SAM, undefined, Date.now() + 120_000);
      const agents = await store.agents();
      assert.deepEqual(agents.map((a) => [a.username, a.status, a.capacity]), [['sam', 'online', 3], ['riley', 'away', 2]]);
      assert.ok(agents[0]!.seenUntil > Date.now() + 100_000, 'a heartbeat keeps the status and extends the connection');
    });
  });
}
