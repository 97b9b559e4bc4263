import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { deliverNotice, type NoticeBus } from './noticeBus';

export interface RedisNoticeBusOptions<T> {
  /** Validates an incoming notice (throws when it is not one); default: trust the JSON. */
  parse?: (raw: unknown) => T;
  logger?: Logger;
  /** For log lines, e.g. "handoff bus". */
  name?: string;
}

/**
 * {@link NoticeBus} on Redis pub/sub: one channel shared by every instance, one extra
 * subscriber connection per bus.
 */
export class RedisNoticeBus<T> implements NoticeBus<T> {
  private readonly subscriber: Redis;
  private readonly listeners = new Set<(n: T) => void>();
  private readonly subscribed: Promise<unknown>;

  constructor(
    private readonly redis: Redis,
    private readonly channel: string,
    options: RedisNoticeBusOptions<T> = {},
  ) {
    const name = options.name ?? 'notice bus';
    const parse = options.parse ?? ((raw: unknown) => raw as T);
    this.subscriber = redis.duplicate();
    this.subscriber.on('error', (err: Error) => options.logger?.warn({ err: err.message }, `${name} subscriber error`));
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      let notice: T;
      try {
        notice = parse(JSON.parse(message));
      } catch {
        options.logger?.warn(`unreadable ${name} notice`);
        return;
      }
      deliverNotice(this.listeners, notice);
    });
    this.subscribed = this.subscriber.subscribe(this.channel);
    this.subscribed.catch((err: Error) => options.logger?.warn({ err: err.message }, `${name} could not subscribe`));
  }

  async publish(notice: T): Promise<void> {
    await this.redis.publish(this.channel, JSON.stringify(notice));
  }

  subscribe(listener: (notice: T) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  async ready(): Promise<void> {
    await this.subscribed;
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.subscriber.disconnect();
  }
}
