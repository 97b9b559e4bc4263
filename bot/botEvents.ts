import { EventEmitter } from 'node:events';
import type { HandoffPacket } from './handoff/handoffPacket';
import type { Recognition } from '../nlu/recognizer';
import type { Decision } from './routing/decide';

/**
 * What the bot tells observers (metrics, KPIs, the trainers' review inbox) without knowing
 * them. Texts are masked before they are emitted.
 */
export interface BotEventMap {
  /** A customer message was classified and routed (not emitted for slot answers inside a dialog). */
  routed: [{ conversationId: string; channelId: string; customerId: string | null; clientAddress?: string; maskedText: string; recognition: Recognition; decision: Decision; at: Date }];
  /** The bot handed the conversation to a person. */
  handoff: [{ conversationId: string; channelId: string; clientAddress?: string; packet: HandoffPacket; at: Date }];
  /** One turn finished (any activity type). */
  turn: [{ conversationId: string; channelId: string; activityType: string; ms: number; firstReplyMs?: number; at: Date }];
  /** A skill dialog finished: answered (complete), stopped by the customer, or ended by a refusal/failure. */
  skillEnded: [{ conversationId: string; intent: string; outcome: 'completed' | 'cancelled'; at: Date }];
  /** The customer said goodbye (the bot closes the conversation from its side). */
  goodbye: [{ conversationId: string; channelId: string; at: Date }];
  /**
   * The satisfaction survey: asked (after goodbye, an agent's chat, or idleness), rated 1–5,
   * commented (masked text) or skipped (no rating, or no comment after the rating).
   */
  csat: [{ conversationId: string; channelId: string; stage: 'asked' | 'rated' | 'commented' | 'skipped'; trigger: 'goodbye' | 'agent' | 'idle'; rating?: number; comment?: string; at: Date }];
}

/** A typed event emitter for {@link BotEventMap}. Listeners must not throw (errors are isolated). */
export class BotEvents extends EventEmitter<BotEventMap> {}

/** Emits a bot event; a listener that throws never breaks a turn (see `safeEmitter`). */
export type EmitBotEvent = <K extends keyof BotEventMap>(name: K, ...args: BotEventMap[K]) => void;
