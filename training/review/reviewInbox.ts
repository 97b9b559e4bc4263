import type { NewReviewItem, ReviewItem, ReviewQuery, ReviewStatus } from './reviewItem';

/** A trainer's decision on one item. */
export interface ReviewResolution {
  status: Exclude<ReviewStatus, 'open'>;
  /** For `accepted`: the intent; `out_of_scope` records `none`. */
  intent?: string;
  by: string;
  at: Date;
}

/**
 * The trainers' review inbox: utterances the bot missed, masked, with their scores. Capped: past
 * `max` items the oldest are dropped first. Implementations: {@link ./memoryReviewInbox} and
 * {@link ./redisReviewInbox}; both pass `test/contracts/reviewInbox.contract.ts`.
 */
export interface ReviewInbox {
  /** Stores a new `open` item (dropping the oldest beyond the cap). */
  add(item: NewReviewItem): Promise<ReviewItem>;
  get(id: string): Promise<ReviewItem | undefined>;
  /** Filtered, sorted, paged (default: open items, newest first). */
  list(query?: ReviewQuery): Promise<{ items: ReviewItem[]; total: number }>;
  /**
   * Records a trainer's decision on an open item, exactly once.
   * @throws AppError 404 (unknown or dropped), 409 (already reviewed)
   */
  resolve(id: string, resolution: ReviewResolution): Promise<ReviewItem>;
  /** The agent's label at the end of a handoff, on every item of that conversation. @returns how many */
  labelConversation(conversationId: string, intent: string, by: string): Promise<number>;
  size(): Promise<number>;
  close(): Promise<void>;
}
