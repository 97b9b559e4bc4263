import assert from 'node:assert/strict';
import { eventually } from '../../contracts/eventStream.contract';
import { customer } from '../../bot/handoff/support/handoffServer';
import { hostToken } from '../../bot/channels/support/chatTestServer';
import { connect } from '../../bot/channels/support/directLineClient';
import type { Deployment } from '../../bot/handoff/support/handoffServer';
import { RedisStreamGroup } from '../../../platform/store/redisStreamGroup';
import { testRedis } from '../../support/redisServer';
import { shipmentNotice } from '../../../skills/proactive/shipmentNotice';
import type { ShipmentEvent } from '../../../contracts/shipping';
import { carrierWebhook, hoursAgo, proactiveDeployment, sleep, startProactiveInstance, type ProactiveInstance } from './support/proactiveServer';

for (const store of ['memory', 'redis'] as const) {
  describe(`proactive shipping updates (${store})`, function () {
    this.timeout(60_000);
    let d: Deployment;
    let a: ProactiveInstance;
    beforeEach(async () => {
      d = await proactiveDeployment(store);
      a = await startProactiveInstance(d);
    });
    afterEach(async () => {
      await a.close();
      await d.close();
    });

    it('a signed carrier webhook reaches the customer’s open chat at once', async () => {
      const ava = await customer(a);
      const mark = ava.mark();
      assert.equal((await carrierWebhook(d.sandbox.url)).status, 200);
      const hit = await ava.expect(/PS-10042 is out for delivery with UPS/, mark);
      assert.equal(hit.from?.role, 'bot');
      ava.stop();
    });

    it('a delivered message names the last scan and offers [It’s not here] that starts the problem report', async () => {
      const ava = await customer(a);
      const mark = ava.mark();
      await carrierWebhook(d.sandbox.url, { status: 'delivered', description: 'Left at front door', location: 'Portland, OR', occurredAt: hoursAgo(0.5) });
      const hit = (await ava.expect(/PS-10042 was delivered/, mark)) as unknown as { text: string; suggestedActions: { actions: { title: string; value: unknown; text: string }[] } };
      assert.match(hit.text, /Left at front door, Portland, OR/);
      const button = hit.suggestedActions.actions[0]!;
      assert.equal(button.title, "It's not here");
      const before = ava.mark();
      await ava.client.post({ type: 'message', text: button.text, value: button.value });
      await ava.expect(/what went wrong|what happened|problem|describe it/i, before);
      ava.stop();
    });

    it('minor scans are not sent; an exception offers [Report a problem] [Talk to a person]', async () => {
      const ava = await customer(a);
      const mark = ava.mark();
      await carrierWebhook(d.sandbox.url, { status: 'in_transit', description: 'Arrived at facility', occurredAt: hoursAgo(2) });
      await carrierWebhook(d.sandbox.url, { status: 'exception', description: 'Package damaged in transit', occurredAt: hoursAgo(1) });
      const hit = (await ava.expect(/problem with your order PS-10042: package damaged in transit/i, mark)) as unknown as { suggestedActions: { actions: { title: string }[] } };
      assert.deepEqual(hit.suggestedActions.actions.map((x) => x.title), ['Report a problem', 'Talk to a person']);
      await sleep(300);
      assert.equal((await a.notices(ava.conversationId)).length, 1, 'the in-transit scan sent nothing');
      ava.stop();
    });

    it('duplicate and out-of-order webhooks yield one message, never one contradicting a newer one', async () => {
      const ava = await customer(a);
      const mark = ava.mark();
      const delivered = { eventId: 'evt-dup-1', status: 'delivered' as const, description: 'Delivered', occurredAt: hoursAgo(0.5) };
      await carrierWebhook(d.sandbox.url, delivered);
      assert.equal((await carrierWebhook(d.sandbox.url, delivered)).body.duplicate, true);
      // Older than the delivery: kept in the tracking history, never told to the customer.
      await carrierWebhook(d.sandbox.url, { status: 'out_for_delivery', occurredAt: hoursAgo(2) });
      // The stream itself redelivers (at-least-once publishing): the same event once more.
      const [entry] = (await d.sandbox.shipmentEvents.read()).filter((e) => e.event.eventId === 'evt-dup-1');
      await d.sandbox.shipmentEvents.publish(entry!.event);
      await ava.expect(/was delivered/, mark);
      await sleep(500);
      const notices = await a.notices(ava.conversationId);
      assert.deepEqual(notices.map((n) => /delivered/.test(String(n.text))), [true]);
      ava.stop();
    });

    it('a customer without an open chat finds the message in the history when they next open it', async () => {
      await carrierWebhook(d.sandbox.url, { status: 'delayed', description: 'Weather delay', eta: '2026-12-01', occurredAt: hoursAgo(1) });
      await eventually(async () => assert.equal((await a.proactive.conversations.latest('cus-ava'))?.unseen, true), 10_000);
      const { token, conversationId } = await hostToken(a.url, a.config, { customerId: 'cus-ava', name: 'Ava Thompson' });
      assert.equal(conversationId, (await a.proactive.conversations.latest('cus-ava'))!.conversationId, 'the chat opens the conversation holding the message');
      const client = connect(a.url, { token, webSocket: true });
      await client.waitFor((x) => /delayed: weather delay\. The new estimate is Tuesday, December 1/.test(String((x as { text?: string }).text)), 'the delay notice');
      // The conversation was made without a name; the chat's sign-in names the customer.
      await client.waitFor((x) => /^Hi Ava!/.test(String((x as { text?: string }).text)), 'the welcome by name');
      client.stop();
    });

    it('while an agent has the chat, the message is shown to the agent too', async () => {
      const ava = await customer(a);
      await ava.say('I want to talk to a person');
      await eventually(async () => assert.ok((await a.handoff.hub.queue()).some((q) => q.conversationId === ava.conversationId)), 10_000);
      const mark = ava.mark();
      await carrierWebhook(d.sandbox.url);
      await ava.expect(/out for delivery/, mark);
      await eventually(async () => {
        const conv = await a.handoff.hub.queue();
        const lines = (await (a.handoff.hub as unknown as { c: { store: { get(id: string): Promise<{ lines: { from: string; text: string }[] }> } } }).c.store.get(ava.conversationId)).lines;
        assert.ok(conv.length > 0);
        assert.ok(lines.some((l) => l.from === 'system' && /out for delivery/.test(l.text)), JSON.stringify(lines));
      });
      ava.stop();
    });

    if (store === 'redis') {
      it('two instances on one Redis: one message', async () => {
        const b = await startProactiveInstance(d);
        try {
          const ava = await customer(a);
          const mark = ava.mark();
          for (let i = 0; i < 3; i++) await carrierWebhook(d.sandbox.url, { eventId: `evt-two-${i}`, status: i === 2 ? 'delivered' : 'out_for_delivery', occurredAt: hoursAgo(3 - i) });
          await ava.expect(/was delivered/, mark);
          await sleep(800);
          const texts = (await a.notices(ava.conversationId)).map((n) => String(n.text));
          assert.equal(texts.filter((t) => /out for delivery/.test(t)).length, 1, texts.join('\n'));
          assert.equal(texts.filter((t) => /delivered/.test(t)).length, 1, texts.join('\n'));
          ava.stop();
        } finally {
          await b.close();
        }
      });

      it('an instance killed after reading and before acknowledging: the message still arrives, once', async () => {
        const ava = await customer(a);
        const key = (d.sandbox.shipmentEvents as unknown as { key: string }).key;
        // Stops instance a's consumer, then plays a second instance that reads entries and dies.
        await a.proactive.close();
        const redis = (await testRedis()).client();
        const dying = new RedisStreamGroup<ShipmentEvent>(redis, key, { group: 'proactive', claimIdleMs: 1000 });
        const mark = ava.mark();
        await carrierWebhook(d.sandbox.url, { eventId: 'evt-crash-1', status: 'out_for_delivery', occurredAt: hoursAgo(2) });
        await carrierWebhook(d.sandbox.url, { eventId: 'evt-crash-2', status: 'delivered', occurredAt: hoursAgo(1) });
        const read = await dying.read('dying', { blockMs: 2000, count: 2 });
        assert.equal(read.length, 2);
        // The first got as far as the activity log before the instance died; the second did not.
        await a.proactive.sender.deliver(shipmentNotice(read[0]!.event, new Date())!);
        await dying.close();
        const b = await startProactiveInstance(d);
        try {
          await ava.expect(/was delivered/, mark);
          await eventually(async () => assert.deepEqual(await new RedisStreamGroup(redis, key, { group: 'proactive' }).pending(), []), 10_000);
          const texts = (await a.notices(ava.conversationId)).map((n) => String(n.text));
          assert.equal(texts.filter((t) => /out for delivery/.test(t)).length, 1, texts.join('\n'));
          assert.equal(texts.filter((t) => /was delivered/.test(t)).length, 1, texts.join('\n'));
        } finally {
          await b.close();
          redis.disconnect();
        }
        ava.stop();
      });
    }
  });
}
