import { contained, engaged, isOpen, type ConversationOutcome } from '../outcomes/conversationOutcome';
import { percentile } from '../../platform/percentile';

/** A distribution's summary, in ms. */
export interface Timing {
  count: number;
  median: number | null;
  p90: number | null;
}

/**
 * The support KPIs of a set of conversations. Only conversations where the customer wrote at
 * least once count ("conversations"); rates are null when their denominator is 0.
 */
export interface KpiSummary {
  /** Conversations where the customer wrote at least once. */
  conversations: number;
  /** Of those, ended (goodbye, agent, idle or abandoned). */
  ended: number;
  open: number;
  /** Ended without any handoff and not abandoned after a fallback. */
  contained: number;
  /** contained / ended. */
  containmentRate: number | null;
  /** Conversations the bot handed to a person (asked for, or the bot's decision). */
  handoffs: number;
  /** handoffs / conversations. */
  handoffRate: number | null;
  /** Per handoff reason: count and share of conversations. */
  handoffsByReason: Record<string, { count: number; rate: number }>;
  /** Went idle right after the bot did not understand. */
  abandoned: number;
  /** Messages the bot classified, and how many of them it did not understand. */
  routedMessages: number;
  fallbacks: number;
  /** fallbacks / routedMessages. */
  fallbackRate: number | null;
  /** From the customer's first message to the bot's first reply. */
  firstReplyMs: Timing;
  /** Time in the queue until an agent accepted. */
  handoffWaitMs: Timing;
  csat: {
    /** Conversations asked for a rating. */
    asked: number;
    /** Conversations that gave one. */
    responses: number;
    /** responses / asked. */
    responseRate: number | null;
    /** Mean rating (1–5), rounded to 2 decimals. */
    average: number | null;
    /** Count of ratings 1, 2, 3, 4, 5. */
    distribution: [number, number, number, number, number];
  };
}

export interface Kpis {
  from: string;
  to: string;
  total: KpiSummary;
  /** One row per UTC day of the period (by conversation start), oldest first, empty days included. */
  byDay: (KpiSummary & { day: string })[];
  /** Per intent the bot acted on: the conversations where it came up. Most frequent first. */
  byIntent: (KpiSummary & { intent: string })[];
  /** The customer's topic when the bot handed off, most frequent first. */
  topHandoffIntents: { intent: string; handoffs: number; share: number }[];
  /** Per agent who took handoffs. */
  agents: { agent: string; chats: number; handleMs: Timing; csatAverage: number | null; csatResponses: number }[];
  /** Newest comments first (masked texts), at most 20. */
  comments: { at: string; rating: number | null; comment: string; agent: string | null; conversationId: string }[];
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);
const round2 = (n: number | null): number | null => (n === null ? null : Math.round(n * 100) / 100);
const timing = (values: number[]): Timing => ({ count: values.length, median: percentile(values, 50), p90: percentile(values, 90) });

/** The KPIs of a set of conversation outcomes (a pure function: same records, same figures). */
export function summarize(records: readonly ConversationOutcome[]): KpiSummary {
  let conversations = 0;
  let ended = 0;
  let nContained = 0;
  let handoffs = 0;
  let abandoned = 0;
  let routed = 0;
  let fallbacks = 0;
  let asked = 0;
  let ratingSum = 0;
  const byReason: Record<string, { count: number; rate: number }> = {};
  const firstReplies: number[] = [];
  const waits: number[] = [];
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const o of records) {
    if (!engaged(o)) continue;
    conversations++;
    routed += o.routed;
    fallbacks += o.fallbacks;
    if (o.firstReplyMs !== undefined) firstReplies.push(o.firstReplyMs);
    if (!isOpen(o)) {
      ended++;
      if (contained(o)) nContained++;
      if (o.endedHow === 'abandoned') abandoned++;
    }
    if (o.handoff) {
      handoffs++;
      byReason[o.handoff.reason] = { count: (byReason[o.handoff.reason]?.count ?? 0) + 1, rate: 0 };
      if (o.handoff.acceptedAt && o.handoff.waitMs !== undefined) waits.push(o.handoff.waitMs);
    }
    if (o.csat) {
      asked++;
      const r = o.csat.rating;
      if (r !== undefined && r >= 1 && r <= 5) {
        distribution[r - 1] += 1;
        ratingSum += r;
      }
    }
  }
  for (const r of Object.values(byReason)) r.rate = r.count / conversations;
  const responses = distribution.reduce((a, b) => a + b, 0);
  return {
    conversations,
    ended,
    open: conversations - ended,
    contained: nContained,
    containmentRate: ratio(nContained, ended),
    handoffs,
    handoffRate: ratio(handoffs, conversations),
    handoffsByReason: byReason,
    abandoned,
    routedMessages: routed,
    fallbacks,
    fallbackRate: ratio(fallbacks, routed),
    firstReplyMs: timing(firstReplies),
    handoffWaitMs: timing(waits),
    csat: {
      asked,
      responses,
      responseRate: ratio(responses, asked),
      average: round2(responses ? ratingSum / responses : null),
      distribution,
    },
  };
}

function group<T>(groups: Map<string, T[]>, key: string, item: T): void {
  const list = groups.get(key);
  if (list) list.push(item);
  else groups.set(key, [item]);
}

/** `yyyy-mm-dd` (UTC) of an ISO time. */
const dayOf = (iso: string): string => iso.slice(0, 10);

/**
 * The KPIs of the conversations that started in `[from, to)`: for the whole period, per UTC day
 * and per intent, with the topics that end in handoff, per-agent figures and recent comments.
 * Records outside the period are ignored.
 */
export function computeKpis(records: readonly ConversationOutcome[], from: Date, to: Date): Kpis {
  const inPeriod = records.filter((o) => {
    const t = Date.parse(o.startedAt);
    return t >= from.getTime() && t < to.getTime();
  });
  const all = inPeriod.filter(engaged);

  const byDay: Kpis['byDay'] = [];
  const days = new Map<string, ConversationOutcome[]>();
  for (const o of all) group(days, dayOf(o.startedAt), o);
  for (let d = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()); d < to.getTime(); d += 86_400_000) {
    const day = new Date(d).toISOString().slice(0, 10);
    byDay.push({ day, ...summarize(days.get(day) ?? []) });
  }

  const intents = new Map<string, ConversationOutcome[]>();
  for (const o of all) for (const i of o.intents) group(intents, i, o);
  const byIntent = [...intents.entries()]
    .map(([intent, list]) => ({ intent, ...summarize(list) }))
    .sort((a, b) => b.conversations - a.conversations || a.intent.localeCompare(b.intent));

  const handedOff = all.filter((o) => o.handoff);
  const topics = new Map<string, number>();
  for (const o of handedOff) topics.set(o.handoff!.intent, (topics.get(o.handoff!.intent) ?? 0) + 1);
  const topHandoffIntents = [...topics.entries()]
    .map(([intent, handoffs]) => ({ intent, handoffs, share: handoffs / handedOff.length }))
    .sort((a, b) => b.handoffs - a.handoffs || a.intent.localeCompare(b.intent));

  const byAgent = new Map<string, ConversationOutcome[]>();
  for (const o of handedOff) if (o.handoff!.agent) group(byAgent, o.handoff!.agent, o);
  const agents = [...byAgent.entries()]
    .map(([agent, list]) => {
      const ratings = list.map((o) => o.csat?.rating).filter((r): r is number => typeof r === 'number');
      return {
        agent,
        chats: list.length,
        handleMs: timing(list.map((o) => o.handoff!.handleMs).filter((v): v is number => typeof v === 'number')),
        csatAverage: round2(ratings.length ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null),
        csatResponses: ratings.length,
      };
    })
    .sort((a, b) => b.chats - a.chats || a.agent.localeCompare(b.agent));

  const comments = all
    .filter((o) => o.csat?.comment)
    .map((o) => ({ at: o.csat!.ratedAt ?? o.csat!.askedAt, rating: o.csat!.rating ?? null, comment: o.csat!.comment!, agent: o.handoff?.agent ?? null, conversationId: o.conversationId }))
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, 20);

  return { from: from.toISOString(), to: to.toISOString(), total: summarize(all), byDay, byIntent, topHandoffIntents, agents, comments };
}
