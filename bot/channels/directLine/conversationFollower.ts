import type { ActivityLog, LogEntry, Unsubscribe } from '../activityLog';

export interface FollowOptions {
  /** Entries per catch-up read. */
  batch?: number;
  /** Called when reading the log fails; the follower stops. */
  onError?: (err: unknown) => void;
}

/** Stops following; `catchUp()` delivers whatever the log has that was not delivered yet (before a shutdown closes the stream). */
export type Follower = Unsubscribe & { catchUp(): Promise<void> };

/**
 * Streams a conversation from a watermark on: everything already logged after it, then every
 * new entry, each exactly once and in seq order. It subscribes before reading, so nothing
 * appended in between is lost, and re-reads the log whenever live delivery shows a gap.
 * @param deliver gets non-empty batches, in order; it must not throw.
 * @returns stop(), with catchUp()
 */
export async function followConversation(
  log: ActivityLog,
  conversationId: string,
  afterSeq: number,
  deliver: (entries: LogEntry[]) => void,
  options: FollowOptions = {},
): Promise<Follower> {
  const batch = options.batch ?? 200;
  let last = afterSeq;
  let stopped = false;
  let catching = false;
  let again = false;

  const catchUp = async (): Promise<void> => {
    if (catching) {
      again = true;
      return;
    }
    catching = true;
    try {
      do {
        again = false;
        for (;;) {
          const got = await log.read(conversationId, last, batch);
          if (stopped) return;
          const fresh = got.filter((e) => e.seq > last);
          if (fresh.length) {
            last = fresh[fresh.length - 1]!.seq;
            deliver(fresh);
          }
          if (got.length < batch) break;
        }
      } while (again && !stopped);
    } catch (err) {
      if (!stopped) {
        stopped = true;
        options.onError?.(err);
      }
    } finally {
      catching = false;
    }
  };

  const onEntry = (entry: LogEntry): void => {
    if (stopped) return;
    if (catching) {
      again = true; // the running read will pick it up
      return;
    }
    if (entry.seq <= last) return;
    if (entry.seq === last + 1) {
      last = entry.seq;
      deliver([entry]);
      return;
    }
    void catchUp();
  };

  const unsubscribe = await log.subscribe(conversationId, onEntry, { onResync: () => void catchUp() });
  await catchUp();
  const stop = async () => {
    stopped = true;
    await unsubscribe();
  };
  return Object.assign(stop, { catchUp });
}
