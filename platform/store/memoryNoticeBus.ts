import { deliverNotice, type NoticeBus } from './noticeBus';

/** {@link NoticeBus} within one process (`STORE=memory`). Listeners run asynchronously, like Redis delivery. */
export class MemoryNoticeBus<T> implements NoticeBus<T> {
  private readonly listeners = new Set<(n: T) => void>();

  async publish(notice: T): Promise<void> {
    const copy = structuredClone(notice);
    queueMicrotask(() => deliverNotice(this.listeners, copy));
  }

  subscribe(listener: (notice: T) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
