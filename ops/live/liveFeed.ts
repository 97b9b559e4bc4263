import type { Logger } from '../../platform/logger';

/** An agent on the live panel. */
export interface LiveAgent {
  username: string;
  displayName: string;
  /** Chats they have now, and how many they take at once. */
  load: number;
  capacity: number;
}

/** What the live panel shows: the handoff queue and the agents online, right now. */
export interface LiveState {
  /** ISO 8601: when this was read. */
  at: string;
  /** Customers waiting for an agent. */
  queueLength: number;
  /** How long the customer waiting longest has waited (ms); null with an empty queue. */
  longestWaitMs: number | null;
  /** Agents online (connected and not away), with their load. */
  agents: LiveAgent[];
}

/** Reads the current state (from the handoff hub's shared store). */
export type LiveReader = () => Promise<Omit<LiveState, 'at'>>;

export interface LiveFeedOptions {
  read: LiveReader;
  /** Subscribes to "something changed" (the hub's events on this instance); @returns unsubscribe. */
  onChange?: (listener: () => void) => () => void;
  /** Also re-read this often while someone watches (other instances' changes, the growing wait). */
  intervalMs: number;
  logger: Logger;
  now?: () => Date;
}

type Listener = (state: LiveState) => void;

/**
 * The live panel's feed: one reader for every watcher, re-read when this instance's hub reports a
 * change (debounced) and every `intervalMs` while anyone watches; watchers get each state that
 * differs from the previous one (and at least every interval, so the wait keeps growing).
 */
export class LiveFeed {
  private readonly listeners = new Set<Listener>();
  private timer?: NodeJS.Timeout;
  private pending?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private reading = false;
  private again = false;

  constructor(private readonly o: LiveFeedOptions) {}

  /** The state now. */
  async current(): Promise<LiveState> {
    return { at: (this.o.now?.() ?? new Date()).toISOString(), ...(await this.o.read()) };
  }

  /** Calls `listener` with each new state; the first arrives at once. @returns unsubscribe */
  watch(listener: Listener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) {
      this.timer = setInterval(() => this.refresh(), this.o.intervalMs);
      this.timer.unref();
      this.unsubscribe = this.o.onChange?.(() => this.soon());
    }
    void this.current().then(
      (s) => this.listeners.has(listener) && listener(s),
      (err: unknown) => this.o.logger.warn({ err }, 'could not read the live state'),
    );
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Stops the timers (every watcher is dropped). */
  close(): void {
    this.listeners.clear();
    this.stop();
  }

  private stop(): void {
    clearInterval(this.timer);
    clearTimeout(this.pending);
    this.timer = this.pending = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Several events in a burst make one read. */
  private soon(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.refresh();
    }, 50);
    this.pending.unref();
  }

  private refresh(): void {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    this.current()
      .then((s) => {
        for (const l of this.listeners) l(s);
      })
      .catch((err: unknown) => this.o.logger.warn({ err }, 'could not read the live state'))
      .finally(() => {
        this.reading = false;
        if (this.again) {
          this.again = false;
          this.refresh();
        }
      });
  }
}
