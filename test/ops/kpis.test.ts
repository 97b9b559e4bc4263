import assert from 'node:assert/strict';
import { computeKpis, KPI_DEFINITIONS, summarize, type KpiSummary } from '../../ops/kpis/computeKpis';
import { kpiTable } from '../../ops/kpis/kpiTables';
import { matchesFilter } from '../../ops/conversations/conversationFilter';
import { toCsv } from '../../ops/export/toCsv';
import { percentile } from '../../platform/percentile';
import { newOutcome, type ConversationOutcome } from '../../ops/outcomes/conversationOutcome';

/** A conversation that started at `iso`, with customer messages unless said otherwise. */
function conv(id: string, iso: string, patch: Partial<ConversationOutcome>): ConversationOutcome {
  return { ...newOutcome(id, 'directline', new Date(iso), 'cus-ava'), messages: 1, routed: 1, ...patch };
}
const handoff = (reason: string, intent: string, extra: Partial<NonNullable<ConversationOutcome['handoff']>> = {}) => ({ reason, intent, at: '2026-11-20T10:05:00.000Z', ...extra });

// Hand-computed figures below refer to these records (period 2026-11-20 … 2026-11-21): ended, open,
// abandoned, handed off (ended and still waiting), never engaged, and outside the period.
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
  conv('I', '2026-11-21T12:00:00Z', { messages: 2, routed: 2, intents: ['shipping.track'], firstReplyMs: 120, lastDecision: 'handoff', handoff: handoff('asked_for_agent', 'shipping.track', { queuedAt: '2026-11-21T12:01:00Z' }) }), // waiting for an agent: open, but a handoff
  conv('J', '2026-11-21T13:00:00Z', { intents: ['shipping.track'], firstReplyMs: 350, lastDecision: 'answer' }), // still open with the bot
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

  it('totals: four results of one denominator (containment, handoff, abandoned, open)', () => {
    const t = kpis.total;
    // Engaged: A B C E F G I J (D never wrote, H is outside).
    assert.equal(t.conversations, 8);
    // Contained: A (goodbye), G (idle after an answer). Handed off: C, F (ended) and I (still waiting).
    // Abandoned: B. Open with the bot: E, J.
    assert.deepEqual([t.contained, t.handoffs, t.abandoned, t.open], [2, 3, 1, 2]);
    assert.equal(t.containmentRate, 2 / 8);
    assert.equal(t.handoffRate, 3 / 8);
    assert.equal(t.abandonmentRate, 1 / 8);
    assert.equal(t.openRate, 2 / 8);
    assert.deepEqual(t.handoffsByReason, { asked_for_agent: { count: 2, rate: 2 / 8 }, shipping_problem: { count: 1, rate: 1 / 8 } });
    // Routed 3+2+2+1+2+1+2+1 = 14, fallbacks 2+1 = 3.
    assert.equal(t.routedMessages, 14);
    assert.equal(t.fallbacks, 3);
    assert.equal(t.fallbackRate, 3 / 14);
  });

  it('every row (total, each day, each intent) splits into the four results and their rates add up to 100 %', () => {
    const rows: [string, KpiSummary][] = [['total', kpis.total], ...kpis.byDay.map((d): [string, KpiSummary] => [d.day, d]), ...kpis.byIntent.map((i): [string, KpiSummary] => [i.intent, i])];
    for (const [name, s] of rows) {
      assert.equal(s.contained + s.handoffs + s.abandoned + s.open, s.conversations, `${name}: counts`);
      const sum = s.containmentRate! + s.handoffRate! + s.abandonmentRate! + s.openRate!;
      assert.ok(Math.abs(sum - 1) < 1e-9, `${name}: rates add up to ${sum}`);
      const byReason = Object.values(s.handoffsByReason).reduce((n, r) => n + r.rate, 0);
      assert.ok(Math.abs(byReason - s.handoffRate!) < 1e-9, `${name}: the reasons add up to the handoff rate`);
    }
  });

  it('totals: first reply and handoff wait (median, p90), CSAT', () => {
    const t = kpis.total;
    // First replies 100 120 150 200 250 300 350 400.
    assert.deepEqual(t.firstReplyMs, { count: 8, median: 200, p90: 400 });
    // Accepted handoffs only: 30 000, 60 000 (I is still waiting).
    assert.deepEqual(t.handoffWaitMs, { count: 2, median: 30_000, p90: 60_000 });
    // Asked: A B C F G; rated: A=5, C=3.
    assert.deepEqual(t.csat, { asked: 5, responses: 2, responseRate: 2 / 5, average: 4, distribution: [0, 0, 1, 0, 1] });
  });

  it('per day (UTC), every day of the period', () => {
    assert.deepEqual(kpis.byDay.map((d) => d.day), ['2026-11-20', '2026-11-21']);
    const [d1, d2] = kpis.byDay;
    assert.deepEqual([d1!.conversations, d1!.contained, d1!.handoffs, d1!.abandoned, d1!.open], [3, 1, 1, 1, 0]);
    assert.equal(d1!.containmentRate, 1 / 3);
    assert.equal(d1!.fallbackRate, 2 / 7);
    assert.deepEqual(d1!.firstReplyMs, { count: 3, median: 200, p90: 300 });
    assert.deepEqual([d2!.conversations, d2!.contained, d2!.handoffs, d2!.abandoned, d2!.open], [5, 1, 2, 0, 2]);
    assert.equal(d2!.containmentRate, 1 / 5);
    assert.equal(d2!.handoffRate, 2 / 5);
    assert.equal(d2!.csat.average, null);
    assert.equal(d2!.csat.responseRate, 0);
  });

  it('per intent, most frequent first, with the same four results', () => {
    assert.deepEqual(kpis.byIntent.map((i) => [i.intent, i.conversations]), [
      ['shipping.track', 4],
      ['goodbye', 1],
      ['rewards.balance', 1],
      ['shipping.problem', 1],
      ['subscription.cancel', 1],
    ]);
    // shipping.track: A and G contained, I handed off, J open: 50 % + 25 % + 0 % + 25 %.
    const track = kpis.byIntent[0]!;
    assert.deepEqual([track.containmentRate, track.handoffRate, track.abandonmentRate, track.openRate], [0.5, 0.25, 0, 0.25]);
    assert.equal(track.csat.average, 5);
    const rewards = kpis.byIntent.find((i) => i.intent === 'rewards.balance')!;
    assert.deepEqual([rewards.containmentRate, rewards.openRate], [0, 1], 'open only: none contained yet');
    assert.equal(kpis.byIntent.find((i) => i.intent === 'subscription.cancel')!.handoffRate, 1);
  });

  it('top intents ending in handoff, agents and comments', () => {
    assert.deepEqual(kpis.topHandoffIntents, [
      { intent: 'shipping.problem', handoffs: 1, share: 1 / 3 },
      { intent: 'shipping.track', handoffs: 1, share: 1 / 3 },
      { intent: 'subscription.cancel', handoffs: 1, share: 1 / 3 },
    ]);
    assert.deepEqual(kpis.agents, [{ agent: 'sam', chats: 2, handleMs: { count: 2, median: 60_000, p90: 120_000 }, csatAverage: 3, csatResponses: 1 }]);
    assert.deepEqual(kpis.comments, [{ at: '2026-11-20T09:05:10Z', rating: 5, comment: 'Quick and clear', agent: null, conversationId: 'A' }]);
    assert.equal(kpis.definitions, KPI_DEFINITIONS);
  });

  it("the conversation browser's filters count exactly what the figures count", () => {
    const inPeriod = RECORDS.filter((r) => r.startedAt < '2026-11-22');
    const ids = (f: Parameters<typeof matchesFilter>[1]) => inPeriod.filter((r) => matchesFilter(r, f)).map((r) => r.conversationId);
    assert.deepEqual(ids({}), ['A', 'B', 'C', 'E', 'F', 'G', 'I', 'J']);
    assert.deepEqual(ids({ outcome: 'contained' }), ['A', 'G']);
    assert.deepEqual(ids({ outcome: 'handoff' }), ['C', 'F', 'I']);
    assert.deepEqual(ids({ outcome: 'abandoned' }), ['B']);
    assert.deepEqual(ids({ outcome: 'open' }), ['E', 'J']);
    assert.deepEqual(ids({ intent: 'shipping.track' }), ['A', 'G', 'I', 'J']);
    assert.deepEqual(ids({ intent: 'shipping.track', outcome: 'handoff' }), ['I']);
    assert.deepEqual(ids({ agent: 'sam' }), ['C', 'F']);
    assert.deepEqual(ids({ reason: 'asked_for_agent' }), ['C', 'I']);
    assert.deepEqual(ids({ topic: 'shipping.problem' }), ['F']);
    assert.deepEqual(ids({ csat: 'rated' }), ['A', 'C']);
    assert.deepEqual(ids({ csat: 'unrated' }), ['B', 'F', 'G']);
    assert.deepEqual(ids({ csat: '3' }), ['C']);
    assert.deepEqual(ids({ fallback: 'yes' }), ['B', 'F']);
    const t = kpis.total;
    assert.deepEqual([ids({ outcome: 'contained' }).length, ids({ outcome: 'handoff' }).length, ids({ agent: 'sam' }).length], [t.contained, t.handoffs, kpis.agents[0]!.chats]);
  });

  it('CSV tables carry the same figures', () => {
    const total = kpiTable(kpis, 'total');
    const row = Object.fromEntries(total.header.map((h, i) => [h, total.rows[0]![i]]));
    assert.deepEqual([row.conversations, row.contained, row.containment_rate, row.handoffs, row.handoff_rate, row.abandoned, row.open, row.open_rate], [8, 2, 0.25, 3, 0.375, 1, 2, 0.25]);
    assert.deepEqual(kpiTable(kpis, 'intents').rows.map((r) => [r[0], r[1]]), kpis.byIntent.map((i) => [i.intent, i.conversations]));
    assert.deepEqual(kpiTable(kpis, 'reasons').rows, [['asked_for_agent', 2, 0.25], ['shipping_problem', 1, 0.125]]);
    assert.deepEqual(kpiTable(kpis, 'agents').rows, [['sam', 2, 60_000, 120_000, 3, 1]]);
  });

  it('an empty period has null rates, not NaN', () => {
    const s = summarize([]);
    assert.equal(s.conversations, 0);
    assert.equal(s.containmentRate, null);
    assert.equal(s.handoffRate, null);
    assert.equal(s.abandonmentRate, null);
    assert.equal(s.openRate, null);
    assert.equal(s.fallbackRate, null);
    assert.equal(s.csat.average, null);
    assert.deepEqual(s.firstReplyMs, { count: 0, median: null, p90: null });
  });
});

describe('CSV', () => {
  it('quotes, doubles quotes, CRLF lines, and defuses formulas in text', () => {
    assert.equal(
      toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['=HYPERLINK("http://evil")', -3], [null, 'line\nbreak'], ['@sum', '+1']]),
      'a,b\r\n"x,y","say ""hi"""\r\n"\'=HYPERLINK(""http://evil"")",-3\r\n,"line\nbreak"\r\n\'@sum,\'+1\r\n',
    );
  });
});
