import { Redis } from 'ioredis';
import type { Logger } from './logger';

/**
 * Opens a Redis connection that fails fast instead of queueing forever when Redis is down,
 * so readiness checks and requests get an answer.
 */
export function connectRedis(url: string, logger?: Logger, name = 'main'): Redis {
  const redis = new Redis(url, {
    connectionName: `paw-${name}`,
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    retryStrategy: (times) => Math.min(times * 100, 2000),
    lazyConnect: false,
  });
  redis.on('error', (err) => logger?.warn({ err: err.message, redis: name }, 'redis error'));
  return redis;
}
