import type { TrailEntry } from '../state/conversationData';

/** Why the bot handed a conversation to a person. */
export type HandoffReason = 'asked_for_agent' | 'not_understood_twice' | 'shipping_problem' | 'api_failure';

/** Shipping problems are served first. */
export const HANDOFF_PRIORITY: Record<HandoffReason, number> = { shipping_problem: 0, api_failure: 1, asked_for_agent: 2, not_understood_twice: 2 };

/**
 * The `value` of the `handoff.initiate` event: everything a human agent needs to take over
 * without asking the customer again. The transcript travels as the event's attachment.
 */
export interface HandoffPacket {
  reason: HandoffReason;
  /** One line for the agent's queue. */
  summary: string;
  customerId: string | null;
  customerName?: string;
  /** Recent recognitions (masked text, intent, score, what routing decided). */
  trail: TrailEntry[];
  /** What the dialogs had collected (subscription id, order number, problem…). */
  slots: Record<string, unknown>;
  /** Facts the bot already showed the customer. */
  shown: string[];
  requestedAt: string;
}
