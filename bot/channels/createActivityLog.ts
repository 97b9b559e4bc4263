import type { Redis } from 'ioredis';
import type { Config } from '../../bin/config';
import type { Logger } from '../../platform/logger';
import type { ActivityLog } from './activityLog';
import { MemoryActivityLog } from './memoryActivityLog';
import { RedisActivityLog } from './redisActivityLog';

/**
 * The activity log `STORE` asks for: Redis (shared by all instances; give the connection,
 * e.g. `connectRedis(config.REDIS_URL)`) or memory (one process).
 */
export function createActivityLog(config: Config, logger: Logger, redis?: Redis): ActivityLog {
  const options = { retentionSeconds: config.DIRECTLINE_RETENTION_SECONDS, maxActivities: config.DIRECTLINE_MAX_ACTIVITIES };
  if (config.STORE === 'redis') {
    if (!redis) throw new Error('STORE=redis needs a Redis connection for the activity log');
    return new RedisActivityLog(redis, { ...options, prefix: config.REDIS_PREFIX, logger, commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS });
  }
  return new MemoryActivityLog(options);
}
