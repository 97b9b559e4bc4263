import assert from 'node:assert/strict';
import type { Subscription } from '../../../contracts/subscriptions';
import { eventually } from '../../contracts/eventStream.contract';
import { customer, type Deployment } from '../../bot/handoff/support/handoffServer';
import { call, fixedClock } from '../../support/sandboxServer';
import { carrierWebhook, proactiveDeployment, sleep, startProactiveInstance, type ProactiveInstance } from './support/proactiveServer';

type Button = { title: string; text: string; value: unknown };
const chloeSub = async (d: Deployment) => (await call(d.sandbox, 'GET', '/v1/customers/cus-chloe/subscriptions/sub-chloe-1')).body as Subscription;

for (const store of ['memory', 'redis'] as const) {
  describe(`renewal reminders (${store})`, function () {
    this.timeout(60_000);
    // Chloe's Puppy Kibble ships 2026-12-05 (seeded 9 days after this clock).
    const clock = fixedClock('2026-11-26T12:00:00.000Z');
    let d: Deployment;
    let a: ProactiveInstance;
    let b: ProactiveInstance | undefined;
    beforeEach(async () => {
      clock.set('2026-11-26T12:00:00.000Z');
      d = await proactiveDeployment(store, clock);
      a = await startProactiveInstance(d, { now: clock.now, reminderDays: 3 });
      await a.proactive.reminders.stop();
    });
    afterEach(async () => {
      await b?.close();
      b = undefined;
      await a.close();
      await d.close();
    });

    it('fires once, REMINDER_DAYS_BEFORE days before the delivery, across instances', async () => {
      b = await startProactiveInstance(d, { now: clock.now, reminderDays: 3 });
      await b.proactive.reminders.stop();
      clock.set('2026-12-01T09:00:00.000Z');
      await Promise.all([a.proactive.reminders.sweep(), b.proactive.reminders.sweep()]);
      assert.equal(await a.proactive.conversations.latest('cus-chloe'), undefined, 'four days before: not yet');
      clock.set('2026-12-02T09:00:00.000Z');
      const [ra, rb] = await Promise.all([a.proactive.reminders.sweep(), b.proactive.reminders.sweep()]);
      assert.ok(ra.due > 0 && rb.due > 0);
      await Promise.all([a.proactive.reminders.sweep(), b.proactive.reminders.sweep()]);
      const latest = await a.proactive.conversations.latest('cus-chloe');
      assert.equal(latest?.unseen, true);
      const notices = await a.notices(latest!.conversationId);
      assert.deepEqual(notices.map((n) => n.text), ['Your Puppy Kibble 15 lb ships Saturday, December 5. Want to skip this one, pause, or change it before then?']);
    });

    it('is not sent for paused or cancelled subscriptions', async () => {
      // Ben's Indoor Cat Food is paused until 2026-12-17; his Salmon Cat Treats are cancelled.
      clock.set('2026-12-15T09:00:00.000Z');
      await a.proactive.reminders.sweep();
      const latest = await a.proactive.conversations.latest('cus-ben');
      const texts = latest ? (await a.notices(latest.conversationId)).map((n) => String(n.text)) : [];
      assert.ok(!texts.some((t) => /Indoor Cat Food|Salmon Cat Treats/.test(t)), texts.join('\n'));
    });

    it('appears when the customer opens the chat; [Skip this one] starts the confirmed skip of that subscription, once', async () => {
      clock.set('2026-12-02T09:00:00.000Z');
      await a.proactive.reminders.sweep();
      const before = await chloeSub(d);
      const chloe = await customer(a, 'cus-chloe', 'Chloe Martin');
      const reminder = chloe.client.seen.find((x) => /Puppy Kibble 15 lb ships/.test(String((x as { text?: string }).text))) as unknown as { suggestedActions: { actions: Button[] } };
      assert.ok(reminder, 'the reminder is in the history');
      const buttons = reminder.suggestedActions.actions;
      assert.deepEqual(buttons.map((x) => x.title), ['Skip this one', 'Pause', 'Change', 'Keep it']);
      let mark = chloe.mark();
      await chloe.client.post({ type: 'message', text: buttons[0]!.text, value: buttons[0]!.value });
      await chloe.expect(/Skip the \*\*Puppy Kibble 15 lb\*\* delivery on \*\*Saturday, December 5\*\*\?/, mark);
      assert.equal((await chloeSub(d)).version, before.version, 'nothing changes before the yes');
      mark = chloe.mark();
      await chloe.say('yes');
      await chloe.expect(/delivery on Saturday, December 5 is skipped/, mark);
      const after = await chloeSub(d);
      assert.equal(after.version, before.version + 1);
      assert.equal(after.nextDeliveryDate, '2026-12-26');
      // Sweeping again: the reminder for December 5 is not sent twice, the new date is not due yet.
      await a.proactive.reminders.sweep();
      await sleep(200);
      assert.equal((await a.notices(chloe.conversationId)).length, 1);
      mark = chloe.mark();
      await chloe.client.post({ type: 'message', text: buttons[3]!.text, value: buttons[3]!.value });
      await chloe.expect(/stays as planned/, mark);
      chloe.stop();
    });

    it('the customer decides: "stop sending me delivery updates" in chat, the account page API turns them back on', async () => {
      const ava = await customer(a);
      let mark = ava.mark();
      await ava.say('stop sending me delivery updates');
      await ava.expect(/Done\. Delivery updates are off and renewal reminders are on/, mark);
      mark = ava.mark();
      await carrierWebhook(d.sandbox.url, { eventId: 'evt-off-1' });
      await sleep(800);
      assert.equal((await a.notices(ava.conversationId)).length, 0, 'no update while they are off');
      const api = (method: string, body?: unknown) =>
        fetch(`${a.url}/api/chat/customers/cus-ava/notifications`, {
          method,
          headers: { authorization: `Bearer ${a.config.CHAT_API_SECRET}`, 'content-type': 'application/json' },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
      assert.equal((await fetch(`${a.url}/api/chat/customers/cus-ava/notifications`)).status, 401);
      assert.deepEqual(await (await api('GET')).json(), { shippingUpdates: false, renewalReminders: true, quietHours: null });
      assert.equal((await api('PATCH', { shippingUpdates: 'yes' })).status, 422);
      assert.equal((await api('PATCH', { shippingUpdates: true })).status, 200);
      await carrierWebhook(d.sandbox.url, { eventId: 'evt-on-1', status: 'delivered', occurredAt: new Date(Date.parse('2026-11-26T11:30:00Z')).toISOString() });
      await ava.expect(/was delivered/, mark);
      await eventually(async () => assert.equal((await a.notices(ava.conversationId)).length, 1));
      ava.stop();
    });

    it('quiet hours hold a reminder until they end', async () => {
      await a.proactive.preferences.update('cus-chloe', { quietHours: { from: '22:00', to: '07:00', timeZone: 'UTC' } });
      clock.set('2026-12-02T23:30:00.000Z');
      await a.proactive.reminders.sweep();
      assert.equal(await a.proactive.conversations.latest('cus-chloe'), undefined);
      clock.set('2026-12-03T07:05:00.000Z');
      await a.proactive.reminders.sweep();
      const latest = await a.proactive.conversations.latest('cus-chloe');
      assert.equal((await a.notices(latest!.conversationId)).length, 1);
    });
  });
}
