import type { Redis } from 'ioredis';
import type { StreamEntry } from './eventStream';
import type { StreamGroup, StreamGroupOptions } from './streamGroup';

type RawEntry = [id: string, fields: string[] | null];

/**
 * {@link StreamGroup} on a Redis Stream consumer group: `XAUTOCLAIM` takes over entries idle
 * for `claimIdleMs`, `XREADGROUP … >` reads new ones (blocking on a duplicated connection, so
 * the shared one never stalls), `XACK` acknowledges. Entries hold the event as JSON in field
 * `e`, as {@link RedisEventStream} writes them.
 */
export class RedisStreamGroup<T> implements StreamGroup<T> {
  private readonly claimIdleMs: number;
  private blocking: Redis | undefined;
  private closed = false;
  private created: Promise<void> | undefined;

  constructor(
    private readonly redis: Redis,
    readonly key: string,
    private readonly options: StreamGroupOptions,
  ) {
    this.claimIdleMs = options.claimIdleMs ?? 30_000;
  }

  ready(): Promise<void> {
    this.created ??= (this.redis.xgroup('CREATE', this.key, this.options.group, '$', 'MKSTREAM') as Promise<unknown>).then(
      () => undefined,
      (err: Error) => {
        if (!/BUSYGROUP/.test(err.message)) {
          this.created = undefined;
          throw err;
        }
      },
    );
    return this.created;
  }

  async read(consumer: string, opts: { count?: number; blockMs?: number } = {}): Promise<StreamEntry<T>[]> {
    const count = opts.count ?? 100;
    await this.ready();
    const deadline = Date.now() + (opts.blockMs ?? 0);
    for (;;) {
      if (this.closed) return [];
      const claimed = (await this.redis.xautoclaim(this.key, this.options.group, consumer, this.claimIdleMs, '0-0', 'COUNT', count)) as [string, RawEntry[]];
      const taken = toEntries<T>(claimed[1]);
      if (taken.length) return taken;
      // Blocks at most until something pending may have become claimable.
      const blockMs = Math.min(deadline - Date.now(), this.claimIdleMs);
      const conn = blockMs > 0 ? this.blockingConnection() : this.redis;
      const args: (string | number)[] = ['GROUP', this.options.group, consumer, 'COUNT', count, ...(blockMs > 0 ? ['BLOCK', Math.ceil(blockMs)] : []), 'STREAMS', this.key, '>'];
      try {
        const res = (await (conn.xreadgroup as (...a: (string | number)[]) => Promise<unknown>)(...args)) as [string, RawEntry[]][] | null;
        const fresh = toEntries<T>(res?.[0]?.[1] ?? []);
        if (fresh.length || Date.now() >= deadline) return fresh;
      } catch (err) {
        if (this.closed) return [];
        throw err;
      }
    }
  }

  async ack(ids: string[]): Promise<void> {
    if (ids.length) await this.redis.xack(this.key, this.options.group, ...ids);
  }

  async pending(): Promise<string[]> {
    const rows = (await this.redis.xpending(this.key, this.options.group, '-', '+', 10_000)) as [string, string, number, number][];
    return rows.map((r) => r[0]);
  }

  async close(): Promise<void> {
    this.closed = true;
    // Aborts a pending XREADGROUP BLOCK at once.
    this.blocking?.disconnect();
    this.blocking = undefined;
  }

  private blockingConnection(): Redis {
    if (!this.blocking) {
      this.blocking = this.redis.duplicate({ connectionName: 'paw-stream-group', lazyConnect: false, maxRetriesPerRequest: null, commandTimeout: undefined });
      this.blocking.on('error', () => undefined);
    }
    return this.blocking;
  }
}

/** Claimed entries deleted from the stream meanwhile come back with no fields: they are skipped. */
function toEntries<T>(rows: RawEntry[]): StreamEntry<T>[] {
  return rows.flatMap(([id, fields]) => {
    if (!fields) return [];
    const i = fields.indexOf('e');
    return [{ id, event: JSON.parse(fields[i + 1] ?? 'null') as T }];
  });
}
