import type { QueueItem } from '../../bot/handoff/handoffHub';
import type { HandoffReason } from '../../bot/handoff/handoffPacket';
import type { HandoffConversation, HandoffLine, Outcome, Presence, Ticket } from '../../bot/handoff/handoffRecords';
import type { AgentIdentity } from '../../bot/handoff/handoffStore';

/*
 * What the agent console's API and live feed send, for the server (which builds them) and the
 * console's scripts (which read them, through JSDoc in `web/tsconfig.json`). Type-only imports
 * of browser-safe modules: this file is part of the browser type-check.
 */

export type { HandoffLine, QueueItem, Ticket };

/** One of the agent's chats in the side list. */
export interface ChatSummary {
  conversationId: string;
  customerName: string | null;
  customerId: string | null;
  reason: HandoffReason;
  acceptedAt: string | null;
}

/** `GET /agent/api/state`: everything the console shows after sign-in. */
export interface ConsoleState {
  me: AgentIdentity & { status: Presence };
  online: number;
  queue: QueueItem[];
  chats: ChatSummary[];
  tickets: Ticket[];
  canned: { title: string; text: string }[];
  outcomes: readonly Outcome[];
  intents: readonly string[];
}

/** One conversation as its agent sees it: everything the bot knew, and the live chat. */
export interface ConversationView {
  conversationId: string;
  state: HandoffConversation['state'];
  reason: HandoffReason;
  summary: string;
  customerId: string | null;
  customerName: string | null;
  queuedAt: string;
  acceptedAt: string | null;
  endedAt: string | null;
  outcome: HandoffConversation['outcome'] | null;
  packet: Pick<HandoffConversation['packet'], 'trail' | 'slots' | 'shown' | 'requestedAt'>;
  transcript: HandoffConversation['transcript'];
  lines: HandoffLine[];
}

/** A message of the console's WebSocket (`/agent/ws`). */
export type ConsoleFeedMessage =
  | { type: 'hello'; agent: string }
  | { type: 'queue'; queue: QueueItem[]; online: number }
  | { type: 'line'; conversationId: string; line: HandoffLine }
  | { type: 'typing'; conversationId: string; from: 'customer' }
  | { type: 'chats' }
  | { type: 'tickets' };

export type { AgentRatings } from '../../ops/admin/adminViews';

/** The labels the console page carries (`#page-data`), from the server's constants. */
export interface ConsolePageData {
  reasons: Readonly<Record<HandoffReason, string>>;
  outcomes: Readonly<Record<Outcome, string>>;
}
