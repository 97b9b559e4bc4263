import { ShipmentEvent } from '../../contracts/shipping';
import type { Logger } from '../../platform/logger';
import type { StreamEntry } from '../../platform/store/eventStream';
import type { StreamGroup } from '../../platform/store/streamGroup';
import type { DeliveryOutcome, ProactiveSender } from './proactiveSender';
import { shipmentNotice } from './shipmentNotice';

export interface ShipmentNotifierOptions {
  /** The shipping event stream's consumer group (every instance reads the same group). */
  group: StreamGroup<ShipmentEvent>;
  /** This instance's consumer name in the group. */
  consumer: string;
  sender: ProactiveSender;
  logger: Logger;
  /** How long one read waits for events (default 2 000 ms). */
  blockMs?: number;
  /** Each handled entry (metrics, benchmarks): what came of it, or why it is left pending. */
  onHandled?: (entry: StreamEntry<ShipmentEvent>, outcome: DeliveryOutcome | { kind: 'ignored' | 'failed' }) => void;
  now?: () => Date;
}

/**
 * Turns carrier milestones on the shipping event stream into customer messages. An entry is
 * acknowledged only once its message is in the activity log (or it needs none); one left
 * pending — the instance died, the send failed, another instance holds it, quiet hours — is
 * claimed again by some instance after the group's claim time. The {@link ProactiveSender}
 * makes the redelivery harmless.
 */
export class ShipmentNotifier {
  private running?: Promise<void>;
  private stopped = false;
  private readonly now: () => Date;

  constructor(private readonly o: ShipmentNotifierOptions) {
    this.now = o.now ?? (() => new Date());
  }

  /** Creates the group and starts consuming. */
  async start(): Promise<void> {
    await this.o.group.ready();
    this.running ??= this.loop();
  }

  /** One read (waiting up to `blockMs`) and its entries handled. @returns entries read */
  async pass(blockMs = this.o.blockMs ?? 2000): Promise<number> {
    const entries = await this.o.group.read(this.o.consumer, { count: 50, blockMs });
    // Orders are independent: their events are handled side by side, each order's in stream order.
    const byOrder = new Map<string, StreamEntry<ShipmentEvent>[]>();
    for (const e of entries) {
      const order = String((e.event as Partial<ShipmentEvent> | null)?.orderId ?? '');
      byOrder.set(order, [...(byOrder.get(order) ?? []), e]);
    }
    await Promise.all(
      [...byOrder.values()].map(async (list) => {
        for (const entry of list) {
          if (this.stopped) return;
          await this.handle(entry);
        }
      }),
    );
    return entries.length;
  }

  async close(): Promise<void> {
    this.stopped = true;
    await this.o.group.close();
    await this.running;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        await this.pass();
        failures = 0;
      } catch (err) {
        if (this.stopped) return;
        this.o.logger.warn({ err }, 'shipping event stream read failed; retrying');
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** failures++)));
      }
    }
  }

  private async handle(entry: StreamEntry<ShipmentEvent>): Promise<void> {
    const parsed = ShipmentEvent.safeParse(entry.event);
    const notice = parsed.success ? shipmentNotice(parsed.data, this.now()) : undefined;
    if (!parsed.success) this.o.logger.warn({ entryId: entry.id }, 'malformed shipping event skipped');
    if (!notice) {
      await this.o.group.ack([entry.id]);
      return this.o.onHandled?.(entry, { kind: 'ignored' });
    }
    let outcome: DeliveryOutcome;
    try {
      outcome = await this.o.sender.deliver(notice);
    } catch (err) {
      this.o.logger.warn({ err, entryId: entry.id, key: notice.key }, 'shipping update not delivered yet; it stays pending');
      return this.o.onHandled?.(entry, { kind: 'failed' });
    }
    if (outcome.kind !== 'busy' && outcome.kind !== 'quiet') await this.o.group.ack([entry.id]);
    this.o.onHandled?.(entry, outcome);
  }
}
