import { z } from 'zod';
import { periodFields } from '../admin/period';
import { engaged, RESULTS, resultOf, type ConversationOutcome, type ConversationResult } from '../outcomes/conversationOutcome';

const name = z.string().min(1).max(100).regex(/^[A-Za-z0-9_.\-]+$/, 'must be a name like "shipping.track"');

/**
 * The conversation browser's filters (a query string). Each filter uses the KPIs' own
 * definitions, so the list behind a figure has exactly as many conversations as the figure:
 * `intent` = the bot acted on it (the per-intent rows), `outcome` = {@link resultOf} (the four
 * result tiles), `reason` = handoff reason, `topic` = the customer's topic at the handoff,
 * `agent` = who took the handoff (the agent rows), `csat` = a rating 1–5, `rated` or `unrated`
 * (asked, no answer), `fallback=yes` = the bot did not understand at least one message.
 */
export const conversationFilterSchema = z
  .object({
    ...periodFields,
    intent: name.optional(),
    outcome: z.enum(RESULTS as [ConversationResult, ...ConversationResult[]]).optional(),
    reason: name.optional(),
    topic: name.optional(),
    agent: name.optional(),
    csat: z.enum(['1', '2', '3', '4', '5', 'rated', 'unrated']).optional(),
    fallback: z.enum(['yes']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export type ConversationFilter = z.output<typeof conversationFilterSchema>;

/** Does an engaged conversation pass every filter given? (The period is applied by the caller.) */
export function matchesFilter(o: ConversationOutcome, f: Omit<ConversationFilter, 'limit' | 'offset' | 'from' | 'to'>): boolean {
  if (!engaged(o)) return false;
  if (f.intent && !o.intents.includes(f.intent)) return false;
  if (f.outcome && resultOf(o) !== f.outcome) return false;
  if (f.reason && o.handoff?.reason !== f.reason) return false;
  if (f.topic && o.handoff?.intent !== f.topic) return false;
  if (f.agent && o.handoff?.agent !== f.agent) return false;
  if (f.fallback && o.fallbacks === 0) return false;
  if (f.csat) {
    const rating = o.csat?.rating;
    if (f.csat === 'rated' && rating === undefined) return false;
    if (f.csat === 'unrated' && (!o.csat || rating !== undefined)) return false;
    if (/^\d$/.test(f.csat) && rating !== Number(f.csat)) return false;
  }
  return true;
}

/** One line of the conversation list (and of its CSV). */
export interface ConversationRow {
  conversationId: string;
  startedAt: string;
  endedAt: string | null;
  channelId: string;
  customerId: string | null;
  messages: number;
  fallbacks: number;
  intents: string[];
  outcome: ConversationResult;
  endedHow: string | null;
  handoffReason: string | null;
  handoffTopic: string | null;
  agent: string | null;
  rating: number | null;
  /** Masked. */
  comment: string | null;
}

export function conversationRow(o: ConversationOutcome): ConversationRow {
  return {
    conversationId: o.conversationId,
    startedAt: o.startedAt,
    endedAt: o.endedAt ?? null,
    channelId: o.channelId,
    customerId: o.customerId,
    messages: o.messages,
    fallbacks: o.fallbacks,
    intents: o.intents,
    outcome: resultOf(o),
    endedHow: o.endedHow ?? null,
    handoffReason: o.handoff?.reason ?? null,
    handoffTopic: o.handoff?.intent ?? null,
    agent: o.handoff?.agent ?? null,
    rating: o.csat?.rating ?? null,
    comment: o.csat?.comment ?? null,
  };
}
