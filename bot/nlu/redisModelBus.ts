import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../../platform/logger';
import type { ModelBus, ModelNotice } from './modelBus';

const noticeSchema = z.object({ kind: z.literal('activated'), version: z.string().min(1), by: z.string(), at: z.string() });

/**
 * {@link ModelBus} on Redis pub/sub: one channel (`<prefix>models:bus`) shared by every
 * instance and by `npm run train -- --publish`, one extra subscriber connection per process.
 */
export class RedisModelBus implements ModelBus {
  private readonly channel: string;
  private readonly subscriber: Redis;
  private readonly listeners = new Set<(n: ModelNotice) => void>();
  private readonly subscribed: Promise<unknown>;

  constructor(
    private readonly redis: Redis,
    options: { prefix?: string; logger?: Logger } = {},
  ) {
    this.channel = `${options.prefix ?? ''}models:bus`;
    this.subscriber = redis.duplicate();
    this.subscriber.on('error', (err: Error) => options.logger?.warn({ err: err.message }, 'model bus subscriber error'));
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      let notice: ModelNotice;
      try {
        notice = noticeSchema.parse(JSON.parse(message));
      } catch {
        options.logger?.warn('unreadable model bus notice');
        return;
      }
      for (const l of [...this.listeners]) {
        try {
          l(structuredClone(notice));
        } catch {
          // One failing listener must not stop the others.
        }
      }
    });
    this.subscribed = this.subscriber.subscribe(this.channel);
    this.subscribed.catch((err: Error) => options.logger?.warn({ err: err.message }, 'model bus could not subscribe'));
  }

  async publish(notice: ModelNotice): Promise<void> {
    await this.redis.publish(this.channel, JSON.stringify(notice));
  }

  subscribe(listener: (notice: ModelNotice) => void): () => void {
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
