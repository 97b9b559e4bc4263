import assert from 'node:assert/strict';
import { HandoffEvents } from '../../bot/handoff/handoffEvents';
import { silentLogger } from '../../platform/logger';
import { MemoryReviewInbox } from '../../training/review/memoryReviewInbox';
import { captureForReview } from '../../training/review/reviewCapture';
import { startBotHarness, type BotHarness } from '../support/botHarness';
import { testRecognizer, testThresholds } from '../support/testRecognizer';

const until = async (check: () => Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('review inbox capture (real bot)', function () {
  this.timeout(120_000);
  let h: BotHarness;
  let inbox: MemoryReviewInbox;
  let handoffEvents: HandoffEvents;
  let stop: () => void;

  beforeEach(async () => {
    h = await startBotHarness({ customerId: 'cus-ava' });
    inbox = new MemoryReviewInbox(100);
    handoffEvents = new HandoffEvents();
    stop = captureForReview({ inbox, botEvents: h.bot.events, handoffEvents, thresholds: testThresholds, lowConfidenceMargin: 0.1, recognizer: await testRecognizer(), logger: silentLogger() });
  });
  afterEach(async () => {
    stop();
    await h.close();
  });

  it('stores a fallback masked (email, phone, card number), with scores, conversation and time', async () => {
    await h.send('my email is bob.smith@example.com and my phone is (555) 123-4567, card 6006 4912 3456 1001 - do you sell unicorn saddles');
    await until(async () => (await inbox.size()) === 1);
    const [item] = (await inbox.list()).items;
    assert.equal(item!.reason, 'fallback');
    assert.equal(item!.conversationId, h.conversationId);
    assert.doesNotMatch(item!.text, /bob\.smith|example\.com|555|6006 4912 3456/);
    assert.match(item!.text, /\[email\]/);
    assert.match(item!.text, /\[phone\]/);
    assert.match(item!.text, /1001/);
    assert.equal(typeof item!.score, 'number');
    assert.ok(item!.ranking.length >= 1);
    assert.ok(!Number.isNaN(Date.parse(item!.at)));
  });

  it('does not store confident answers', async () => {
    await h.send('how many reward points do I have');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(await inbox.size(), 0);
  });

  it('stores the handoff after two misses, and takes the agent label and the customer messages at the end', async () => {
    await h.send('do you sell unicorn saddles');
    const second = await h.send('blorp zing wibble');
    assert.equal(second.events.filter((e) => e.name === 'handoff.initiate').length, 1);
    await until(async () => (await inbox.size()) === 2);
    const reasons = (await inbox.list()).items.map((i) => [i.reason, i.handoffReason ?? null]);
    assert.deepEqual(reasons, [['handoff', 'not_understood_twice'], ['fallback', null]]);

    handoffEvents.emit('completed', {
      conversationId: h.conversationId,
      agent: 'sam',
      handleMs: 1000,
      outcome: 'resolved',
      labelledIntent: 'shipping.problem',
      customerUtterances: ['my harness order PS-10042 arrived broken, email me at ava@example.com'],
      at: new Date(),
    });
    await until(async () => (await inbox.size()) === 3);
    const items = (await inbox.list()).items;
    assert.ok(items.every((i) => i.agentLabel === 'shipping.problem' && i.agentLabelledBy === 'sam'));
    const said = items.find((i) => i.handoffReason === 'said_to_agent')!;
    assert.match(said.text, /PS-10042 arrived broken, email me at \[email\]/);
  });
});
