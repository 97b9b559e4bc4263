import assert from 'node:assert/strict';
import { HandoffEvents } from '../../../bot/handoff/handoffEvents';
import { BotEvents } from '../../../bot/botEvents';
import { silentLogger } from '../../../platform/logger';
import { MemoryRateLimiter } from '../../../platform/store/memoryRateLimiter';
import { MemoryReviewInbox } from '../../../training/review/memoryReviewInbox';
import { captureForReview } from '../../../training/review/reviewCapture';
import { startBotHarness, type BotHarness } from '../../support/botHarness';
import { testRecognizer, testThresholds } from '../../support/testRecognizer';

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
    stop = captureForReview({ inbox, botEvents: h.bot.events, handoffEvents, thresholds: testThresholds, lowConfidenceMargin: 0.1, recognizer: await testRecognizer(), logger: silentLogger(), rateLimiter: (limit) => new MemoryRateLimiter(limit) });
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

describe('review inbox capture limits: one visitor cannot push the real items out', () => {
  const fallback = (conversationId: string, clientAddress: string | undefined, i: number) => ({
    conversationId,
    channelId: 'directline',
    customerId: null,
    ...(clientAddress ? { clientAddress } : {}),
    maskedText: `gibberish ${i}`,
    recognition: { text: `gibberish ${i}`, intent: 'none', score: 0.1, ranking: [{ intent: 'none', score: 0.1 }], entities: [] },
    decision: { kind: 'fallback' as const },
    at: new Date(),
  });
  const setup = async () => {
    const inbox = new MemoryReviewInbox(5000);
    const botEvents = new BotEvents();
    const stop = captureForReview({ inbox, botEvents, thresholds: testThresholds, lowConfidenceMargin: 0.1, recognizer: await testRecognizer(), logger: silentLogger(), rateLimiter: (limit) => new MemoryRateLimiter(limit) });
    return { inbox, botEvents, stop };
  };
  const settle = () => new Promise((r) => setTimeout(r, 100));

  it('keeps at most 20 captures from one conversation', async () => {
    const { inbox, botEvents, stop } = await setup();
    for (let i = 0; i < 60; i++) botEvents.emit('routed', fallback('spammy', '203.0.113.5', i));
    botEvents.emit('routed', fallback('someone-else', '198.51.100.7', 0));
    await settle();
    const items = (await inbox.list({ limit: 200 })).items;
    assert.equal(items.filter((i) => i.conversationId === 'spammy').length, 20);
    assert.equal(items.filter((i) => i.conversationId === 'someone-else').length, 1, 'other visitors are still heard');
    stop();
  });

  it('keeps at most 100 captures an hour from one address, across its conversations', async () => {
    const { inbox, botEvents, stop } = await setup();
    for (let c = 0; c < 30; c++) for (let i = 0; i < 5; i++) botEvents.emit('routed', fallback(`conv-${c}`, '203.0.113.6', i));
    await settle();
    assert.equal(await inbox.size(), 100);
    stop();
  });

  it('counts handoffs against the same limits as fallbacks', async () => {
    const { inbox, botEvents, stop } = await setup();
    const trail = [{ text: 'blorp', intent: 'none', score: 0.1, decision: 'fallback', at: new Date().toISOString() }];
    for (let c = 0; c < 60; c++) {
      botEvents.emit('routed', fallback(`c-${c}`, '203.0.113.8', 0));
      botEvents.emit('handoff', { conversationId: `c-${c}`, channelId: 'directline', clientAddress: '203.0.113.8', packet: { reason: 'not_understood_twice', trail } as never, at: new Date() });
    }
    await settle();
    assert.equal(await inbox.size(), 100);
    stop();
  });
});

