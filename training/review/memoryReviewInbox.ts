import { randomUUID } from 'node:crypto';
import { conflict, notFound } from '../../platform/errors';
import type { ReviewInbox, ReviewResolution } from './reviewInbox';
import { queryItems, type NewReviewItem, type ReviewItem, type ReviewQuery } from './reviewItem';

/** {@link ReviewInbox} in one process (`STORE=memory`). */
export class MemoryReviewInbox implements ReviewInbox {
  /** Oldest first. */
  private readonly items = new Map<string, ReviewItem>();

  constructor(private readonly max = 5000) {}

  async add(item: NewReviewItem): Promise<ReviewItem> {
    const stored: ReviewItem = { ...structuredClone(item), id: randomUUID(), status: 'open' };
    this.items.set(stored.id, stored);
    for (const id of this.items.keys()) {
      if (this.items.size <= this.max) break;
      this.items.delete(id);
    }
    return structuredClone(stored);
  }

  async get(id: string): Promise<ReviewItem | undefined> {
    const i = this.items.get(id);
    return i && structuredClone(i);
  }

  async list(query: ReviewQuery = {}): Promise<{ items: ReviewItem[]; total: number }> {
    const r = queryItems([...this.items.values()].reverse(), query);
    return { items: structuredClone(r.items), total: r.total };
  }

  async resolve(id: string, resolution: ReviewResolution): Promise<ReviewItem> {
    const item = this.items.get(id);
    if (!item) throw notFound('There is no such item in the review inbox (it may have been dropped).');
    if (item.status !== 'open') throw conflict(`This item was already reviewed (${item.status}${item.resolution ? ` by ${item.resolution.by}` : ''}).`);
    item.status = resolution.status;
    item.resolution = { ...(resolution.intent ? { intent: resolution.intent } : {}), by: resolution.by, at: resolution.at.toISOString() };
    return structuredClone(item);
  }

  async labelConversation(conversationId: string, intent: string, by: string): Promise<number> {
    let n = 0;
    for (const item of this.items.values()) {
      if (item.conversationId !== conversationId) continue;
      item.agentLabel = intent;
      item.agentLabelledBy = by;
      n += 1;
    }
    return n;
  }

  async size(): Promise<number> {
    return this.items.size;
  }

  async close(): Promise<void> {}
}
