import type { Redis } from 'ioredis';
import type { Logger } from '../../platform/logger';
import { RedisNoticeBus } from '../../platform/store/redisNoticeBus';
import type { HubNotice } from './handoffBus';

/** The handoff bus on Redis pub/sub: channel `<prefix>handoff:bus`, shared by every instance. */
export class RedisHandoffBus extends RedisNoticeBus<HubNotice> {
  constructor(redis: Redis, options: { prefix?: string; logger?: Logger } = {}) {
    super(redis, `${options.prefix ?? ''}handoff:bus`, { logger: options.logger, name: 'handoff bus' });
  }
}
