import type { HandoffBus, HubNotice } from './handoffBus';

/** {@link HandoffBus} within one process (`STORE=memory`). Listeners run asynchronously, like Redis delivery. */
export class MemoryHandoffBus implements HandoffBus {
  private readonly listeners = new Set<(n: HubNotice) => void>();

  async publish(notice: HubNotice): Promise<void> {
    const copy = structuredClone(notice);
    for (const l of [...this.listeners]) {
      queueMicrotask(() => {
        try {
          l(structuredClone(copy));
        } catch {
          // One failing listener must not stop the others.
        }
      });
    }
  }

  subscribe(listener: (notice: HubNotice) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
