/**
 * What happened in one conversation, for the KPIs: built from the bot's and the handoff hub's
 * events (see {@link ./outcomeRecorder}) and kept in an {@link ./outcomeStore}. Texts here are
 * masked; nothing identifies the customer beyond the shop's customer id.
 */

/** How a conversation ended. `abandoned` = it went idle right after the bot did not understand. */
export type EndedHow = 'goodbye' | 'agent' | 'idle' | 'abandoned';
export const ENDED_HOW: readonly EndedHow[] = ['goodbye', 'agent', 'idle', 'abandoned'];

/** What asked for the satisfaction rating. */
export type CsatTrigger = 'goodbye' | 'agent' | 'idle';

export type RoutingDecisionKind = 'answer' | 'clarify' | 'fallback' | 'handoff';

export interface HandoffOutcome {
  /** Why the bot handed off (`asked_for_agent`, `not_understood_twice`…). */
  reason: string;
  /** ISO 8601: when the bot handed off. */
  at: string;
  /** The customer's topic when it happened (`none` when the bot never understood one). */
  intent: string;
  queuedAt?: string;
  /** Time in the queue until an agent accepted (or until the customer left the queue). */
  waitMs?: number;
  acceptedAt?: string;
  /** The agent who took it (as the hub names agents: their username). */
  agent?: string;
  handleMs?: number;
  /** The agent's outcome of the chat (e.g. `resolved`). */
  result?: string;
  completedAt?: string;
  /** The customer left the queue before an agent accepted. */
  cancelled?: boolean;
  /** No agent could take it; a follow-up ticket was opened. */
  ticket?: boolean;
}

export interface CsatOutcome {
  askedAt: string;
  trigger: CsatTrigger;
  /** 1 (poor) … 5 (excellent). */
  rating?: number;
  ratedAt?: string;
  /** Masked free text. */
  comment?: string;
}

/** One classified customer message: what the bot understood and what it decided (masked text). */
export interface RoutingStep {
  /** ISO 8601. */
  at: string;
  /** The customer's message, masked. */
  text: string;
  intent: string;
  score: number;
  decision: RoutingDecisionKind;
  /** One line: "answer shipping.track", "clarify: a | b", "handoff (asked_for_agent)". */
  detail: string;
}

/** Routing steps kept per conversation (the newest). */
export const MAX_ROUTING_STEPS = 50;

export interface ConversationOutcome {
  conversationId: string;
  channelId: string;
  customerId: string | null;
  /** ISO 8601. */
  startedAt: string;
  /** ISO 8601: the customer's last message (or the start). */
  lastActivityAt: string;
  /** Customer messages (a conversation with none is not counted in the KPIs). */
  messages: number;
  /** Messages the bot classified and routed. */
  routed: number;
  fallbacks: number;
  lastDecision?: RoutingDecisionKind;
  /** ms from the customer's first message to the bot's first reply. */
  firstReplyMs?: number;
  /** Intents the bot acted on, in the order first seen. */
  intents: string[];
  /** The routing trail, oldest first (at most {@link MAX_ROUTING_STEPS}; absent on older records). */
  trail?: RoutingStep[];
  handoff?: HandoffOutcome;
  endedAt?: string;
  endedHow?: EndedHow;
  csat?: CsatOutcome;
}

/** A fresh record for a conversation first seen at `at`. */
export function newOutcome(conversationId: string, channelId: string, at: Date, customerId: string | null = null): ConversationOutcome {
  const iso = at.toISOString();
  return { conversationId, channelId, customerId, startedAt: iso, lastActivityAt: iso, messages: 0, routed: 0, fallbacks: 0, intents: [] };
}

/** Waiting for or talking to a person: the hub owns the conversation until it completes, is cancelled or becomes a ticket. */
export function handoffActive(o: ConversationOutcome): boolean {
  const h = o.handoff;
  return Boolean(h && !h.completedAt && !h.cancelled && !h.ticket);
}

/** Still going (not ended). */
export const isOpen = (o: ConversationOutcome): boolean => o.endedAt === undefined;

/** May the idle sweep close it? Open, and not in the hands of the handoff hub. */
export const idleCandidate = (o: ConversationOutcome): boolean => isOpen(o) && !handoffActive(o);

/** The customer wrote at least once (only these count in the KPIs). */
export const engaged = (o: ConversationOutcome): boolean => o.messages > 0;

/**
 * Where a conversation stands, one of four that partition every conversation (so the four
 * rates of a set add up to 100 %):
 * - `handoff`: the bot handed it to a person (whether the chat is still going or not);
 * - `open`: still going with the bot;
 * - `abandoned`: went idle right after the bot did not understand;
 * - `contained`: ended by the bot alone (goodbye, or idle after an answer).
 */
export type ConversationResult = 'contained' | 'handoff' | 'abandoned' | 'open';
export const RESULTS: readonly ConversationResult[] = ['contained', 'handoff', 'abandoned', 'open'];

export function resultOf(o: ConversationOutcome): ConversationResult {
  if (o.handoff) return 'handoff';
  if (isOpen(o)) return 'open';
  return o.endedHow === 'abandoned' ? 'abandoned' : 'contained';
}

/**
 * Closes an open conversation that went idle: `abandoned` when the bot's last decision was a
 * fallback, `idle` otherwise. @returns undefined when there is nothing to change (already
 * ended, with the hub, or active again since `idleBefore`).
 */
export function closeIfIdle(o: ConversationOutcome | undefined, idleBefore: Date, now: Date): ConversationOutcome | undefined {
  if (!o || !idleCandidate(o) || Date.parse(o.lastActivityAt) > idleBefore.getTime()) return undefined;
  return { ...o, endedAt: now.toISOString(), endedHow: o.lastDecision === 'fallback' ? 'abandoned' : 'idle' };
}
