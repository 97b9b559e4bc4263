/** "The active model changed": every instance reloads it from the registry. */
export interface ModelNotice {
  kind: 'activated';
  version: string;
  by: string;
  at: string;
}

/**
 * Fire-and-forget fan-out of {@link ModelNotice}s to every instance (the publisher included).
 * Implementations: {@link ./memoryModelBus} (one process) and {@link ./redisModelBus} (Redis
 * pub/sub); both pass `test/contracts/modelBus.contract.ts`. The registry holds the truth: a
 * lost notice is caught up by each instance's periodic check of the active version.
 */
export interface ModelBus {
  publish(notice: ModelNotice): Promise<void>;
  /** Calls `listener` for every notice published after {@link ready} resolved. @returns unsubscribe */
  subscribe(listener: (notice: ModelNotice) => void): () => void;
  /** Resolves when notices published from now on will be delivered. */
  ready(): Promise<void>;
  close(): Promise<void>;
}
