import { Redis } from 'ioredis';
import type { Logger } from './logger';

/** Default of `REDIS_COMMAND_TIMEOUT_MS`. */
export const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 2000;

/**
 * Opens a Redis connection that fails fast instead of queueing forever when Redis is down or
 * hangs: every command gives up after `commandTimeoutMs`, so requests get an answer (503, see
 * {@link isStoreUnavailable}). Connections that block on purpose (`XREAD BLOCK`) duplicate it
 * with `commandTimeout: undefined`.
 */
export function connectRedis(url: string, logger?: Logger, name = 'main', commandTimeoutMs = DEFAULT_REDIS_COMMAND_TIMEOUT_MS): Redis {
  const redis = new Redis(url, {
    connectionName: `paw-${name}`,
    commandTimeout: commandTimeoutMs,
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    retryStrategy: (times) => Math.min(times * 100, 2000),
    lazyConnect: false,
  });
  redis.on('error', (err) => logger?.warn({ err: err.message, redis: name }, 'redis error'));
  return redis;
}

const UNAVAILABLE_MESSAGES = new Set(['Command timed out', 'Connection is closed.', 'Stream isn\'t writeable and enableOfflineQueue options is false']);

/** Did a store call fail because Redis did not answer in time or is unreachable (not a bug of ours)? */
export function isStoreUnavailable(err: unknown): boolean {
  const e = err as { name?: string; message?: string; code?: string } | undefined;
  if (!e) return false;
  return e.name === 'MaxRetriesPerRequestError' || UNAVAILABLE_MESSAGES.has(e.message ?? '') || e.code === 'ECONNREFUSED';
}
