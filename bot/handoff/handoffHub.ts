import type { Middleware } from 'botbuilder';
import type { Logger } from '../../platform/logger';
import type { TurnBot } from '../adapter/inProcessAdapter';
import { AgentDesk } from './agentDesk';
import { CustomerLink, type HandoffChannel } from './customerLink';
import { CustomerMiddleware } from './customerMiddleware';
import type { HandoffBus } from './handoffBus';
import { HandoffEvents } from './handoffEvents';
import type { HandoffStore } from './handoffStore';
import { hubContext } from './hubContext';
import { QueueAnnouncer } from './queueAnnouncer';

export type { HandoffChannel } from './customerLink';
export type { QueueItem } from './agentDesk';

export interface HandoffHubOptions {
  store: HandoffStore;
  bus: HandoffBus;
  /** The bot, which hears `handoff.status` (accepted, completed, failed) as an event turn. */
  bot: TurnBot;
  logger: Logger;
  /** A customer waiting longer than this is offered to leave a message. */
  maxWaitMs: number;
  /** Handle time assumed for estimates until agents have ended some chats. */
  defaultHandleMs: number;
  /** Where observers subscribe (a new one if not given). */
  events?: HandoffEvents;
  /** Moved customers are told their new position this long after the first change of a burst (default 500 ms). */
  positionUpdateDelayMs?: number;
  /** How often the wait limit is checked (default: a quarter of it, at most 5 s). */
  tickMs?: number;
  now?: () => Date;
}

/**
 * The human handoff hub, assembled from its parts: the customer-side middleware
 * ({@link CustomerMiddleware}), the agent desk (its methods are the hub's: what the console
 * calls), the {@link QueueAnnouncer} (positions, offers, the wait timer) and the
 * {@link CustomerLink} (proactive sends, the bot's `handoff.status` turns). State is in the
 * {@link HandoffStore} (its one owner) and notices go over the {@link HandoffBus}, so the
 * customer and the agent may be on different instances.
 */
export class HandoffHub extends AgentDesk {
  readonly events: HandoffEvents;
  /** Register on the adapter: `channel.use(hub.middleware)` / `adapter.use(hub.middleware)`. */
  readonly middleware: Middleware;

  constructor(o: HandoffHubOptions) {
    const events = o.events ?? new HandoffEvents();
    const c = hubContext({ ...o, events });
    const link = new CustomerLink({ bot: o.bot, logger: o.logger });
    const announcer = new QueueAnnouncer(c, link, o);
    super(c, link, announcer);
    this.events = events;
    const customers = new CustomerMiddleware(c, link, announcer);
    this.middleware = { onTurn: (context, next) => customers.onTurn(context, next) };
  }

  /** Lets the hub reach customers of `channelId` (the Direct Line channel is `directline`). */
  connect(channel: HandoffChannel, channelId = 'directline'): void {
    this.link.connect(channel, channelId);
  }

  /** Starts the wait-limit check (the offer to leave a message). */
  start(): void {
    this.announcer.start();
  }

  /** Checks the wait limit now (the timer calls this). */
  checkWaits(): Promise<void> {
    return this.announcer.checkWaits();
  }

  /** Stops the timer and waits (bounded) for notifications still being sent. */
  close(): Promise<void> {
    return this.announcer.close();
  }
}
