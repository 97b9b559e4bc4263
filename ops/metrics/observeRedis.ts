import type { Redis } from 'ioredis';
import type { OpsMetrics } from './opsMetrics';

/** Counts a Redis connection's errors (lost connection, refused, failed commands it reports) as `paw_redis_errors_total{connection}`. */
export function observeRedis(metrics: OpsMetrics, redis: Redis, connection: string): () => void {
  const onError = () => metrics.redisErrors.inc({ connection });
  redis.on('error', onError);
  return () => void redis.off('error', onError);
}
