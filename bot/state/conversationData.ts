import type { CsatState } from '../csat/csatSurvey';

/**
 * What the bot remembers about one conversation (kept in botbuilder conversation state, so in
 * memory or Redis). Everything the handoff packet needs is here.
 */
export interface TrailEntry {
  /** Masked customer text. */
  text: string;
  intent: string;
  score: number;
  decision: 'answer' | 'clarify' | 'fallback' | 'handoff' | 'interrupt' | 'slot';
  at: string;
}

export interface TranscriptLine {
  role: 'customer' | 'bot' | 'agent';
  /** Masked (card numbers, PINs, emails, phone numbers). */
  text: string;
  at: string;
}

export type HandoffStatus = 'none' | 'waiting' | 'with_agent';

export interface HandoffState {
  status: HandoffStatus;
  reason?: string;
  since?: string;
  agentName?: string;
}

export interface ConversationData {
  /** Recent recognitions and what routing decided, newest last (bounded). */
  trail: TrailEntry[];
  consecutiveFallbacks: number;
  /** Recent lines of the conversation, newest last (bounded). */
  transcript: TranscriptLine[];
  /** Facts the bot already showed the customer (e.g. "Order PS-10042: in transit, ETA 2026-11-28"). */
  shown: string[];
  /** Slots the dialogs filled (subscription id, order number…), for the agent. */
  slots: Record<string, unknown>;
  handoff: HandoffState;
  /** Ids of recently processed inbound activities: a redelivered activity is not acted on twice. */
  seenActivityIds: string[];
  /** The skill intent currently in progress, if any. */
  activeIntent?: string;
  /** The next customer message answers a secret question (a PIN): keep it out of transcripts. */
  expectingSecret?: boolean;
  /** Skill intents of flows waiting under a side request ("what's my balance?" mid-flow), innermost last. */
  suspended?: string[];
  /** Further requests of one message ("…, and what's my points balance?"), served when the current flow ends. */
  queued?: string[];
  /** Values of the request that started the flow in progress ("3 weeks"), kept when the customer corrects what it is about. */
  requestDetails?: { type: string; text: string }[];
  /** The last message completed an account change the customer had confirmed (a stray "yes" now is no new consent). */
  afterAction?: boolean;
  /** The bot's last message asked "did you mean one of these?": the message it asked about (masked) and the intents offered, best first. */
  clarifying?: { text: string; candidates: string[] };
  /** The satisfaction survey, once it was asked. */
  csat?: CsatState;
}

export const LIMITS = { trail: 30, transcript: 100, shown: 30, seen: 50 } as const;

export function emptyConversationData(): ConversationData {
  return { trail: [], consecutiveFallbacks: 0, transcript: [], shown: [], slots: {}, handoff: { status: 'none' }, seenActivityIds: [] };
}

/** Appends to a bounded list in place, dropping the oldest entries. */
export function pushBounded<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}
