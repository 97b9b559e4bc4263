import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Middleware } from 'botbuilder';
import { Router } from 'express';
import type { TurnBot } from '../bot/adapter/inProcessAdapter';
import type { HandoffBus } from '../bot/handoff/handoffBus';
import type { HandoffEvents } from '../bot/handoff/handoffEvents';
import { HandoffHub, type HandoffChannel } from '../bot/handoff/handoffHub';
import { HandoffStore } from '../bot/handoff/handoffStore';
import type { Config } from './config';
import type { Logger } from '../platform/logger';
import type { DocStore } from '../platform/store/docStore';
import type { SessionStore } from '../platform/auth/sessionStore';
import { agentApiRouter } from '../web/agent/agentApi';
import { agentPageRouter } from '../web/agent/agentPage';
import { AgentSocketServer } from '../web/agent/agentSocketServer';
import { loadCannedResponses, type CannedResponse } from '../web/agent/cannedResponses';

export interface HandoffHubDeps {
  config: Pick<Config, 'HANDOFF_MAX_WAIT_SECONDS' | 'HANDOFF_DEFAULT_HANDLE_SECONDS' | 'HANDOFF_CANNED_RESPONSES_FILE'>;
  logger: Logger;
  /** Queue, conversations, agents and tickets (memory, or Redis shared by every instance). */
  docs: DocStore;
  /** Notices between instances (`Stores.handoffBus`; its owner closes it). */
  bus: HandoffBus;
  /** The bot, which hears `handoff.status`. */
  bot: TurnBot;
  /** Staff sessions (platform/auth). */
  sessions: SessionStore;
  /** Observers (metrics, KPIs, review inbox) subscribe here; a new one if not given. */
  events?: HandoffEvents;
  /** Overrides the canned responses of the config. */
  canned?: CannedResponse[];
}

export interface HandoffFeature {
  hub: HandoffHub;
  events: HandoffEvents;
  bus: HandoffBus;
  /** botbuilder middleware: `channel.use(handoff.middleware)` (done by {@link connect}). */
  middleware: Middleware;
  /**
   * Lets the hub reach the channel's customers, installs the middleware on it and returns the
   * console's routes (`/agent`, `/agent/assets/*`, `/agent/api/*`) for `createServerApp`'s `routers`.
   */
  connect(channel: HandoffChannel & { use(m: Middleware): unknown }, channelId?: string): Router;
  /** The console's WebSocket (`/agent/ws`); false when the upgrade is for something else. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
}

/**
 * Human handoff, assembled: the hub (queue, relay, `handoff.status` to the bot), the agent
 * console (page, API, live feed) and the notice bus between instances.
 */
export function createHandoffHub(deps: HandoffHubDeps): HandoffFeature {
  const logger = deps.logger;
  const bus = deps.bus;
  const hub = new HandoffHub({
    store: new HandoffStore(deps.docs),
    bus,
    bot: deps.bot,
    logger,
    maxWaitMs: deps.config.HANDOFF_MAX_WAIT_SECONDS * 1000,
    defaultHandleMs: deps.config.HANDOFF_DEFAULT_HANDLE_SECONDS * 1000,
    ...(deps.events ? { events: deps.events } : {}),
  });
  const canned = deps.canned ?? loadCannedResponses(deps.config.HANDOFF_CANNED_RESPONSES_FILE);
  const sockets = new AgentSocketServer({ hub, bus, sessions: deps.sessions, logger });
  hub.start();
  return {
    hub,
    events: hub.events,
    bus,
    middleware: hub.middleware,
    connect: (channel, channelId) => {
      hub.connect(channel, channelId);
      channel.use(hub.middleware);
      const router = Router();
      router.use(agentPageRouter());
      router.use(agentApiRouter({ hub, sessions: deps.sessions, canned }));
      return router;
    },
    handleUpgrade: (req, socket, head) => sockets.handleUpgrade(req, socket, head),
    close: async () => {
      await hub.close();
      await sockets.close();
    },
  };
}
