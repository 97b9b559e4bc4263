import type { HandoffReason } from '../../bot/handoff/handoffPacket';
import type { ConversationRow } from '../conversations/conversationFilter';
import type { TranscriptEntry } from '../conversations/maskedTranscript';
import type { ConversationResult, CsatOutcome, HandoffOutcome, RoutingStep } from '../outcomes/conversationOutcome';

/*
 * What the admin API sends the dashboard, for the server (which builds them) and the page's
 * scripts (which read them, through JSDoc in `web/tsconfig.json`). Type-only imports of
 * browser-safe modules: this file is part of the browser type-check.
 */

export type { Kpis } from '../kpis/computeKpis';
export type { LiveState } from '../live/liveFeed';
export type { LogLevelsSnapshot } from '../logging/logLevels';
export type { ConversationRow, TranscriptEntry };

/** `GET /admin/api/conversations`: one page of the conversation browser. */
export interface ConversationsPage {
  from: string;
  to: string;
  total: number;
  offset: number;
  limit: number;
  conversations: ConversationRow[];
}

/** `GET /admin/api/conversations/:id`: one conversation, drilled into. */
export interface ConversationDetail {
  conversation: ConversationRow;
  handoff: HandoffOutcome | null;
  csat: CsatOutcome | null;
  trail: RoutingStep[];
  /** null: the chat channel no longer keeps it, or it was not a web chat. */
  transcript: TranscriptEntry[] | null;
}

/** The labels the dashboard page carries (`#page-data`), from the server's constants. */
export interface AdminPageData {
  reasons: Readonly<Record<HandoffReason, string>>;
  results: Readonly<Record<ConversationResult, string>>;
}

/** `GET /api/agent/ratings`: the signed-in agent's rated chats, newest first (built by ops, shown in the agent console). */
export interface AgentRatings {
  agent: string;
  days: number;
  average: number | null;
  ratings: { conversationId: string; endedAt: string | null; rating: number; comment: string | null }[];
}
