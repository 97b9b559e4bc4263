import type { ConversationOutcome } from './conversationOutcome';

/** A change to one record: the new record, or undefined to leave it as it is. */
export type OutcomeChange = (current: ConversationOutcome | undefined) => ConversationOutcome | undefined;

export interface OutcomeUpdate {
  /** The record before this change (undefined when it did not exist). */
  previous: ConversationOutcome | undefined;
  /** The record after it (equal to `previous` when the change returned undefined). */
  current: ConversationOutcome | undefined;
  /** Did this call write? Exactly one of several concurrent callers wins each transition. */
  changed: boolean;
}

/**
 * The storage port of conversation outcomes (one record per conversation) and the indexes the
 * KPIs and the idle sweep need. Implementations: {@link ./memoryOutcomeStore} (one process)
 * and {@link ./redisOutcomeStore} (shared by all instances). Contract:
 * `test/contracts/outcomeStore.contract.ts`.
 */
export interface OutcomeStore {
  get(conversationId: string): Promise<ConversationOutcome | undefined>;
  /**
   * Applies `change` atomically: it runs against the current record and its result is written
   * only if nobody changed the record meanwhile (otherwise it runs again on the fresh one).
   * `change` must be a pure function of its argument.
   */
  update(conversationId: string, change: OutcomeChange): Promise<OutcomeUpdate>;
  /** Records whose conversation started in `[from, to)`, oldest first. */
  listStarted(from: Date, to: Date): Promise<ConversationOutcome[]>;
  /**
   * Ids of open conversations the idle sweep may close (not with the hub) whose last activity
   * is at or before `before`, stalest first. Close them with {@link update}: the compare-and-set
   * makes exactly one instance the closer.
   */
  idleCandidates(before: Date, limit: number): Promise<string[]>;
  /** Open conversations (including those with the hub) active at or after `since`. */
  countOpen(since: Date): Promise<number>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Records are kept this long after their last change (default of the implementations). */
export const DEFAULT_OUTCOME_RETENTION_DAYS = 90;
