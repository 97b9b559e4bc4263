import type { StreamEntry } from './eventStream';

/**
 * A consumer group on an {@link EventStream}: every entry goes to one consumer of the group
 * (not to each), stays pending until that consumer acknowledges it, and is handed to another
 * consumer (claimed) when it stays unacknowledged for `claimIdleMs`, e.g. because the instance
 * that read it died. Delivery is at-least-once; consumers make their effect idempotent.
 *
 * Implementations: memory (consumers in one process share the group) and Redis Streams
 * (`XREADGROUP`, `XACK`, `XAUTOCLAIM`; consumers in every instance share it). Contract:
 * `test/contracts/streamGroup.contract.ts`.
 */
export interface StreamGroup<T> {
  /** Creates the group if it does not exist yet (at the stream's end: older entries are not delivered). */
  ready(): Promise<void>;
  /**
   * Up to `count` entries for `consumer`: first entries left pending by anyone for at least
   * `claimIdleMs` (now claimed by `consumer`), else new ones. Waits up to `blockMs` when there
   * are none; resolves with [] then (or when the group is closed).
   */
  read(consumer: string, opts?: { count?: number; blockMs?: number }): Promise<StreamEntry<T>[]>;
  /** Marks entries done: they are never delivered again. */
  ack(ids: string[]): Promise<void>;
  /** Ids read by some consumer and not acknowledged yet. */
  pending(): Promise<string[]>;
  /** Stops waiting reads (the stream itself belongs to the caller). */
  close(): Promise<void>;
}

export interface StreamGroupOptions {
  /** The group's name: consumers with the same name share the work. */
  group: string;
  /** An entry unacknowledged this long is claimed by the next reader (default 30 000 ms). */
  claimIdleMs?: number;
}
