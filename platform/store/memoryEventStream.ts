import type { EventStream, StreamEntry } from './eventStream';

/** In-memory {@link EventStream}, capped to the newest `maxLength` entries. */
export class MemoryEventStream<T> implements EventStream<T> {
  private readonly entries: StreamEntry<T>[] = [];
  private readonly listeners = new Set<(e: StreamEntry<T>) => void>();
  private readonly stops = new Set<() => void>();
  private seq = 0;

  constructor(private readonly maxLength = 10_000) {}

  async publish(event: T): Promise<string> {
    const entry = { id: String(++this.seq).padStart(12, '0'), event: structuredClone(event) };
    this.entries.push(entry);
    if (this.entries.length > this.maxLength) this.entries.splice(0, this.entries.length - this.maxLength);
    for (const l of this.listeners) l(entry);
    return entry.id;
  }

  async read(afterId?: string, count = 100): Promise<StreamEntry<T>[]> {
    // Copies, like the Redis twin: a reader mutating an entry must not change the stream.
    return structuredClone(this.entries.filter((e) => afterId === undefined || e.id > afterId).slice(0, count));
  }

  subscribe(handler: (entry: StreamEntry<T>) => void | Promise<void>, opts: { afterId?: string } = {}): () => void {
    let active = true;
    // Deliver in order even when the handler is async: chain on one promise. Entries still queued
    // when the subscription stops are dropped, as they would be on Redis.
    let chain = Promise.resolve();
    const deliver = (e: StreamEntry<T>) => {
      chain = chain.then(() => (active ? handler(structuredClone(e)) : undefined)).catch(() => undefined);
    };
    if (opts.afterId !== undefined) for (const e of this.entries) if (e.id > opts.afterId) deliver(e);
    this.listeners.add(deliver);
    const stop = () => {
      active = false;
      this.listeners.delete(deliver);
      this.stops.delete(stop);
    };
    this.stops.add(stop);
    return stop;
  }

  async close(): Promise<void> {
    for (const stop of [...this.stops]) stop();
  }
}
