import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { HandoffEvents } from '../../bot/handoff/handoffEvents';
import { IdleSweeper } from '../../ops/idle/idleSweeper';
import { computeKpis } from '../../ops/kpis/computeKpis';
import { observeBotMetrics, observeHandoffMetrics } from '../../ops/metrics/observeEvents';
import { OpsMetrics } from '../../ops/metrics/opsMetrics';
import { opsTurnMiddleware } from '../../ops/metrics/turnMiddleware';
import { MemoryOutcomeStore } from '../../ops/outcomes/memoryOutcomeStore';
import { OutcomeRecorder } from '../../ops/outcomes/outcomeRecorder';
import { silentLogger } from '../../platform/logger';
import { startBotHarness, transcript, type BotHarness } from '../support/botHarness';
import { startTestSandbox, type TestSandbox } from '../support/sandboxServer';
import { metricValue } from './support/metricValue';

/**
 * The real bot (TestAdapter + real sandbox) through three scripted conversations: one the bot
 * resolves, one handed to an agent, one abandoned after a misunderstanding. Metrics, outcomes
 * and KPIs must count each where it belongs.
 */
describe('metrics and outcomes after scripted conversations', function () {
  this.timeout(60_000);
  let sandbox: TestSandbox;
  let registry: Registry;
  let metrics: OpsMetrics;
  let store: MemoryOutcomeStore;
  let recorder: OutcomeRecorder;
  let hub: HandoffEvents;
  const harnesses: BotHarness[] = [];
  const value = (name: string, labels: Record<string, string> = {}) => metricValue(registry, name, labels);

  before(async () => {
    sandbox = await startTestSandbox();
    registry = new Registry();
    store = new MemoryOutcomeStore();
    metrics = new OpsMetrics(registry, { processMetrics: false, activeConversations: () => store.countOpen(new Date(0)) });
    recorder = new OutcomeRecorder({ store, logger: silentLogger(), onEnded: (o) => metrics.conversationEnded(o) });
    hub = new HandoffEvents();
    recorder.observeHandoff(hub);
    observeHandoffMetrics(metrics, hub);
  });
  after(async () => {
    for (const h of harnesses) await h.close();
    await sandbox.close();
  });

  const conversation = async () => {
    const h = await startBotHarness({ customerId: 'cus-ava', sandbox });
    h.adapter.use(opsTurnMiddleware(metrics));
    observeBotMetrics(metrics, h.bot.events);
    recorder.observeBot(h.bot.events);
    harnesses.push(h);
    return h;
  };

  let contained: BotHarness;
  let handedOff: BotHarness;
  let abandoned: BotHarness;

  it('contained: answered, goodbye, rated', async () => {
    contained = await conversation();
    await transcript(contained, [
      ['how many points do I have', /3,450 points/],
      ['goodbye', /how did we do/i],
      ['5', /Anything you would like/],
      ['great bot', /Thanks for your feedback/],
    ]);
    await recorder.idle();
    const o = (await store.get(contained.conversationId))!;
    assert.equal(o.endedHow, 'goodbye');
    assert.equal(o.handoff, undefined);
    assert.deepEqual(o.intents, ['rewards.balance', 'goodbye']);
    assert.equal(o.messages, 4);
    assert.equal(o.routed, 2);
    assert.equal(o.csat?.rating, 5);
    assert.equal(o.csat?.comment, 'great bot');
    assert.ok(o.firstReplyMs !== undefined && o.firstReplyMs >= 0);
    assert.equal(await value('paw_conversations_ended_total', { result: 'contained', how: 'goodbye' }), 1);
    assert.equal(await value('paw_routing_decisions_total', { decision: 'answer', intent: 'rewards.balance' }), 1);
    assert.equal(await value('paw_messages_total', { channel: 'test', direction: 'in' }), 4);
    assert.ok((await value('paw_messages_total', { channel: 'test', direction: 'out' })) >= 4);
    assert.equal(await value('paw_csat_ratings_total', { rating: '5', trigger: 'goodbye' }), 1);
    assert.ok((await value('paw_api_calls_total')) === 0, 'no onCall wired in this harness');
  });

  it('handoff: asked for a person, queued, accepted by Sam, completed, rated', async () => {
    handedOff = await conversation();
    const id = handedOff.conversationId;
    await transcript(handedOff, [['where is my order?', /PS-10042/], ['I want to talk to a real person', /support team/]]);
    const t0 = Date.now();
    hub.emit('queued', { conversationId: id, customerId: 'cus-ava', reason: 'asked_for_agent', priority: 2, at: new Date(t0) });
    hub.emit('queueLength', { length: 1, at: new Date(t0) });
    hub.emit('accepted', { conversationId: id, agent: 'sam', waitMs: 45_000, at: new Date(t0 + 45_000) });
    hub.emit('queueLength', { length: 0, at: new Date(t0 + 45_000) });
    await handedOff.handoffStatus({ state: 'accepted', agentName: 'Sam' });
    hub.emit('completed', { conversationId: id, agent: 'sam', handleMs: 180_000, outcome: 'resolved', customerUtterances: [], at: new Date(t0 + 225_000) });
    const back = await handedOff.handoffStatus({ state: 'completed' });
    assert.match(back.text, /How did our team do/);
    await transcript(handedOff, [['4', /Anything/], ['no', /Thanks for your feedback/]]);
    await recorder.idle();
    const o = (await store.get(id))!;
    assert.equal(o.endedHow, 'agent');
    assert.deepEqual(
      { reason: o.handoff?.reason, intent: o.handoff?.intent, agent: o.handoff?.agent, waitMs: o.handoff?.waitMs, handleMs: o.handoff?.handleMs, result: o.handoff?.result },
      { reason: 'asked_for_agent', intent: 'shipping.track', agent: 'sam', waitMs: 45_000, handleMs: 180_000, result: 'resolved' },
    );
    assert.equal(o.csat?.rating, 4);
    assert.equal(o.csat?.trigger, 'agent');
    assert.equal(await value('paw_handoffs_total', { reason: 'asked_for_agent' }), 1);
    assert.equal(await value('paw_conversations_ended_total', { result: 'handoff', how: 'agent' }), 1, 'ended once, though both the hub and the bot reported it');
    assert.equal(await value('paw_handoff_wait_seconds'), 1);
    assert.equal(await value('paw_agent_handle_seconds'), 1);
    assert.equal(await value('paw_handoff_queue_length'), 0);
  });

  it('abandoned: not understood, then silence; the idle sweep closes it and asks for a rating', async () => {
    abandoned = await conversation();
    await transcript(abandoned, [['asdf qwer zxcv', /didn't understand/]]);
    await recorder.idle();
    const asked: string[] = [];
    const sweeper = new IdleSweeper({
      store,
      idleMs: 15 * 60_000,
      intervalMs: 60_000,
      askForRating: async (id) => void asked.push(id),
      onClosed: (o) => metrics.conversationEnded(o),
      logger: silentLogger(),
      now: () => new Date(Date.now() + 16 * 60_000),
    });
    assert.equal(await sweeper.sweep(), 1, 'only the open one is closed');
    assert.deepEqual(asked, [abandoned.conversationId]);
    const o = (await store.get(abandoned.conversationId))!;
    assert.equal(o.endedHow, 'abandoned');
    assert.equal(o.fallbacks, 1);
    assert.equal(await value('paw_routing_decisions_total', { decision: 'fallback' }), 1);
    assert.equal(await value('paw_conversations_ended_total', { result: 'abandoned', how: 'abandoned' }), 1);
  });

  it('the KPIs of the three: one contained, one handed off, one abandoned', async () => {
    const now = Date.now();
    const k = computeKpis(await store.listStarted(new Date(now - 3_600_000), new Date(now + 60_000)), new Date(now - 3_600_000), new Date(now + 60_000));
    assert.equal(k.total.conversations, 3);
    assert.equal(k.total.containmentRate, 1 / 3);
    assert.equal(k.total.handoffRate, 1 / 3);
    assert.equal(k.total.abandoned, 1);
    assert.equal(k.total.fallbacks, 1);
    assert.deepEqual(k.topHandoffIntents, [{ intent: 'shipping.track', handoffs: 1, share: 1 }]);
    assert.deepEqual(k.total.csat.distribution, [0, 0, 0, 1, 1]);
    assert.equal(k.total.handoffWaitMs.median, 45_000);
    assert.equal(await value('paw_active_conversations'), 0, 'all three ended');
    assert.equal(await value('paw_intents_total'), 5, 'classified: points, goodbye, where, person, gibberish; nothing from the surveys');
    assert.ok((await value('paw_turn_duration_seconds')) > 0);
  });
});
