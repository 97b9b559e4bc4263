/**
 * An append-only stream of events that several consumers can follow (the internal event
 * stream: carrier updates → the bot's proactive notifications). Implementations: memory and
 * Redis Streams; both pass test/contracts/eventStream.contract.ts.
 */
export interface StreamEntry<T> {
  /** Opaque, ordered id assigned by the stream. */
  id: string;
  event: T;
}

export interface EventStream<T> {
  /** Appends an event; resolves with its id. */
  publish(event: T): Promise<string>;
  /** Entries after `afterId` (exclusive; `undefined` = from the start), oldest first. */
  read(afterId?: string, count?: number): Promise<StreamEntry<T>[]>;
  /**
   * Delivers every entry published after the call (or after `afterId` when given) to
   * `handler`, in order. Returns a function that stops the subscription.
   */
  subscribe(handler: (entry: StreamEntry<T>) => void | Promise<void>, opts?: { afterId?: string }): () => void;
  close(): Promise<void>;
}
