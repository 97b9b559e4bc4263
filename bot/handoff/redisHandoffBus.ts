import type { Redis } from 'ioredis';
import type { Logger } from '../../platform/logger';
import type { HandoffBus, HubNotice } from './handoffBus';

/**
 * {@link HandoffBus} on Redis pub/sub: one channel (`<prefix>handoff:bus`) shared by every
 * instance, one extra subscriber connection per instance.
 */
export class RedisHandoffBus implements HandoffBus {
  private readonly channel: string;
  private readonly subscriber: Redis;
  private readonly listeners = new Set<(n: HubNotice) => void>();
  private readonly subscribed: Promise<unknown>;

  constructor(
    private readonly redis: Redis,
    options: { prefix?: string; logger?: Logger } = {},
  ) {
    this.channel = `${options.prefix ?? ''}handoff:bus`;
    this.subscriber = redis.duplicate();
    this.subscriber.on('error', (err: Error) => options.logger?.warn({ err: err.message }, 'handoff bus subscriber error'));
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      let notice: HubNotice;
      try {
        notice = JSON.parse(message) as HubNotice;
      } catch {
        options.logger?.warn('unreadable handoff bus notice');
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
    this.subscribed.catch((err: Error) => options.logger?.warn({ err: err.message }, 'handoff bus could not subscribe'));
  }

  async publish(notice: HubNotice): Promise<void> {
    await this.redis.publish(this.channel, JSON.stringify(notice));
  }

  subscribe(listener: (notice: HubNotice) => void): () => void {
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
