import { ActionTypes } from 'botbuilder';
import type { CustomerLink } from './customerLink';
import { estimateWaitMs, onlineAgents } from './estimateWait';
import type { AgentRecord, HandoffConversation } from './handoffRecords';
import { handoffReplies, KEEP_WAITING, LEAVE_MESSAGE } from './handoffReplies';
import type { PositionChange } from './handoffStore';
import type { HubContext } from './hubContext';

export interface QueueAnnouncerOptions {
  /** A customer waiting longer than this is offered to leave a message. */
  maxWaitMs: number;
  /** Handle time assumed for estimates until agents have ended some chats. */
  defaultHandleMs: number;
  /** Moved customers are told their new position this long after the first change of a burst (default 500 ms). */
  positionUpdateDelayMs?: number;
  /** How often the wait limit is checked (default: a quarter of it, at most 5 s). */
  tickMs?: number;
}

/**
 * What waiting customers hear about the queue: their position and estimated wait (once per burst
 * of changes), the offer to leave a message when nobody is online or the wait is too long (the
 * wait timer), and the consoles' queue refresh.
 */
export class QueueAnnouncer {
  private timer: NodeJS.Timeout | undefined;
  private positionTimer: NodeJS.Timeout | undefined;
  /** Customer notifications still being sent after the action that caused them answered. */
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly c: HubContext,
    private readonly link: CustomerLink,
    private readonly o: QueueAnnouncerOptions,
  ) {}

  /** Starts the wait-limit check (the offer to leave a message). */
  start(): void {
    if (this.timer) return;
    const every = this.o.tickMs ?? Math.max(250, Math.min(5000, this.o.maxWaitMs / 4));
    this.timer = setInterval(() => void this.checkWaits().catch((err: unknown) => this.c.logger.warn({ err }, 'handoff wait check failed')), every);
    this.timer.unref();
  }

  /** Stops the timers and waits (bounded) for notifications still being sent. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.positionTimer);
    this.timer = undefined;
    this.positionTimer = undefined;
    await Promise.race([Promise.allSettled([...this.pending]), new Promise((r) => setTimeout(r, 5000).unref())]);
  }

  /** Online agents and the figures behind the estimates. */
  async staffing(): Promise<{ agents: AgentRecord[]; online: AgentRecord[]; handleMs: number[] }> {
    const [agents, handleMs] = await Promise.all([this.c.store.agents(), this.c.store.handleTimes()]);
    return { agents, online: onlineAgents(agents, this.c.now().getTime()), handleMs };
  }

  /** Tells the new customer where they are (or that nobody is online), and anyone it moved back. */
  async announce(conv: HandoffConversation): Promise<void> {
    const [changes, { online, handleMs }] = await Promise.all([this.c.store.claimPositionChanges(), this.staffing()]);
    const mine = changes.find((ch) => ch.conversationId === conv.conversationId);
    if (online.length) {
      await this.tellPositions(changes, online, handleMs);
    } else {
      await this.tellPositions(changes.filter((ch) => ch !== mine), online, handleMs);
      const offered = await this.c.store.claimOffers((e) => e.conversationId === conv.conversationId);
      if (offered.length) await this.offer(conv.conversationId, handoffReplies.noAgentOnline(mine?.position ?? (await this.positionOf(conv.conversationId)) ?? 1));
    }
    await this.c.notify({ kind: 'queue' });
  }

  /** Checks the wait limit now (the timer calls this). */
  async checkWaits(): Promise<void> {
    const now = this.c.now().getTime();
    const due = await this.c.store.claimOffers((e) => now - Date.parse(e.queuedAt) >= this.o.maxWaitMs);
    for (const e of due) await this.offer(e.conversationId, handoffReplies.waitTooLong(now - Date.parse(e.queuedAt)));
  }

  /** After a change to the queue: tell moved customers, refresh consoles, report the length. */
  queueChanged(): void {
    this.later(async () => {
      await this.c.notify({ kind: 'queue' });
      this.c.emit('queueLength', { length: (await this.c.store.queue()).length, at: this.c.now() });
    });
    // Moved customers are told once per burst of changes (ten accepts in a second: one update each).
    this.positionTimer ??= setTimeout(() => {
      this.positionTimer = undefined;
      this.later(async () => {
        const [changes, { online, handleMs }] = await Promise.all([this.c.store.claimPositionChanges(), this.staffing()]);
        await this.tellPositions(changes, online, handleMs);
      });
    }, this.o.positionUpdateDelayMs ?? 500);
  }

  /** The conversation's place in the queue (1 = next), if it waits. */
  async positionOf(conversationId: string): Promise<number | undefined> {
    const i = (await this.c.store.queue()).findIndex((e) => e.conversationId === conversationId);
    return i < 0 ? undefined : i + 1;
  }

  private later(task: () => Promise<void>): void {
    const p: Promise<void> = task()
      .catch((err: unknown) => this.c.logger.warn({ err }, 'handoff notification failed'))
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  private async tellPositions(changes: PositionChange[], online: AgentRecord[], handleMs: number[]): Promise<void> {
    await Promise.all(
      changes.map(async (ch) => {
        const conv = await this.c.store.get(ch.conversationId);
        if (!conv || conv.state !== 'waiting') return;
        const eta = estimateWaitMs(ch.position, online, handleMs, this.o.defaultHandleMs);
        await this.link.tell(conv, { type: 'message', text: handoffReplies.position(ch.position, eta, ch.previous !== undefined) });
      }),
    );
  }

  private async offer(conversationId: string, text: string): Promise<void> {
    const conv = await this.c.store.get(conversationId);
    if (!conv || conv.state !== 'waiting') return;
    await this.link.tell(conv, {
      type: 'message',
      text,
      suggestedActions: { to: [], actions: [LEAVE_MESSAGE, KEEP_WAITING].map((t) => ({ type: ActionTypes.ImBack, title: t, value: t })) },
    });
  }
}
