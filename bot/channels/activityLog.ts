/**
 * The storage port of the web chat channel: every conversation's activities, in order.
 *
 * The log assigns each appended activity a sequence number (1, 2, 3… per conversation), an id
 * `<conversationId>|0000001` and a server timestamp that never goes backwards. Readers ask for
 * everything after a sequence number (the clients' opaque watermark); followers subscribe to
 * a conversation and get each new entry once, in order. A conversation and its history expire
 * `retentionSeconds` after their last write; only the newest `maxActivities` are kept.
 *
 * Implementations: {@link ./memoryActivityLog} and {@link ./redisActivityLog} (shared by every
 * server instance: one sees what another appended). Contract: `test/contracts/activityLog.contract.ts`.
 */

/** A participant as the clients see it. */
export interface ChatAccount {
  id: string;
  name?: string;
  role: 'user' | 'bot';
}

/** What is appended (Bot Framework JSON, without botbuilder types): the log adds `id` and `timestamp`. */
export interface NewChatActivity {
  type: string;
  from: ChatAccount;
  conversation: { id: string };
  channelData?: Record<string, unknown>;
  [key: string]: unknown;
}

/** An activity as stored and sent to clients. */
export interface ChatActivity extends NewChatActivity {
  id: string;
  /** ISO 8601, assigned by the log. */
  timestamp: string;
}

export interface LogEntry {
  seq: number;
  activity: ChatActivity;
}

/** Who a conversation belongs to, fixed when it is created. */
export interface ConversationMeta {
  conversationId: string;
  /** The Direct Line user id (`from.id` of every user activity). */
  userId: string;
  /** The shop's customer, or null for an anonymous visitor. */
  customerId: string | null;
  name?: string;
  /** ISO 8601. */
  createdAt: string;
}

export interface ConversationInfo {
  meta: ConversationMeta;
  /** Has the bot been told the user joined? */
  started: boolean;
  /** Sequence number of the newest activity; 0 when there is none. */
  lastSeq: number;
}

export interface AppendOptions {
  /** Publish a new version of this earlier activity (same id, e.g. an edited message). */
  replacesId?: string;
}

export interface SubscribeOptions {
  /** Called when live delivery may have missed entries (e.g. after a reconnect to Redis): re-read. */
  onResync?: () => void;
}

export type LogListener = (entry: LogEntry) => void;
export type Unsubscribe = () => Promise<void>;

export interface ActivityLog {
  /** Creates a conversation; false (and nothing changes) when the id is taken. */
  createConversation(meta: ConversationMeta): Promise<boolean>;
  getConversation(conversationId: string): Promise<ConversationInfo | undefined>;
  /**
   * Marks the conversation started. True only for the one caller that started it, across all
   * instances sharing the store; false when already started.
   * @throws AppError 404 when the conversation does not exist.
   */
  markStarted(conversationId: string): Promise<boolean>;
  /**
   * Appends an activity, assigning seq, id and timestamp; followers are told.
   * @throws AppError 404 when the conversation does not exist (or expired).
   */
  append(conversationId: string, activity: NewChatActivity, options?: AppendOptions): Promise<LogEntry>;
  /** Up to `limit` entries with `seq > afterSeq`, oldest first. Unknown conversation → []. */
  read(conversationId: string, afterSeq: number, limit: number): Promise<LogEntry[]>;
  /**
   * Delivers each entry appended after the returned promise resolves, once and in seq order
   * (entries appended concurrently with the call may or may not be delivered: read to catch up).
   */
  subscribe(conversationId: string, listener: LogListener, options?: SubscribeOptions): Promise<Unsubscribe>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface ActivityLogOptions {
  /** History and metadata expire this long after the conversation's last write. */
  retentionSeconds: number;
  /** Older activities beyond this count are dropped. */
  maxActivities: number;
}

/** `conv|0000042`: the id the log gives the entry with sequence number 42. */
export function activityIdFor(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

/** The sequence number inside an id made by {@link activityIdFor} for this conversation, else undefined. */
export function seqOfActivityId(conversationId: string, id: string): number | undefined {
  const prefix = `${conversationId}|`;
  if (!id.startsWith(prefix)) return undefined;
  const rest = id.slice(prefix.length);
  if (!/^\d{7,15}$/.test(rest)) return undefined;
  const n = Number(rest);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
