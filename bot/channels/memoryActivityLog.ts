import { notFound } from '../../platform/errors';
import {
  activityIdFor,
  type ActivityLog,
  type ActivityLogOptions,
  type AppendOptions,
  type ConversationInfo,
  type ConversationMeta,
  type LogEntry,
  type LogListener,
  type NewChatActivity,
  type SubscribeOptions,
  type Unsubscribe,
} from './activityLog';

interface Conversation {
  meta: ConversationMeta;
  started: boolean;
  seq: number;
  lastTimestamp: number;
  entries: LogEntry[];
  expiresAt: number;
}

/** In-memory {@link ActivityLog} for one process (`STORE=memory`), twin of the Redis one. */
export class MemoryActivityLog implements ActivityLog {
  private readonly conversations = new Map<string, Conversation>();
  private readonly listeners = new Map<string, Set<LogListener>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: ActivityLogOptions) {
    // Expired conversations are also dropped on access; the sweep bounds memory when nobody asks.
    this.sweeper = setInterval(() => this.sweep(), Math.min(60_000, options.retentionSeconds * 1000)).unref();
  }

  private live(conversationId: string): Conversation | undefined {
    const c = this.conversations.get(conversationId);
    if (c && c.expiresAt <= Date.now()) {
      this.conversations.delete(conversationId);
      return undefined;
    }
    return c;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, c] of this.conversations) if (c.expiresAt <= now) this.conversations.delete(id);
  }

  private touch(c: Conversation): void {
    c.expiresAt = Date.now() + this.options.retentionSeconds * 1000;
  }

  async createConversation(meta: ConversationMeta): Promise<boolean> {
    if (this.live(meta.conversationId)) return false;
    const c: Conversation = { meta: structuredClone(meta), started: false, seq: 0, lastTimestamp: 0, entries: [], expiresAt: 0 };
    this.touch(c);
    this.conversations.set(meta.conversationId, c);
    return true;
  }

  async getConversation(conversationId: string): Promise<ConversationInfo | undefined> {
    const c = this.live(conversationId);
    return c && { meta: structuredClone(c.meta), started: c.started, lastSeq: c.seq };
  }

  async markStarted(conversationId: string): Promise<boolean> {
    const c = this.live(conversationId);
    if (!c) throw notFound('There is no such conversation.');
    if (c.started) return false;
    c.started = true;
    this.touch(c);
    return true;
  }

  async append(conversationId: string, activity: NewChatActivity, options: AppendOptions = {}): Promise<LogEntry> {
    const c = this.live(conversationId);
    if (!c) throw notFound('There is no such conversation.');
    const seq = ++c.seq;
    c.lastTimestamp = Math.max(c.lastTimestamp, Date.now());
    const entry: LogEntry = {
      seq,
      activity: { ...structuredClone(activity), id: options.replacesId ?? activityIdFor(conversationId, seq), timestamp: new Date(c.lastTimestamp).toISOString() },
    };
    c.entries.push(entry);
    if (c.entries.length > this.options.maxActivities) c.entries.splice(0, c.entries.length - this.options.maxActivities);
    this.touch(c);
    const listeners = this.listeners.get(conversationId);
    if (listeners?.size) {
      // Asynchronous like the Redis one, so callers never depend on same-tick delivery.
      const copy = [...listeners];
      queueMicrotask(() => {
        for (const l of copy) if (listeners.has(l)) safeCall(l, structuredClone(entry));
      });
    }
    return structuredClone(entry);
  }

  async read(conversationId: string, afterSeq: number, limit: number): Promise<LogEntry[]> {
    const c = this.live(conversationId);
    if (!c || limit <= 0) return [];
    const entries = c.entries;
    // Entries are in seq order: binary search for the first one after the watermark.
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (entries[mid]!.seq <= afterSeq) lo = mid + 1;
      else hi = mid;
    }
    return structuredClone(entries.slice(lo, lo + limit));
  }

  async subscribe(conversationId: string, listener: LogListener, _options?: SubscribeOptions): Promise<Unsubscribe> {
    let set = this.listeners.get(conversationId);
    if (!set) this.listeners.set(conversationId, (set = new Set()));
    // A wrapper per call, so subscribing the same function twice means two subscriptions.
    const wrapped: LogListener = (e) => listener(e);
    set.add(wrapped);
    return async () => {
      set.delete(wrapped);
      if (set.size === 0 && this.listeners.get(conversationId) === set) this.listeners.delete(conversationId);
    };
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.listeners.clear();
  }
}

function safeCall(listener: LogListener, entry: LogEntry): void {
  try {
    listener(entry);
  } catch {
    // A failing follower must not stop delivery to the others.
  }
}
