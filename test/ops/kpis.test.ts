import assert from 'node:assert/strict';
import { computeKpis, summarize } from '../../ops/kpis/computeKpis';
import { percentile } from '../../platform/percentile';
import { newOutcome, type ConversationOutcome } from '../../ops/outcomes/conversationOutcome';

/** A conversation that started at `iso`, with customer messages unless said otherwise. */
function conv(id: string, iso: string, patch: Partial<ConversationOutcome>): ConversationOutcome {
  return { ...newOutcome(id, 'directline', new Date(iso), 'cus-ava'), messages: 1, routed: 1, ...patch };
}
const handoff = (reason: string, intent: string, extra: Partial<NonNullable<ConversationOutcome['handoff']>> = {}) => ({ reason, intent, at: '2026-11-20T10:05:00.000Z', ...extra });

// Hand-computed figures below refer to these records (period 2026-11-20 … 2026-11-21).
const RECORDS: ConversationOutcome[] = [
  // Day 1
  conv('A', '2026-11-20T09:00:00Z', { messages: 3, routed: 3, intents: ['shipping.track', 'goodbye'], firstReplyMs: 100, lastDecision: 'answer', endedAt: '2026-11-20T09:05:00Z', endedHow: 'goodbye', csat: { askedAt: '2026-11-20T09:05:00Z', trigger: 'goodbye', rating: 5, ratedAt: '2026-11-20T09:05:10Z', comment: 'Quick and clear' } }),
  conv('B', '2026-11-20T10:00:00Z', { messages: 2, routed: 2, fallbacks: 2, lastDecision: 'fallback', firstReplyMs: 300, endedAt: '2026-11-20T10:20:00Z', endedHow: 'abandoned', csat: { askedAt: '2026-11-20T10:20:00Z', trigger: 'idle' } }),
  conv('C', '2026-11-20T11:00:00Z', { messages: 4, routed: 2, intents: ['subscription.cancel'], firstReplyMs: 200, lastDecision: 'handoff', handoff: handoff('asked_for_agent', 'subscription.cancel', { waitMs: 60_000, acceptedAt: '2026-11-20T11:02:00Z', agent: 'sam', handleMs: 120_000, completedAt: '2026-11-20T11:04:00Z' }), endedAt: '2026-11-20T11:04:00Z', endedHow: 'agent', csat: { askedAt: '2026-11-20T11:04:00Z', trigger: 'agent', rating: 3, ratedAt: '2026-11-20T11:04:30Z' } }),
  conv('D', '2026-11-20T12:00:00Z', { messages: 0, routed: 0, endedAt: '2026-11-20T12:20:00Z', endedHow: 'idle' }), // opened, never wrote: not counted
  // Day 2
  conv('E', '2026-11-21T09:00:00Z', { intents: ['rewards.balance'], firstReplyMs: 400, lastDecision: 'answer' }), // still open
  conv('F', '2026-11-21T10:00:00Z', { messages: 2, routed: 2, fallbacks: 1, intents: ['shipping.problem'], firstReplyMs: 150, handoff: handoff('shipping_problem', 'shipping.problem', { waitMs: 30_000, acceptedAt: '2026-11-21T10:01:00Z', agent: 'sam', handleMs: 60_000, completedAt: '2026-11-21T10:03:00Z' }), endedAt: '2026-11-21T10:03:00Z', endedHow: 'agent', csat: { askedAt: '2026-11-21T10:03:00Z', trigger: 'agent' } }),
  conv('G', '2026-11-21T11:00:00Z', { intents: ['shipping.track'], firstReplyMs: 250, lastDecision: 'answer', endedAt: '2026-11-21T11:20:00Z', endedHow: 'idle', csat: { askedAt: '2026-11-21T11:20:00Z', trigger: 'idle' } }),
  // Outside the period
  conv('H', '2026-11-22T00:00:00Z', { intents: ['shipping.track'], endedAt: '2026-11-22T00:10:00Z', endedHow: 'goodbye' }),
];

describe('KPIs: a pure function over conversation outcomes (hand-computed values)', () => {
  const kpis = computeKpis(RECORDS, new Date('2026-11-20T00:00:00Z'), new Date('2026-11-22T00:00:00Z'));

  it('nearest-rank percentiles', () => {
    assert.equal(percentile([], 50), null);
    assert.equal(percentile([7], 90), 7);
    assert.equal(percentile([4, 1, 3, 2], 50), 2);
    assert.equal(percentile([100, 150, 200, 250, 300, 400], 50), 200);
    assert.equal(percentile([100, 150, 200, 250, 300, 400], 90), 400);
  });

  it('totals: containment, handoff, fallback, abandonment', () => {
    const t = kpis.total;
    // Engaged: A B C E F G (D never wrote, H is outside).
    assert.equal(t.conversations, 6);
    assert.equal(t.ended, 5); // E is open
    assert.equal(t.open, 1);
    // Contained: A (goodbye) and G (idle, last decision an answer). Not B (abandoned), C and F (handoffs).
    assert.equal(t.contained, 2);
    assert.equal(t.containmentRate, 2 / 5);
    assert.equal(t.handoffs, 2);
    assert.equal(t.handoffRate, 2 / 6);
    assert.deepEqual(t.handoffsByReason, { asked_for_agent: { count: 1, rate: 1 / 6 }, shipping_problem: { count: 1, rate: 1 / 6 } });
    assert.equal(t.abandoned, 1);
    // Routed 3+2+2+1+2+1 = 11, fallbacks 2+1 = 3.
    assert.equal(t.routedMessages, 11);
    assert.equal(t.fallbacks, 3);
    assert.equal(t.fallbackRate, 3 / 11);
  });

  it('totals: first reply and handoff wait (median, p90), CSAT', () => {
    const t = kpis.total;
    // First replies 100 150 200 250 300 400.
    assert.deepEqual(t.firstReplyMs, { count: 6, median: 200, p90: 400 });
    // Waits 30 000, 60 000.
    assert.deepEqual(t.handoffWaitMs, { count: 2, median: 30_000, p90: 60_000 });
    // Asked: A B C F G; rated: A=5, C=3.
    assert.deepEqual(t.csat, { asked: 5, responses: 2, responseRate: 2 / 5, average: 4, distribution: [0, 0, 1, 0, 1] });
  });

  it('per day (UTC), every day of the period', () => {
    assert.deepEqual(kpis.byDay.map((d) => d.day), ['2026-11-20', '2026-11-21']);
    const [d1, d2] = kpis.byDay;
    assert.equal(d1!.conversations, 3);
    assert.equal(d1!.containmentRate, 1 / 3);
    assert.equal(d1!.handoffRate, 1 / 3);
    assert.equal(d1!.fallbackRate, 2 / 7);
    assert.deepEqual(d1!.firstReplyMs, { count: 3, median: 200, p90: 300 });
    assert.equal(d2!.conversations, 3);
    assert.equal(d2!.ended, 2);
    assert.equal(d2!.containmentRate, 1 / 2);
    assert.equal(d2!.csat.average, null);
    assert.equal(d2!.csat.responseRate, 0);
  });

  it('per intent, most frequent first', () => {
    assert.deepEqual(kpis.byIntent.map((i) => [i.intent, i.conversations]), [
      ['shipping.track', 2],
      ['goodbye', 1],
      ['rewards.balance', 1],
      ['shipping.problem', 1],
      ['subscription.cancel', 1],
    ]);
    const track = kpis.byIntent[0]!;
    assert.equal(track.containmentRate, 1);
    assert.equal(track.csat.average, 5);
    const rewards = kpis.byIntent.find((i) => i.intent === 'rewards.balance')!;
    assert.equal(rewards.containmentRate, null, 'open only: nothing to rate yet');
    assert.equal(kpis.byIntent.find((i) => i.intent === 'subscription.cancel')!.handoffRate, 1);
  });

  it('top intents ending in handoff, agents and comments', () => {
    assert.deepEqual(kpis.topHandoffIntents, [
      { intent: 'shipping.problem', handoffs: 1, share: 0.5 },
      { intent: 'subscription.cancel', handoffs: 1, share: 0.5 },
    ]);
    assert.deepEqual(kpis.agents, [{ agent: 'sam', chats: 2, handleMs: { count: 2, median: 60_000, p90: 120_000 }, csatAverage: 3, csatResponses: 1 }]);
    assert.deepEqual(kpis.comments, [{ at: '2026-11-20T09:05:10Z', rating: 5, comment: 'Quick and clear', agent: null, conversationId: 'A' }]);
  });

  it('an empty period has null rates, not NaN', () => {
    const s = summarize([]);
    assert.equal(s.conversations, 0);
    assert.equal(s.containmentRate, null);
    assert.equal(s.handoffRate, null);
    assert.equal(s.fallbackRate, null);
    assert.equal(s.csat.average, null);
    assert.deepEqual(s.firstReplyMs, { count: 0, median: null, p90: null });
  });
});
