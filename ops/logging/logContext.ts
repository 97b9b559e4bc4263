import { AsyncLocalStorage } from 'node:async_hooks';

/** Ids every log line written while handling a request or a bot turn carries. */
export interface LogContext {
  requestId?: string;
  conversationId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `fn` (and everything it starts) with these ids added to the current ones. */
export function withLogContext<T>(ids: LogContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...ids }, fn);
}

/** The ids in force here (for the logger's mixin). */
export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}
