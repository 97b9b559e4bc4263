import type { Redis } from 'ioredis';
import type { EventStream, StreamEntry } from './eventStream';

/** Redis Streams {@link EventStream}. (stub: being implemented) */
export class RedisEventStream<T> implements EventStream<T> {
  constructor(
    readonly redis: Redis,
    readonly url: string,
    readonly key: string,
  ) {}
  async publish(_event: T): Promise<string> {
    throw new Error('not implemented');
  }
  async read(): Promise<StreamEntry<T>[]> {
    return [];
  }
  subscribe(): () => void {
    return () => undefined;
  }
  async close(): Promise<void> {}
}
