import type { Subscription } from '../../contracts/subscriptions';
import { addDays, isoDay } from '../../platform/dates';
import type { Logger } from '../../platform/logger';
import { PeriodicPass } from '../../platform/periodicPass';
import type { DeliveryOutcome, ProactiveSender } from './proactiveSender';
import { reminderNotice } from './reminderNotice';

export interface RenewalRemindersOptions {
  /** Active subscriptions with a delivery in `[from, to]` (the subscriptions API). */
  upcoming: (from: string, to: string) => Promise<Subscription[]>;
  sender: ProactiveSender;
  /** The reminder goes out this many days before the delivery (or later, up to the day before, if it could not earlier). */
  daysBefore: number;
  /** How often each instance looks. */
  intervalMs: number;
  logger: Logger;
  now?: () => Date;
  /** Reminders sent at once (default 8). */
  concurrency?: number;
  onOutcome?: (sub: Subscription, outcome: DeliveryOutcome | { kind: 'failed' }) => void;
}

/** What one pass did. */
export interface SweepResult {
  due: number;
  sent: number;
}

/**
 * Reminds customers before each autoship delivery. Every instance sweeps; the notice ledger
 * gives each reminder (subscription + delivery date) one claim across instances, so it is sent
 * once, and a skipped delivery's new date gets its own reminder in its turn. Paused and cancelled
 * subscriptions have no upcoming delivery in the API's answer.
 */
export class RenewalReminders {
  private readonly periodic: PeriodicPass<SweepResult>;
  private readonly now: () => Date;

  constructor(private readonly o: RenewalRemindersOptions) {
    this.now = o.now ?? (() => new Date());
    this.periodic = new PeriodicPass(() => this.pass(), o.intervalMs);
  }

  start(): this {
    if (this.o.daysBefore <= 0) return this;
    this.periodic.start();
    void this.sweep();
    return this;
  }

  async stop(): Promise<void> {
    await this.periodic.stop();
  }

  /** One pass (never two at once in an instance). */
  sweep(): Promise<SweepResult> {
    return this.periodic.run();
  }

  private async pass(): Promise<SweepResult> {
    const today = isoDay(this.now());
    let due: Subscription[];
    try {
      due = this.o.daysBefore > 0 ? await this.o.upcoming(addDays(today, 1), addDays(today, this.o.daysBefore)) : [];
    } catch (err) {
      this.o.logger.warn({ err }, 'could not look up upcoming deliveries; retrying at the next interval');
      return { due: 0, sent: 0 };
    }
    let sent = 0;
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const sub = due[next++]!;
        try {
          const outcome = await this.o.sender.deliver(reminderNotice(sub, today));
          if (outcome.kind === 'sent') sent++;
          this.o.onOutcome?.(sub, outcome);
        } catch (err) {
          this.o.logger.warn({ err, subscriptionId: sub.id }, 'renewal reminder not sent; retrying at the next interval');
          this.o.onOutcome?.(sub, { kind: 'failed' });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency ?? 8, due.length) }, worker));
    return { due: due.length, sent };
  }
}
