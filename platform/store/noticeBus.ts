/**
 * Fire-and-forget fan-out of small notices to every instance (the publisher included): "the
 * queue changed", "a new model is active". The state itself lives in a store, so a lost notice
 * costs freshness, not data. Implementations: {@link ./memoryNoticeBus} (one process) and
 * {@link ./redisNoticeBus} (Redis pub/sub).
 */
export interface NoticeBus<T> {
  publish(notice: T): Promise<void>;
  /** Calls `listener` for every notice published after {@link ready} resolved. @returns unsubscribe */
  subscribe(listener: (notice: T) => void): () => void;
  /** Resolves when notices published from now on will be delivered. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Calls each listener with its own copy; one failing listener does not stop the others. */
export function deliverNotice<T>(listeners: Iterable<(n: T) => void>, notice: T): void {
  for (const l of [...listeners]) {
    try {
      l(structuredClone(notice));
    } catch {
      // A listener's failure is its own.
    }
  }
}
