import type { DocStore } from '../../platform/store/docStore';

/** The conversation a customer's proactive messages go to. */
export interface CustomerConversation {
  conversationId: string;
  /** A proactive message arrived there after the customer last wrote: their next chat opens it. */
  unseen: boolean;
}

const key = (customerId: string) => `proactive:conversation:${customerId}`;

/**
 * Remembers each customer's latest conversation (a customer gets a new one per chat opened),
 * so a proactive message finds "the customer's conversation", and whether it holds a message
 * the customer has not answered yet. On the {@link DocStore}: shared by every instance with
 * Redis. Contract: `test/contracts/proactiveStores.contract.ts`.
 */
export class CustomerConversations {
  /** @param ttlSeconds forgotten this long after the last change (the activity log's retention). */
  constructor(
    private readonly docs: DocStore,
    private readonly ttlSeconds: number,
  ) {}

  async latest(customerId: string): Promise<CustomerConversation | undefined> {
    return (await this.docs.get<CustomerConversation>(key(customerId)))?.value;
  }

  /** A new conversation of the customer: the latest one from now on. */
  async opened(customerId: string, conversationId: string): Promise<void> {
    await this.write(customerId, () => ({ conversationId, unseen: false }));
  }

  /**
   * Makes `conversationId` the latest only if the latest is still `expected` (undefined: none),
   * so two instances creating one for the same customer agree on one. @returns the latest now
   */
  async replaceIf(customerId: string, expected: string | undefined, conversationId: string): Promise<string> {
    const k = key(customerId);
    return this.docs.transact([k], (read) => {
      const cur = read<CustomerConversation>(k)?.value;
      if (cur && cur.conversationId !== expected) return { result: cur.conversationId };
      return { writes: [{ key: k, value: { conversationId, unseen: false } satisfies CustomerConversation, ttlSeconds: this.ttlSeconds }], result: conversationId };
    });
  }

  /** A proactive message went into `conversationId`. */
  async noticeSent(customerId: string, conversationId: string): Promise<void> {
    await this.write(customerId, () => ({ conversationId, unseen: true }));
  }

  /** The customer wrote in `conversationId`: they have seen what is there. */
  async seen(customerId: string, conversationId: string): Promise<void> {
    await this.write(customerId, (cur) => (cur?.conversationId === conversationId && cur.unseen ? { ...cur, unseen: false } : undefined));
  }

  private async write(customerId: string, next: (cur: CustomerConversation | undefined) => CustomerConversation | undefined): Promise<void> {
    const k = key(customerId);
    await this.docs.transact([k], (read) => {
      const value = next(read<CustomerConversation>(k)?.value);
      return { writes: value ? [{ key: k, value, ttlSeconds: this.ttlSeconds }] : [], result: null };
    });
  }
}
