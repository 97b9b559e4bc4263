import type { EventStream, StreamEntry } from './eventStream';

/** In-memory {@link EventStream}, capped to the newest `maxLength` entries. */
export class MemoryEventStream<T> implements EventStream<T> {
  private readonly entries: StreamEntry<T>[] = [];
  private readonly listeners = new Set<(e: StreamEntry<T>) => void>();
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
    return this.entries.filter((e) => afterId === undefined || e.id > afterId).slice(0, count);
  }

  subscribe(handler: (entry: StreamEntry<T>) => void | Promise<void>, opts: { afterId?: string } = {}): () => void {
    // Deliver in order even when the handler is async: chain on one promise.
    let chain = Promise.resolve();
    const deliver = (e: StreamEntry<T>) => {
      chain = chain.then(() => handler(e)).catch(() => undefined);
    };
    if (opts.afterId !== undefined) for (const e of this.entries) if (e.id > opts.afterId) deliver(e);
    this.listeners.add(deliver);
    return () => this.listeners.delete(deliver);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
