import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../../platform/logger';
import { LEVELS, type LevelOverride, type LogLevels } from './logLevels';

/** Tells the other instances about a level change made here. */
export interface LogLevelSync {
  /** Shares a module's new override (undefined = removed). */
  publish(module: string, override: LevelOverride | undefined): Promise<void>;
  close(): Promise<void>;
}

/** One instance: nothing to tell. */
export const localLogLevelSync = (): LogLevelSync => ({ publish: async () => undefined, close: async () => undefined });

const overrideSchema = z.object({ module: z.string().min(1).max(100), level: z.enum(LEVELS), expiresAt: z.iso.datetime().optional() });
const messageSchema = z.object({ origin: z.string(), module: z.string().min(1).max(100), override: overrideSchema.nullable() });

/**
 * Runtime log levels shared by every instance through Redis: the overrides live in a hash (a
 * new instance starts with them) and each change is published on a channel that every
 * instance applies. Expiries are absolute times, so all instances revert together.
 */
export class RedisLogLevelSync implements LogLevelSync {
  private readonly origin = randomUUID();
  private readonly key: string;
  private readonly channel: string;
  private readonly onMessage = (channel: string, raw: string) => {
    if (channel !== this.channel) return;
    try {
      const m = messageSchema.parse(JSON.parse(raw));
      if (m.origin === this.origin) return;
      this.levels.apply(m.module, m.override ?? undefined);
      this.logger.info({ logModule: m.module, level: m.override?.level ?? 'default', expiresAt: m.override?.expiresAt }, 'log level changed by another instance');
    } catch (err) {
      this.logger.warn({ err }, 'ignored a malformed log level message');
    }
  };

  /**
   * @param redis commands (shared connection)
   * @param subscriber a connection of its own for the subscription (e.g. `redis.duplicate()`); the caller closes it
   */
  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly levels: LogLevels,
    private readonly logger: Logger,
    prefix = '',
  ) {
    this.key = `${prefix}ops:loglevels`;
    this.channel = `${prefix}ops:loglevels`;
  }

  /** Loads the overrides in force and follows changes. */
  async start(): Promise<void> {
    this.subscriber.on('message', this.onMessage);
    await this.subscriber.subscribe(this.channel);
    const stored = await this.redis.hgetall(this.key);
    for (const [module, raw] of Object.entries(stored)) {
      const parsed = overrideSchema.safeParse(safeJson(raw));
      if (parsed.success) this.levels.apply(module, parsed.data);
    }
  }

  async publish(module: string, override: LevelOverride | undefined): Promise<void> {
    const pipe = this.redis.multi();
    if (override) pipe.hset(this.key, module, JSON.stringify(override));
    else pipe.hdel(this.key, module);
    pipe.publish(this.channel, JSON.stringify({ origin: this.origin, module, override: override ?? null }));
    await pipe.exec();
  }

  async close(): Promise<void> {
    this.subscriber.off('message', this.onMessage);
    await this.subscriber.unsubscribe(this.channel).catch(() => undefined);
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
