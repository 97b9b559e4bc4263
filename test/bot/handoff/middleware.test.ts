import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import type { HandoffChannel } from '../../../bot/handoff/handoffHub';
import { HandoffHub } from '../../../bot/handoff/handoffHub';
import { HandoffStore } from '../../../bot/handoff/handoffStore';
import { MemoryHandoffBus } from '../../../bot/handoff/memoryHandoffBus';
import { silentLogger } from '../../../platform/logger';
import { MemoryDocStore } from '../../../platform/store/memoryDocStore';
import { startBotHarness, type BotHarness } from '../../support/botHarness';

const SAM = { username: 'sam', displayName: 'Sam (Support)', capacity: 3 };

/**
 * The hub is bot-runtime middleware, not part of the web chat: here it runs on botbuilder's
 * TestAdapter (channel `test`) with the real bot, and does the same job.
 */
describe('handoff hub as middleware on another adapter (TestAdapter)', function () {
  this.timeout(60_000);
  let h: BotHarness;
  let hub: HandoffHub;
  let store: HandoffStore;
  /** Proactive output (what the hub and the bot send outside the customer's turns). */
  const replies = () => (h.adapter.activeQueue.splice(0) as Partial<Activity>[]).filter((a) => a.type === 'message');

  before(async () => {
    h = await startBotHarness({ customerId: 'cus-ava', name: 'Ava Thompson' });
    store = new HandoffStore(new MemoryDocStore());
    hub = new HandoffHub({ store, bus: new MemoryHandoffBus(), bot: h.bot, logger: silentLogger(), maxWaitMs: 60_000, defaultHandleMs: 300_000 });
    // TestAdapter has no continueConversation: a synthetic event through its middleware does the same.
    const channel: HandoffChannel = {
      continueConversation: async (_id, logic, from) =>
        h.adapter.processActivity({ type: 'event', name: 'continueConversation', ...(from ? { recipient: { id: from.id, name: from.name ?? '' } } : {}) }, logic),
    };
    hub.connect(channel, 'test');
    h.adapter.use(hub.middleware);
    await store.setPresence(SAM, 'online', Date.now() + 60_000);
  });
  after(async () => {
    await hub.close();
    await h.close();
  });

  it('queues on handoff.initiate, keeps messages away from the classifier, relays, and returns the chat to the bot', async () => {
    const asked = await h.send('I want to talk to a real person');
    assert.match(asked.text, /support team/);
    assert.match(asked.text, /next in the queue/, 'the position, told when queued');
    const conv = await store.get(h.conversationId);
    assert.equal(conv?.state, 'waiting');
    assert.equal(conv?.channelId, 'test');
    assert.deepEqual(conv?.packet.trail.map((t) => t.intent), ['agent.request']);

    const kept = await h.send('where is my order?');
    assert.match(kept.text, /added that for the agent/);
    assert.doesNotMatch(kept.text, /PS-10042/, 'not classified, not answered by the bot');

    await hub.accept(SAM, h.conversationId);
    assert.deepEqual(replies().map((a) => a.text), ['Sam (Support) has joined the chat.']);
    await hub.say(SAM, h.conversationId, 'Hi Ava!');
    const [fromSam] = replies();
    assert.equal(fromSam?.from?.id, 'agent:sam');
    assert.match(fromSam?.text ?? '', /Hi Ava!/);

    const relayed = await h.send('thanks Sam');
    assert.equal(relayed.text, '', 'with an agent, the bot stays quiet');
    assert.equal((await store.get(h.conversationId))?.lines.at(-1)?.text, 'thanks Sam');

    await hub.end(SAM, h.conversationId, 'resolved');
    assert.ok(replies().some((a) => /I'm back/.test(a.text ?? '')));
    const back = await h.send('where is my order?');
    assert.match(back.text, /PS-10042/, 'the bot answers again');
  });
});
