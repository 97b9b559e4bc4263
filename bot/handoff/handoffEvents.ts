import { EventEmitter } from 'node:events';
import type { HandoffReason } from './handoffPacket';

/**
 * What the handoff hub tells observers (metrics, KPIs, the trainers' review inbox). Emitted on
 * the instance where the change happened.
 */
export interface HandoffEventMap {
  /** A conversation entered the queue. */
  queued: [{ conversationId: string; customerId: string | null; reason: HandoffReason; priority: number; at: Date }];
  /** An agent accepted it after `waitMs` in the queue. */
  accepted: [{ conversationId: string; agent: string; waitMs: number; at: Date }];
  /**
   * The agent ended the chat after `handleMs`, with an outcome and, optionally, the intent the
   * customer really had (`labelledIntent`, feeds the review inbox) and the customer's masked
   * messages of the handoff.
   */
  completed: [{ conversationId: string; agent: string; handleMs: number; outcome: string; labelledIntent?: string; customerUtterances: string[]; at: Date }];
  /** The customer left the queue before an agent accepted. */
  cancelled: [{ conversationId: string; waitMs: number; at: Date }];
  /** No agent could take it: the customer's message was stored as a follow-up ticket. */
  ticket: [{ conversationId: string; ticketId: string; at: Date }];
  /** The number of conversations waiting changed. */
  queueLength: [{ length: number; at: Date }];
}

export class HandoffEvents extends EventEmitter<HandoffEventMap> {}
