import { engaged, resultOf, type ConversationOutcome, type ConversationResult } from '../outcomes/conversationOutcome';
import { percentile } from '../../platform/percentile';

/** A distribution's summary, in ms. */
export interface Timing {
  count: number;
  median: number | null;
  p90: number | null;
}

/**
 * The support KPIs of a set of conversations. Only conversations where the customer wrote at
 * least once count ("conversations"). Every conversation is in exactly one of four results
 * ({@link resultOf}), all four rates share that one denominator and add up to 100 %. See
 * {@link KPI_DEFINITIONS} for the sentence written beside each figure.
 */
export interface KpiSummary {
  /** Conversations where the customer wrote at least once: the denominator of the four results. */
  conversations: number;
  /** Ended by the bot alone: goodbye, or idle after an answer. */
  contained: number;
  /** contained / conversations. */
  containmentRate: number | null;
  /** Handed to a person (asked for, or the bot's decision), whether the chat is still going or not. */
  handoffs: number;
  /** handoffs / conversations. */
  handoffRate: number | null;
  /** Went idle right after the bot did not understand. */
  abandoned: number;
  /** abandoned / conversations. */
  abandonmentRate: number | null;
  /** Still going with the bot (no handoff, not ended). */
  open: number;
  /** open / conversations. */
  openRate: number | null;
  /** Per handoff reason: count and share of conversations (the shares add up to the handoff rate). */
  handoffsByReason: Record<string, { count: number; rate: number }>;
  /** Messages the bot classified, and how many of them it did not understand. */
  routedMessages: number;
  fallbacks: number;
  /** fallbacks / routedMessages (a rate of messages, not of conversations). */
  fallbackRate: number | null;
  /** From the customer's first message to the bot's first reply. */
  firstReplyMs: Timing;
  /** Time in the queue until an agent accepted (handoffs an agent accepted). */
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

/**
 * What each figure means, with its numerator and denominator: the dashboard writes these beside
 * the tiles and the CSV export carries them, so there is one definition per rate.
 */
export const KPI_DEFINITIONS = {
  conversations: 'Conversations that started in the period and where the customer wrote at least once. The four results below split them: they add up to 100 %.',
  containment: 'Contained ÷ conversations: ended by the bot alone (goodbye, or idle after an answer).',
  handoff: 'Handed off ÷ conversations: handed to a person (asked for, or the bot decided), whether the chat is still going or not.',
  abandoned: 'Abandoned ÷ conversations: went idle right after the bot did not understand.',
  open: 'Still open ÷ conversations: still going with the bot (no handoff yet, not ended).',
  fallback: 'Messages the bot did not understand ÷ messages it classified (a rate of messages, not of conversations).',
  firstReply: "Customer's first message → the bot's first reply, over conversations (median and p90, nearest rank).",
  handoffWait: 'Time in the queue until an agent accepted, over accepted handoffs (median and p90).',
  csat: 'Mean rating (1–5) of the conversations that gave one; response rate = rated ÷ asked for a rating.',
} as const;

export interface Kpis {
  from: string;
  to: string;
  /** The sentence beside each figure ({@link KPI_DEFINITIONS}). */
  definitions: typeof KPI_DEFINITIONS;
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
  const results: Record<ConversationResult, number> = { contained: 0, handoff: 0, abandoned: 0, open: 0 };
  let conversations = 0;
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
    results[resultOf(o)]++;
    routed += o.routed;
    fallbacks += o.fallbacks;
    if (o.firstReplyMs !== undefined) firstReplies.push(o.firstReplyMs);
    if (o.handoff) {
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
    contained: results.contained,
    containmentRate: ratio(results.contained, conversations),
    handoffs: results.handoff,
    handoffRate: ratio(results.handoff, conversations),
    abandoned: results.abandoned,
    abandonmentRate: ratio(results.abandoned, conversations),
    open: results.open,
    openRate: ratio(results.open, conversations),
    handoffsByReason: byReason,
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

  return { from: from.toISOString(), to: to.toISOString(), definitions: KPI_DEFINITIONS, total: summarize(all), byDay, byIntent, topHandoffIntents, agents, comments };
}
