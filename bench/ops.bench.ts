// Operations figures: the KPI computation over many conversations, the outcome store (memory and
// Redis) under concurrent event writes, the dashboard's KPI read, and the cost of the metrics
// and outcome recording per bot turn. Prints figures; asserts nothing. Runs in well under a minute.
import { Registry } from 'prom-client';
import { BotEvents } from '../bot/botEvents';
import { computeKpis } from '../ops/kpis/computeKpis';
import { observeBotMetrics } from '../ops/metrics/observeEvents';
import { OpsMetrics } from '../ops/metrics/opsMetrics';
import { newOutcome, type ConversationOutcome } from '../ops/outcomes/conversationOutcome';
import { MemoryOutcomeStore } from '../ops/outcomes/memoryOutcomeStore';
import { OutcomeRecorder } from '../ops/outcomes/outcomeRecorder';
import type { OutcomeStore } from '../ops/outcomes/outcomeStore';
import { RedisOutcomeStore } from '../ops/outcomes/redisOutcomeStore';
import { silentLogger } from '../platform/logger';
import { privateRedis } from '../test/support/redisServer';

const DAY = 86_400_000;
const INTENTS = ['shipping.track', 'subscription.pause', 'giftcard.balance', 'rewards.balance', 'subscription.cancel', 'shipping.problem', 'rewards.redeem', 'giftcard.redeem'];

function synthetic(n: number, days: number, now: number): ConversationOutcome[] {
  const out: ConversationOutcome[] = [];
  for (let i = 0; i < n; i++) {
    const start = new Date(now - ((i * 7919) % (days * DAY)));
    const o: ConversationOutcome = { ...newOutcome(`c${i}`, 'directline', start, 'cus-ava'), messages: 3, routed: 3, intents: [INTENTS[i % INTENTS.length]!], firstReplyMs: 100 + (i % 900), lastDecision: 'answer' };
    const at = new Date(start.getTime() + 300_000).toISOString();
    if (i % 5 === 0) Object.assign(o, { handoff: { reason: 'asked_for_agent', at, intent: o.intents[0], waitMs: 1000 * (i % 300), acceptedAt: at, agent: `agent${i % 7}`, handleMs: 60_000 + (i % 600) * 1000, completedAt: at }, endedAt: at, endedHow: 'agent' });
    else if (i % 11 === 0) Object.assign(o, { fallbacks: 2, lastDecision: 'fallback', endedAt: at, endedHow: 'abandoned' });
    else Object.assign(o, { endedAt: at, endedHow: 'goodbye' });
    if (i % 3 === 0) o.csat = { askedAt: at, trigger: 'goodbye', rating: 1 + (i % 5), ratedAt: at, ...(i % 9 === 0 ? { comment: 'fine' } : {}) };
    out.push(o);
  }
  return out;
}

const ms = (t0: number) => performance.now() - t0;
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

async function kpis(): Promise<void> {
  const now = Date.now();
  for (const n of [10_000, 100_000]) {
    const records = synthetic(n, 30, now);
    computeKpis(records, new Date(now - 30 * DAY), new Date(now + 1)); // warm-up
    const t0 = performance.now();
    const k = computeKpis(records, new Date(now - 30 * DAY), new Date(now + 1));
    console.log(`computeKpis, ${fmt(n)} conversations over 30 days: ${fmt(ms(t0))} ms (containment ${(k.total.containmentRate! * 100).toFixed(1)} %)`);
  }
}

async function store(name: string, s: OutcomeStore): Promise<void> {
  const N = 5000;
  const now = Date.now();
  const records = synthetic(N, 7, now);
  let t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < N) {
        const o = records[next++]!;
        await s.update(o.conversationId, () => o);
      }
    }),
  );
  const writeMs = ms(t0);
  console.log(`${name}: ${fmt(N)} record writes, 50 concurrent: ${fmt((N / writeMs) * 1000)} writes/s`);
  // 50 concurrent increments of one record (contention on one conversation).
  t0 = performance.now();
  await Promise.all(Array.from({ length: 200 }, () => s.update('c0', (cur) => ({ ...cur!, messages: cur!.messages + 1 }))));
  console.log(`${name}: 200 concurrent changes of one conversation: ${fmt(ms(t0))} ms`);
  t0 = performance.now();
  const listed = await s.listStarted(new Date(now - 7 * DAY), new Date(now + 1));
  const listMs = ms(t0);
  t0 = performance.now();
  computeKpis(listed, new Date(now - 7 * DAY), new Date(now + 1));
  console.log(`${name}: dashboard read of 7 days (${fmt(listed.length)} conversations): list ${fmt(listMs)} ms + KPIs ${fmt(ms(t0))} ms`);
}

async function perTurn(): Promise<void> {
  const events = new BotEvents();
  const registry = new Registry();
  const metrics = new OpsMetrics(registry, { processMetrics: false });
  const storeMem = new MemoryOutcomeStore();
  const recorder = new OutcomeRecorder({ store: storeMem, logger: silentLogger() }).observeBot(events);
  observeBotMetrics(metrics, events);
  const N = 20_000;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const conversationId = `t${i % 500}`;
    const at = new Date();
    events.emit('routed', { conversationId, channelId: 'directline', customerId: 'cus-ava', maskedText: 'where is my order', recognition: { text: 'where is my order', intent: 'shipping.track', score: 0.93, ranking: [], entities: [] }, decision: { kind: 'answer', intent: 'shipping.track' }, at });
    events.emit('turn', { conversationId, channelId: 'directline', activityType: 'message', ms: 42, firstReplyMs: 40, at });
  }
  await recorder.idle();
  const total = ms(t0);
  console.log(`metrics + outcome recording (memory store): ${fmt((total / N) * 1000)} µs per turn (${fmt(N)} turns over 500 conversations)`);
}

async function main(): Promise<void> {
  await kpis();
  await store('memory store', new MemoryOutcomeStore());
  const redis = await privateRedis();
  const client = redis.client();
  try {
    await store('redis store', new RedisOutcomeStore(client, 'bench:'));
  } finally {
    client.disconnect();
    await redis.stop();
  }
  await perTurn();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
