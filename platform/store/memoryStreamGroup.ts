import type { EventStream, StreamEntry } from './eventStream';
import type { StreamGroup, StreamGroupOptions } from './streamGroup';

interface GroupState<T> {
  /** Id of the newest entry handed out; undefined until the group has seen the stream's end. */
  lastId: string | undefined;
  pending: Map<string, { entry: StreamEntry<T>; consumer: string; at: number }>;
  waiters: Set<() => void>;
  unsubscribe?: () => void;
}

/** Group state per stream and group name, so every consumer of one process shares it. */
const groups = new WeakMap<EventStream<unknown>, Map<string, GroupState<unknown>>>();

/**
 * In-memory {@link StreamGroup} over any {@link EventStream} of this process. Two objects made
 * for the same stream and group name share one group, like two instances on one Redis.
 */
export class MemoryStreamGroup<T> implements StreamGroup<T> {
  private readonly claimIdleMs: number;
  private closed = false;
  private readonly myWaiters = new Set<() => void>();

  constructor(
    private readonly stream: EventStream<T>,
    private readonly options: StreamGroupOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.claimIdleMs = options.claimIdleMs ?? 30_000;
  }

  private state(): GroupState<T> {
    let byName = groups.get(this.stream as EventStream<unknown>);
    if (!byName) groups.set(this.stream as EventStream<unknown>, (byName = new Map()));
    let s = byName.get(this.options.group) as GroupState<T> | undefined;
    if (!s) {
      s = { lastId: undefined, pending: new Map(), waiters: new Set() };
      const st = s;
      st.unsubscribe = this.stream.subscribe(() => {
        for (const w of [...st.waiters]) w();
      });
      byName.set(this.options.group, s as GroupState<unknown>);
    }
    return s;
  }

  async ready(): Promise<void> {
    const s = this.state();
    if (s.lastId !== undefined) return;
    let last = '';
    for (let page = await this.stream.read(undefined, 1000); page.length; page = await this.stream.read(last, 1000)) last = page.at(-1)!.id;
    s.lastId ??= last;
  }

  async read(consumer: string, opts: { count?: number; blockMs?: number } = {}): Promise<StreamEntry<T>[]> {
    const count = opts.count ?? 100;
    await this.ready();
    const deadline = this.now() + (opts.blockMs ?? 0);
    for (;;) {
      if (this.closed) return [];
      const got = await this.take(consumer, count);
      if (got.length) return got;
      const left = deadline - this.now();
      if (left <= 0) return [];
      await this.wait(Math.min(left, this.claimIdleMs));
    }
  }

  private async take(consumer: string, count: number): Promise<StreamEntry<T>[]> {
    const s = this.state();
    const now = this.now();
    const claimed: StreamEntry<T>[] = [];
    for (const [, p] of s.pending) {
      if (claimed.length >= count) break;
      if (now - p.at >= this.claimIdleMs) {
        p.consumer = consumer;
        p.at = now;
        claimed.push(structuredClone(p.entry));
      }
    }
    if (claimed.length) return claimed;
    const fresh = await this.stream.read(s.lastId || undefined, count);
    for (const e of fresh) {
      s.pending.set(e.id, { entry: e, consumer, at: now });
      s.lastId = e.id;
    }
    return structuredClone(fresh);
  }

  private wait(ms: number): Promise<void> {
    const s = this.state();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        s.waiters.delete(done);
        this.myWaiters.delete(done);
        resolve();
      };
      const t = setTimeout(done, ms);
      s.waiters.add(done);
      this.myWaiters.add(done);
    });
  }

  async ack(ids: string[]): Promise<void> {
    const s = this.state();
    for (const id of ids) s.pending.delete(id);
  }

  async pending(): Promise<string[]> {
    return [...this.state().pending.keys()].sort();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of [...this.myWaiters]) w();
  }
}
