import type { ModelBus, ModelNotice } from './modelBus';

/** {@link ModelBus} within one process (`STORE=memory`). Listeners run asynchronously, like Redis delivery. */
export class MemoryModelBus implements ModelBus {
  private readonly listeners = new Set<(n: ModelNotice) => void>();

  async publish(notice: ModelNotice): Promise<void> {
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

  subscribe(listener: (notice: ModelNotice) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
