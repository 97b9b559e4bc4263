import type { NoticeBus } from '../../platform/store/noticeBus';
import type { HandoffLine } from './handoffRecords';

/**
 * What one instance tells the agent consoles connected to every instance. Conversation
 * notices name the assigned agent: only that agent's consoles receive them.
 */
export type HubNotice =
  /** The queue changed (a customer joined, left or was taken). */
  | { kind: 'queue' }
  /** A line was added to an agent's conversation (customer message, agent message, note, system). */
  | { kind: 'line'; conversationId: string; agent: string; line: HandoffLine }
  /** Someone is typing in an agent's conversation. */
  | { kind: 'typing'; conversationId: string; agent: string; from: 'customer' }
  /** An agent's set of chats changed (accepted or ended). */
  | { kind: 'chats'; agent: string }
  /** Follow-up tickets changed. */
  | { kind: 'tickets' }
  /** Agents' presence changed. */
  | { kind: 'presence' };

/**
 * Fan-out of {@link HubNotice}s to every instance: {@link ./memoryHandoffBus} (one process) and
 * {@link ./redisHandoffBus} (Redis pub/sub), both passing `test/contracts/handoffBus.contract.ts`.
 */
export type HandoffBus = NoticeBus<HubNotice>;
