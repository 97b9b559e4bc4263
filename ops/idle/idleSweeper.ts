import type { Logger } from '../../platform/logger';
import { PeriodicPass } from '../../platform/periodicPass';
import { closeIfIdle, type ConversationOutcome } from '../outcomes/conversationOutcome';
import type { OutcomeStore } from '../outcomes/outcomeStore';

export interface IdleSweeperOptions {
  store: OutcomeStore;
  /** A conversation with no customer message for this long is over. */
  idleMs: number;
  /** How often each instance looks. */
  intervalMs: number;
  /**
   * Asks the customer for a rating in a proactive turn. Called once per conversation this
   * instance closed, when the customer wrote something and was not asked yet.
   */
  askForRating: (conversationId: string) => Promise<void>;
  /** A conversation was closed by this instance (metrics). */
  onClosed?: (outcome: ConversationOutcome) => void;
  onError?: (err: unknown) => void;
  logger: Logger;
  now?: () => Date;
  /** Conversations closed per pass at most (default 100). */
  batch?: number;
}

/**
 * Closes conversations that went idle (`idle`, or `abandoned` when the bot's last word was a
 * fallback) and asks their customers for a rating. Every instance sweeps; the store's
 * compare-and-set makes exactly one of them close (and ask) each conversation.
 */
export class IdleSweeper {
  private readonly periodic: PeriodicPass<number>;

  constructor(private readonly o: IdleSweeperOptions) {
    this.periodic = new PeriodicPass(() => this.pass(), o.intervalMs);
  }

  start(): this {
    this.periodic.start();
    return this;
  }

  /** Stops sweeping and waits for a pass in progress. */
  async stop(): Promise<void> {
    await this.periodic.stop();
  }

  /** One pass (not overlapping another). @returns how many conversations this instance closed. */
  sweep(): Promise<number> {
    return this.periodic.run();
  }

  private async pass(): Promise<number> {
    const now = (this.o.now ?? (() => new Date()))();
    const before = new Date(now.getTime() - this.o.idleMs);
    let closed = 0;
    try {
      for (const id of await this.o.store.idleCandidates(before, this.o.batch ?? 100)) {
        const u = await this.o.store.update(id, (cur) => closeIfIdle(cur, before, now));
        if (!u.changed || !u.current) continue;
        closed++;
        this.o.onClosed?.(u.current);
        if (u.current.messages > 0 && !u.current.csat) {
          try {
            await this.o.askForRating(id);
          } catch (err) {
            // The chat may be gone (expired) or the customer's channel down: the outcome stands.
            this.o.logger.debug({ err, conversationId: id }, 'could not ask an idle conversation for a rating');
          }
        }
      }
    } catch (err) {
      this.o.logger.warn({ err }, 'idle sweep failed; retrying at the next interval');
      this.o.onError?.(err);
    }
    return closed;
  }
}
