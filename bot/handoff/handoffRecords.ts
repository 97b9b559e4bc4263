import type { TranscriptLine } from '../state/conversationData';
import type { HandoffPacket, HandoffReason } from './handoffPacket';

/**
 * What the handoff hub keeps about conversations handed to people (in the DocStore, so every
 * server instance sees the same queue). Every text in here is masked (`platform/mask.ts`).
 */

/**
 * `waiting`: in the queue; `leaving_message`: out of the queue, the next customer message
 * becomes a follow-up ticket; `active`: an agent has it; `ended`: back with the bot.
 */
export type HandoffConversationState = 'waiting' | 'leaving_message' | 'active' | 'ended';

/** How an agent closes a chat. */
export const OUTCOMES = ['resolved', 'follow_up', 'not_resolved'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** One line said (or noted) after the handoff. */
export interface HandoffLine {
  /** `note`: an agent's internal note, never shown to the customer; `system`: what happened (accepted, ended…). */
  from: 'customer' | 'agent' | 'note' | 'system';
  /** Masked. */
  text: string;
  at: string;
  /** Display name of the agent who wrote it (agent lines and notes). */
  by?: string;
}

export interface HandoffConversation {
  conversationId: string;
  /** The channel the customer is on (`directline`, `test`…). */
  channelId: string;
  state: HandoffConversationState;
  reason: HandoffReason;
  /** Lower is served first (`HANDOFF_PRIORITY`). */
  priority: number;
  summary: string;
  customerId: string | null;
  customerName?: string;
  /** What the bot knew: trail, slots, what it showed. */
  packet: HandoffPacket;
  /** The conversation with the bot before the handoff (masked). */
  transcript: TranscriptLine[];
  /** Everything said after the handoff: kept while waiting, relayed once an agent has it. */
  lines: HandoffLine[];
  queuedAt: string;
  /** The customer has been told their messages are kept (once per wait, no spam). */
  acknowledged?: boolean;
  /** The customer has been offered to leave a message (no agent online, or the wait ran long). */
  offered?: boolean;
  agent?: string;
  agentName?: string;
  acceptedAt?: string;
  endedAt?: string;
  /** `resolved`, `follow_up`, `not_resolved`, or `cancelled` / `ticket` when no agent took it. */
  outcome?: Outcome | 'cancelled' | 'ticket';
  labelledIntent?: string;
  ticketId?: string;
}

/** A conversation waiting in the queue, as the queue document keeps it. */
export interface QueueEntry {
  conversationId: string;
  priority: number;
  /** Arrival order across all instances (first come, first served within a priority). */
  seq: number;
  queuedAt: string;
  reason: HandoffReason;
  summary: string;
  customerName?: string;
  /** Offered to leave a message (a claim, so one instance sends the offer). */
  offered?: boolean;
}

export interface QueueDoc {
  entries: QueueEntry[];
  nextSeq: number;
  /** The position each waiting customer was last told (so changes are told once, by one instance). */
  told: Record<string, number>;
}

export type Presence = 'online' | 'away';

/** An agent as the hub knows them. */
export interface AgentRecord {
  username: string;
  displayName: string;
  /** Concurrent chats this agent takes. */
  capacity: number;
  status: Presence;
  /** Epoch ms until which the agent counts as connected (refreshed while a console is open). */
  seenUntil: number;
  /** Conversations this agent has now. */
  active: string[];
}

/** A customer's message left when no agent could take the chat. */
export interface Ticket {
  id: string;
  conversationId: string;
  customerId: string | null;
  customerName?: string;
  reason: HandoffReason;
  summary: string;
  /** What the customer left (masked). */
  message: string;
  /** What they wrote while waiting, before leaving the message (masked). */
  earlier: string[];
  createdAt: string;
  status: 'open' | 'closed';
  closedBy?: string;
  closedAt?: string;
}
