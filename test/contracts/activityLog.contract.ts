import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../platform/errors';
import type { ActivityLog, ActivityLogOptions, ConversationMeta, LogEntry, NewChatActivity } from '../../bot/channels/activityLog';

export interface ActivityLogUnderTest {
  log: ActivityLog;
  /** Another instance over the same storage (a second server process would have one). */
  twin(): Promise<ActivityLog>;
  dispose(): Promise<void>;
}

const meta = (conversationId = randomUUID()): ConversationMeta => ({
  conversationId,
  userId: 'u_1',
  customerId: 'c-1001',
  name: 'Ada',
  createdAt: new Date().toISOString(),
});

const msg = (text: string, extra: Partial<NewChatActivity> = {}): NewChatActivity => ({
  type: 'message',
  text,
  from: { id: 'u_1', role: 'user' },
  conversation: { id: 'x' },
  channelData: { clientActivityID: `c-${text}` },
  ...extra,
});

const until = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

const rejectsWith = (status: number) => (e: unknown) => e instanceof AppError && e.status === status;

/**
 * The behaviour every {@link ActivityLog} must have. Run it against each implementation.
 * @param make a fresh, empty log with these options.
 */
export function activityLogContract(name: string, make: (o: ActivityLogOptions) => Promise<ActivityLogUnderTest>): void {
  describe(`ActivityLog contract: ${name}`, () => {
    let sut: ActivityLogUnderTest;
    let log: ActivityLog;
    beforeEach(async () => {
      sut = await make({ retentionSeconds: 3600, maxActivities: 1000 });
      log = sut.log;
    });
    afterEach(async () => sut.dispose());

    it('creates a conversation once and reports its metadata', async () => {
      const m = meta();
      assert.equal(await log.createConversation(m), true);
      assert.equal(await log.createConversation({ ...m, userId: 'other' }), false);
      assert.deepEqual(await log.getConversation(m.conversationId), { meta: m, started: false, lastSeq: 0 });
      assert.equal(await log.getConversation('nope'), undefined);
    });

    it('starts a conversation exactly once, even when asked concurrently', async () => {
      const m = meta();
      await log.createConversation(m);
      const results = await Promise.all(Array.from({ length: 10 }, () => log.markStarted(m.conversationId)));
      assert.equal(results.filter(Boolean).length, 1);
      assert.equal((await log.getConversation(m.conversationId))!.started, true);
      assert.equal(await log.markStarted(m.conversationId), false);
      await assert.rejects(log.markStarted('nope'), rejectsWith(404));
    });

    it('assigns seq, id and a non-decreasing ISO timestamp, keeping the content', async () => {
      const m = meta();
      await log.createConversation(m);
      const text = 'héllo 🐶 <b>&amp;</b> "quoted" \\ \u2028';
      const a = await log.append(m.conversationId, msg(text, { value: { n: 1, list: [], nested: { empty: {} } } }));
      const b = await log.append(m.conversationId, msg('second'));
      assert.equal(a.seq, 1);
      assert.equal(b.seq, 2);
      assert.equal(a.activity.id, `${m.conversationId}|0000001`);
      assert.equal(b.activity.id, `${m.conversationId}|0000002`);
      assert.equal(a.activity.text, text);
      assert.deepEqual(a.activity.value, { n: 1, list: [], nested: { empty: {} } });
      assert.deepEqual(a.activity.channelData, { clientActivityID: `c-${text}` });
      assert.match(a.activity.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.ok(Date.parse(b.activity.timestamp) >= Date.parse(a.activity.timestamp));
      assert.ok(Math.abs(Date.parse(a.activity.timestamp) - Date.now()) < 5000);
      assert.equal((await log.getConversation(m.conversationId))!.lastSeq, 2);
      assert.deepEqual(await log.read(m.conversationId, 0, 10), [a, b]);
    });

    it('refuses to append to an unknown conversation', async () => {
      await assert.rejects(log.append('nope', msg('x')), rejectsWith(404));
      assert.deepEqual(await log.read('nope', 0, 10), []);
    });

    it('reads after a watermark, oldest first, up to a limit', async () => {
      const m = meta();
      await log.createConversation(m);
      for (let i = 1; i <= 7; i++) await log.append(m.conversationId, msg(`m${i}`));
      assert.deepEqual((await log.read(m.conversationId, 0, 100)).map((e) => e.seq), [1, 2, 3, 4, 5, 6, 7]);
      assert.deepEqual((await log.read(m.conversationId, 4, 100)).map((e) => e.activity.text), ['m5', 'm6', 'm7']);
      assert.deepEqual((await log.read(m.conversationId, 2, 3)).map((e) => e.seq), [3, 4, 5]);
      assert.deepEqual(await log.read(m.conversationId, 7, 100), []);
      assert.deepEqual(await log.read(m.conversationId, 99, 100), []);
    });

    it('never reuses a seq under 50 concurrent appends', async () => {
      const m = meta();
      await log.createConversation(m);
      const entries = await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(m.conversationId, msg(`m${i}`))));
      assert.deepEqual(entries.map((e) => e.seq).sort((x, y) => x - y), Array.from({ length: 50 }, (_, i) => i + 1));
      const read = await log.read(m.conversationId, 0, 100);
      assert.deepEqual(read.map((e) => e.seq), Array.from({ length: 50 }, (_, i) => i + 1));
      for (let i = 1; i < read.length; i++) assert.ok(read[i]!.activity.timestamp >= read[i - 1]!.activity.timestamp);
    });

    it('delivers each later entry once, in order, to every subscriber of that conversation only', async () => {
      const m = meta();
      const other = meta();
      await log.createConversation(m);
      await log.createConversation(other);
      await log.append(m.conversationId, msg('before'));
      const seen1: LogEntry[] = [];
      const seen2: LogEntry[] = [];
      const seenOther: LogEntry[] = [];
      const un1 = await log.subscribe(m.conversationId, (e) => seen1.push(e));
      const un2 = await log.subscribe(m.conversationId, (e) => seen2.push(e));
      const un3 = await log.subscribe(other.conversationId, (e) => seenOther.push(e));
      const appended = await Promise.all([1, 2, 3, 4, 5].map((i) => log.append(m.conversationId, msg(`live${i}`))));
      await until(() => seen1.length >= 5 && seen2.length >= 5);
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(seen1.map((e) => e.seq), [2, 3, 4, 5, 6]);
      assert.deepEqual(seen2, seen1);
      assert.deepEqual(seen1, [...appended].sort((x, y) => x.seq - y.seq));
      assert.equal(seenOther.length, 0);
      await un1();
      await log.append(m.conversationId, msg('after'));
      await until(() => seen2.length === 6);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(seen1.length, 5);
      await un2();
      await un3();
    });

    it('keeps delivering when one subscriber throws', async () => {
      const m = meta();
      await log.createConversation(m);
      const seen: number[] = [];
      const unA = await log.subscribe(m.conversationId, () => {
        throw new Error('boom');
      });
      const unB = await log.subscribe(m.conversationId, (e) => seen.push(e.seq));
      await log.append(m.conversationId, msg('a'));
      await until(() => seen.length === 1);
      await unA();
      await unB();
    });

    it('publishes a new version of an activity under the same id', async () => {
      const m = meta();
      await log.createConversation(m);
      const first = await log.append(m.conversationId, msg('v1'));
      const second = await log.append(m.conversationId, msg('v2'), { replacesId: first.activity.id });
      assert.equal(second.seq, 2);
      assert.equal(second.activity.id, first.activity.id);
      assert.deepEqual((await log.read(m.conversationId, 1, 10)).map((e) => [e.seq, e.activity.id, e.activity.text]), [[2, first.activity.id, 'v2']]);
    });

    it('keeps only the newest maxActivities', async () => {
      await sut.dispose();
      sut = await make({ retentionSeconds: 3600, maxActivities: 5 });
      log = sut.log;
      const m = meta();
      await log.createConversation(m);
      for (let i = 1; i <= 12; i++) await log.append(m.conversationId, msg(`m${i}`));
      assert.deepEqual((await log.read(m.conversationId, 0, 100)).map((e) => e.seq), [8, 9, 10, 11, 12]);
      assert.equal((await log.getConversation(m.conversationId))!.lastSeq, 12);
    });

    it('forgets a conversation retentionSeconds after its last write', async () => {
      await sut.dispose();
      sut = await make({ retentionSeconds: 1, maxActivities: 100 });
      log = sut.log;
      const m = meta();
      await log.createConversation(m);
      await log.append(m.conversationId, msg('x'));
      await new Promise((r) => setTimeout(r, 600));
      await log.append(m.conversationId, msg('y')); // a write extends the retention
      await new Promise((r) => setTimeout(r, 600));
      assert.equal((await log.read(m.conversationId, 0, 10)).length, 2);
      await new Promise((r) => setTimeout(r, 1100));
      assert.equal(await log.getConversation(m.conversationId), undefined);
      assert.deepEqual(await log.read(m.conversationId, 0, 10), []);
      await assert.rejects(log.append(m.conversationId, msg('z')), rejectsWith(404));
    });

    it('lets a second instance over the same storage see the history and live entries, without duplicates', async () => {
      const twin = await sut.twin();
      const m = meta();
      await log.createConversation(m);
      await log.append(m.conversationId, msg('one'));
      assert.deepEqual((await twin.getConversation(m.conversationId))!.meta, m);
      assert.deepEqual((await twin.read(m.conversationId, 0, 10)).map((e) => e.activity.text), ['one']);
      const seen: number[] = [];
      const un = await twin.subscribe(m.conversationId, (e) => seen.push(e.seq));
      await log.append(m.conversationId, msg('two'));
      await twin.append(m.conversationId, msg('three'));
      await until(() => seen.length === 2);
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(seen, [2, 3]);
      await un();
    });

    it('answers ping', async () => {
      assert.equal(await log.ping(), true);
    });
  });
}
