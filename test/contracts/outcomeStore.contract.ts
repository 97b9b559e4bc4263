import assert from 'node:assert/strict';
import { closeIfIdle, newOutcome, type ConversationOutcome } from '../../ops/outcomes/conversationOutcome';
import type { OutcomeStore } from '../../ops/outcomes/outcomeStore';

// Recent times: records and index entries older than the retention are dropped.
const T0 = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 2 * 3_600_000);
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function record(id: string, startMin: number, patch: Partial<ConversationOutcome> = {}): ConversationOutcome {
  return { ...newOutcome(id, 'directline', at(startMin), 'cus-ava'), messages: 1, ...patch };
}

/**
 * The behaviour every {@link OutcomeStore} must have. Run it against each implementation.
 * @param make returns a fresh, empty store; `second` another handle on the same data (another instance).
 */
export function outcomeStoreContract(name: string, make: () => Promise<{ store: OutcomeStore; second: () => Promise<OutcomeStore> }>): void {
  describe(`OutcomeStore contract: ${name}`, () => {
    let store: OutcomeStore;
    let second: () => Promise<OutcomeStore>;
    beforeEach(async () => {
      ({ store, second } = await make());
    });
    afterEach(async () => store.close());

    it('creates, reads and updates a record, reporting what changed', async () => {
      assert.equal(await store.get('c1'), undefined);
      const created = await store.update('c1', (cur) => cur ?? record('c1', 0));
      assert.equal(created.changed, true);
      assert.equal(created.previous, undefined);
      assert.equal(created.current!.conversationId, 'c1');
      const same = await store.update('c1', () => undefined);
      assert.equal(same.changed, false);
      assert.deepEqual(same.current, created.current);
      const next = await store.update('c1', (cur) => ({ ...cur!, messages: cur!.messages + 1, intents: ['rewards.balance'] }));
      assert.equal(next.previous!.messages, 1);
      assert.equal(next.current!.messages, 2);
      assert.deepEqual(await store.get('c1'), next.current);
    });

    it('never loses an update under 40 concurrent increments from two instances', async () => {
      await store.update('c1', () => record('c1', 0, { messages: 0 }));
      const other = await second();
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 ? other : store).update('c1', (cur) => ({ ...cur!, messages: cur!.messages + 1 }))),
      );
      assert.equal((await store.get('c1'))!.messages, 40);
      await other.close();
    });

    it('lists records by start time in [from, to), oldest first', async () => {
      await store.update('late', () => record('late', 30));
      await store.update('early', () => record('early', 5));
      await store.update('edge', () => record('edge', 60));
      await store.update('before', () => record('before', -1));
      const listed = await store.listStarted(at(0), at(60));
      assert.deepEqual(listed.map((r) => r.conversationId), ['early', 'late']);
      assert.deepEqual((await store.listStarted(at(0), at(61))).map((r) => r.conversationId), ['early', 'late', 'edge']);
    });

    it('offers open conversations idle since a time, stalest first, but not those with the hub or ended', async () => {
      await store.update('a', () => record('a', 0, { lastActivityAt: at(10).toISOString() }));
      await store.update('b', () => record('b', 0, { lastActivityAt: at(2).toISOString() }));
      await store.update('fresh', () => record('fresh', 0, { lastActivityAt: at(50).toISOString() }));
      await store.update('queued', () => record('queued', 0, { handoff: { reason: 'asked_for_agent', at: at(1).toISOString(), intent: 'agent.request' } }));
      await store.update('ended', () => record('ended', 0, { endedAt: at(3).toISOString(), endedHow: 'goodbye' }));
      assert.deepEqual(await store.idleCandidates(at(20), 10), ['b', 'a']);
      assert.deepEqual(await store.idleCandidates(at(20), 1), ['b']);
      assert.equal(await store.countOpen(at(0)), 4, 'open includes the queued one');
      assert.equal(await store.countOpen(at(5)), 2);
      // Active again: the index follows.
      await store.update('b', (cur) => ({ ...cur!, lastActivityAt: at(40).toISOString() }));
      assert.deepEqual(await store.idleCandidates(at(20), 10), ['a']);
      // The hub finished with it: a candidate again.
      await store.update('queued', (cur) => ({ ...cur!, handoff: { ...cur!.handoff!, completedAt: at(4).toISOString() } }));
      assert.deepEqual(await store.idleCandidates(at(20), 10), ['queued', 'a']);
    });

    it('lets exactly one of two instances close each idle conversation', async () => {
      for (let i = 0; i < 10; i++) await store.update(`c${i}`, () => record(`c${i}`, 0, { lastActivityAt: at(i).toISOString() }));
      const other = await second();
      const sweep = async (s: OutcomeStore) => {
        const closed: string[] = [];
        for (const id of await s.idleCandidates(at(30), 100)) {
          const u = await s.update(id, (cur) => closeIfIdle(cur, at(30), at(31)));
          if (u.changed) closed.push(id);
        }
        return closed;
      };
      const [x, y] = await Promise.all([sweep(store), sweep(other)]);
      assert.deepEqual([...x, ...y].sort(), Array.from({ length: 10 }, (_, i) => `c${i}`).sort());
      assert.deepEqual(await store.idleCandidates(at(30), 100), []);
      assert.equal((await store.get('c3'))!.endedHow, 'idle');
      await other.close();
    });

    it('answers ping', async () => {
      assert.equal(await store.ping(), true);
    });
  });
}
