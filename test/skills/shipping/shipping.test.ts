import assert from 'node:assert/strict';
import { startBotHarness, transcript, type BotHarness } from '../../support/botHarness';

describe('skill: shipping (transcripts)', function () {
  this.timeout(60_000);
  let h: BotHarness;
  afterEach(async () => h?.close());

  it('tracks the latest order by default', async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [['where is my order?', /Order \*\*PS-10042\*\*.*is \*\*in transit\*\* with UPS, tracking number 1Z9A7W430312345678\. Expected Saturday, November 28\. Latest update: /]]);
  });

  it('tracks the order the customer names', async () => {
    h = await startBotHarness({ customerId: 'cus-ben' });
    await transcript(h, [['can you track order PS-10036 for me', /Order \*\*PS-10036\*\*.* is \*\*held up by a delivery problem\*\* with UPS/]]);
  });

  it("refuses another customer's order number without revealing anything", async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    await transcript(h, [['where is order PS-10040', (r) => {
      assert.match(r.text, /couldn't find order PS-10040 on your account/);
      assert.doesNotMatch(r.text, /FedEx|out for delivery|784392011540/);
    }]]);
  });

  it('collects a delivery problem, then hands off with the details (shipping problems first)', async () => {
    h = await startBotHarness({ customerId: 'cus-ben', name: 'Ben Okafor' });
    await transcript(h, [
      ['my package arrived damaged', (r) => {
        assert.match(r.text, /Which order is it about\?/);
        assert.deepEqual(r.suggestions.slice(0, 2), ['PS-10040 (out for delivery)', 'PS-10036 (exception)']);
      }],
      // "arrived damaged" already said what went wrong: not asked again.
      ['PS-10036 (exception)', (r) => {
        assert.match(r.text, /describe it/);
        assert.doesNotMatch(r.text, /What went wrong/);
      }],
      ['the box was crushed and the kibble spilled everywhere', (r) => {
        assert.match(r.text, /order PS-10036, arrived damaged/);
        assert.match(r.text, /a person will take it from here/);
        const [event] = r.events.filter((e) => e.name === 'handoff.initiate');
        assert.ok(event, 'handoff.initiate sent');
        const packet = event!.value as Record<string, any>;
        assert.equal(packet.reason, 'shipping_problem');
        assert.equal(packet.customerId, 'cus-ben');
        assert.equal(packet.customerName, 'Ben Okafor');
        assert.equal(packet.slots.orderId, 'PS-10036');
        assert.equal(packet.slots.problem, 'arrived damaged');
        assert.match(packet.summary, /PS-10036.*damaged.*crushed/);
        assert.ok(packet.trail.some((t: { intent: string }) => t.intent === 'shipping.problem'));
        const transcriptAttachment = event!.attachments?.[0];
        assert.equal(transcriptAttachment?.name, 'Transcript');
        assert.ok((transcriptAttachment?.content as { activities: { text: string }[] }).activities.some((a) => /arrived damaged/.test(a.text)));
      }],
      // Waiting for an agent: kept for the agent, not classified (this would otherwise be tracking).
      ['where is my order?', (r) => {
        assert.match(r.text, /added that for the agent/);
        assert.doesNotMatch(r.text, /in transit|out for delivery/);
      }],
    ]);
    // Without a hub nothing changes the bot's copy of the handoff: "cancel" is kept for the agent too.
    assert.match((await h.send('cancel')).text, /added that for the agent/);
    // The hub's "cancelled" (the customer left the queue) gives the conversation back to the bot.
    const left = await h.handoffStatus({ state: 'cancelled' });
    assert.match(left.text, /left the queue/);
    assert.equal(left.events.length, 0, 'the bot sends no event of its own: the hub applied the cancel');
    await transcript(h, [['where is my order?', /PS-10040/]]);
  });
});
