import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../../platform/logger';
import { RedisNoticeBus } from '../../platform/store/redisNoticeBus';
import type { ModelNotice } from './modelBus';

const noticeSchema = z.object({ kind: z.literal('activated'), version: z.string().min(1), by: z.string(), at: z.string() });

/** The model bus on Redis pub/sub: channel `<prefix>models:bus`, shared by every instance and the CLI. */
export class RedisModelBus extends RedisNoticeBus<ModelNotice> {
  constructor(redis: Redis, options: { prefix?: string; logger?: Logger } = {}) {
    super(redis, `${options.prefix ?? ''}models:bus`, { parse: (raw) => noticeSchema.parse(raw), logger: options.logger, name: 'model bus' });
  }
}
