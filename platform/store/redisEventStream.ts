import type { Redis } from 'ioredis';
import type { EventStream, StreamEntry } from './eventStream';

export interface RedisEventStreamOptions {
  /** Approximate cap on the stream length (`XADD MAXLEN ~`); default 10 000. */
  maxLength?: number;
  /** How long one `XREAD BLOCK` waits before polling again (ms); default 5 000. */
  blockMs?: number;
  /** Entries fetched per read; default 100. */
  batchSize?: number;
}

type RawEntry = [id: string, fields: string[]];

/**
 * {@link EventStream} on a Redis Stream: `XADD` with an approximate `MAXLEN` cap, `XRANGE` for
 * reads, and one `XREAD BLOCK` loop per subscription on its own duplicated connection, because
 * a blocking call would stall every other command queued on the shared one. Each entry stores
 * the event as JSON in field `e`.
 *
 * The shared connection belongs to the caller; {@link close} only stops subscriptions.
 */
export class RedisEventStream<T> implements EventStream<T> {
  private readonly maxLength: number;
  private readonly blockMs: number;
  private readonly batchSize: number;
  private readonly subscriptions = new Set<() => void>();

  /**
   * @param redis shared connection for publish/read (duplicated for subscriptions)
   * @param url the Redis URL (kept for diagnostics; connections are duplicated from `redis`)
   * @param key the stream key, prefix included
   */
  constructor(
    private readonly redis: Redis,
    readonly url: string,
    readonly key: string,
    opts: RedisEventStreamOptions = {},
  ) {
    this.maxLength = opts.maxLength ?? 10_000;
    this.blockMs = opts.blockMs ?? 5_000;
    this.batchSize = opts.batchSize ?? 100;
  }

  async publish(event: T): Promise<string> {
    const id = await this.redis.xadd(this.key, 'MAXLEN', '~', this.maxLength, '*', 'e', JSON.stringify(event));
    if (!id) throw new Error('XADD returned no id');
    return id;
  }

  async read(afterId?: string, count = 100): Promise<StreamEntry<T>[]> {
    const rows = (await this.redis.xrange(this.key, afterId === undefined ? '-' : `(${afterId}`, '+', 'COUNT', count)) as RawEntry[];
    return rows.map(toEntry<T>);
  }

  subscribe(handler: (entry: StreamEntry<T>) => void | Promise<void>, opts: { afterId?: string } = {}): () => void {
    let stopped = false;
    let conn: Redis | undefined;
    let wake: (() => void) | undefined;
    // Queued on the shared connection now, so it runs before any publish this process makes after
    // subscribe() returns: those are then delivered, as the interface promises.
    const tail = () => (this.redis.xrevrange(this.key, '+', '-', 'COUNT', 1) as Promise<RawEntry[]>).then((rows) => rows[0]?.[0] ?? '0-0');
    const start = opts.afterId !== undefined ? Promise.resolve(opts.afterId) : tail();
    start.catch(() => undefined);

    const stop = () => {
      if (stopped) return;
      stopped = true;
      this.subscriptions.delete(stop);
      wake?.();
      // Aborts a pending XREAD BLOCK at once instead of waiting for it to time out.
      conn?.disconnect();
    };
    this.subscriptions.add(stop);

    const pause = (ms: number) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });

    const loop = async () => {
      let lastId: string | undefined;
      for (let attempt = 0; lastId === undefined; attempt++) {
        try {
          lastId = attempt === 0 ? await start : await tail();
        } catch {
          if (stopped) return;
          await pause(Math.min(2000, 100 * 2 ** attempt));
          if (stopped) return;
        }
      }
      if (stopped) return;
      conn = this.redis.duplicate({ connectionName: 'paw-stream-subscriber', lazyConnect: false, maxRetriesPerRequest: null, commandTimeout: undefined });
      conn.on('error', () => undefined); // reconnects on its own; the loop below retries
      let failures = 0;
      while (!stopped) {
        let res: [string, RawEntry[]][] | null;
        try {
          res = (await conn.xread('COUNT', this.batchSize, 'BLOCK', this.blockMs, 'STREAMS', this.key, lastId)) as [string, RawEntry[]][] | null;
          failures = 0;
        } catch {
          if (stopped) return;
          await pause(Math.min(2000, 100 * 2 ** failures++));
          continue;
        }
        for (const raw of res?.[0]?.[1] ?? []) {
          if (stopped) return;
          lastId = raw[0];
          try {
            await handler(toEntry<T>(raw));
          } catch {
            // A failing handler must not stop the stream for the others; it owns its errors.
          }
        }
      }
    };
    void loop();
    return stop;
  }

  async close(): Promise<void> {
    for (const stop of [...this.subscriptions]) stop();
  }
}

function toEntry<T>([id, fields]: RawEntry): StreamEntry<T> {
  const i = fields.indexOf('e');
  return { id, event: JSON.parse(fields[i + 1] ?? 'null') as T };
}
