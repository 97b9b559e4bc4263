import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Express, RequestHandler } from 'express';
import { chatApiRouter, type DemoCustomer } from '../bot/channels/chatApiRouter';
import type { DirectLineChannel } from '../bot/channels/directLine/directLineChannel';
import { directLineRouter, uploadErrors } from '../bot/channels/directLine/directLineRouter';
import { createHttpApp } from '../platform/http/createHttpApp';
import { finishHttpApp } from '../platform/http/finishHttpApp';
import type { Logger } from '../platform/logger';
import { chatPageRouter } from '../web/chat/chatPage';
import type { Config } from './config';

/** A WebSocket upgrade handler: true when the request was for it. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;

export interface ServerAppDeps {
  config: Pick<Config, 'DIRECTLINE_MAX_BODY_BYTES' | 'CHAT_API_SECRET' | 'DEMO_MODE'>;
  logger: Logger;
  /** The chat channel (`createChatChannel`). */
  channel: DirectLineChannel;
  /** Demo customers for the page's picker (the sandbox's `GET /v1/customers`). */
  listCustomers?: () => Promise<DemoCustomer[]>;
  /** Middleware run before every route (log context, metrics, the shutdown guard). */
  front?: RequestHandler[];
  /** The other surfaces (sign-in, agent console, trainer, admin, metrics), mounted before the 404 fallback. */
  routers?: RequestHandler[];
  /** WebSocket upgrades besides the chat's activity stream (the agent console's), tried first. */
  upgrades?: UpgradeHandler[];
}

export interface ServerApp {
  /** Every route of the server, with the shared problem+json handling. */
  app: Express;
  /** The chat channel it serves. */
  channel: DirectLineChannel;
  /** For `server.on('upgrade', …)`: the given upgrades, then the activity stream; refuses anything else. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Wires {@link handleUpgrade} into an http.Server. */
  attach(server: Server): void;
  /**
   * Waits for running bot turns (at most `graceMs`, default 5 s), then closes the activity
   * streams with a reconnect hint (1012 "service restart").
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * The server's HTTP app: `/` (the chat page), `/api/chat/token` (host sites), `/api/demo/*`
 * (demo mode), `/v3/directline/*` (Direct Line 3.0 for the official clients), then `routers`.
 * Usage: `const web = createServerApp(deps); const server = http.createServer(web.app);
 * web.attach(server); server.listen(...)`.
 */
export function createServerApp(deps: ServerAppDeps): ServerApp {
  const { config, logger, channel } = deps;
  const app = createHttpApp({ logger, bodyLimit: config.DIRECTLINE_MAX_BODY_BYTES });
  for (const f of deps.front ?? []) app.use(f);
  app.use('/v3/directline', directLineRouter(channel));
  app.use(chatApiRouter({ channel, apiSecret: config.CHAT_API_SECRET, demoMode: config.DEMO_MODE, listCustomers: deps.listCustomers }));
  app.use(chatPageRouter({ demoMode: config.DEMO_MODE }));
  app.use(uploadErrors);
  for (const r of deps.routers ?? []) app.use(r);
  finishHttpApp(app, logger);

  const upgrades = [...(deps.upgrades ?? []), (req: IncomingMessage, socket: Duplex, head: Buffer) => channel.handleUpgrade(req, socket, head)];
  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (upgrades.some((u) => u(req, socket, head))) return;
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  };
  return {
    app,
    channel,
    handleUpgrade,
    attach: (server) => void server.on('upgrade', handleUpgrade),
    close: (graceMs) => channel.close(graceMs),
  };
}
