import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { HandoffBus, HubNotice } from '../../bot/handoff/handoffBus';
import type { HandoffHub } from '../../bot/handoff/handoffHub';
import type { AgentIdentity } from '../../bot/handoff/handoffStore';
import type { Logger } from '../../platform/logger';
import { sessionIdOf } from '../../platform/auth/sessionCookie';
import type { SessionStore } from '../../platform/auth/sessionStore';
import { PRESENCE_TTL_MS } from './agentApi';

export const AGENT_SOCKET_PATH = '/agent/ws';

export interface AgentSocketServerOptions {
  hub: HandoffHub;
  bus: HandoffBus;
  sessions: SessionStore;
  logger: Logger;
  /** How often connected agents' presence is refreshed and sessions re-checked (default 10 s). */
  heartbeatMs?: number;
}

interface Client {
  ws: WebSocket;
  agent: AgentIdentity;
  sessionId: string;
  alive: boolean;
}

/**
 * The console's live feed at `/agent/ws` (server → console only; agents act through the
 * CSRF-protected API). Authenticated by the session cookie, same-origin only. Every instance
 * runs one and follows the {@link HandoffBus}, so a console may connect to any instance:
 * queue snapshots go to every agent, a conversation's lines and typing only to its agent.
 * An open console keeps its agent "connected" (presence), refreshed every heartbeat.
 */
export class AgentSocketServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024, perMessageDeflate: false, clientTracking: false });
  private readonly clients = new Set<Client>();
  private readonly unsubscribe: () => void;
  private readonly timer: NodeJS.Timeout;
  private queueDirty = false;
  private building: Promise<void> | undefined;
  private closing = false;

  constructor(private readonly o: AgentSocketServerOptions) {
    this.unsubscribe = o.bus.subscribe((n) => this.onNotice(n));
    this.timer = setInterval(() => void this.heartbeat(), o.heartbeatMs ?? 10_000);
    this.timer.unref();
  }

  /** Serves `/agent/ws` upgrades; false when the request is for something else. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== AGENT_SOCKET_PATH) return false;
    socket.on('error', () => undefined);
    void this.accept(req, socket, head);
    return true;
  }

  private async accept(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (this.closing) return reject(socket, 503);
    // Browsers send Origin on WebSockets: refuse other sites (cross-site WebSocket hijacking).
    const origin = req.headers.origin;
    if (origin !== undefined && safeHost(origin) !== req.headers.host) return reject(socket, 403);
    const sessionId = sessionIdOf(req);
    const session = await this.o.sessions.get(sessionId).catch(() => undefined);
    if (!session || !sessionId) return reject(socket, 401);
    if (!session.user.roles.includes('agent')) return reject(socket, 403);
    if (socket.destroyed) return;
    const agent: AgentIdentity = { username: session.user.username, displayName: session.user.displayName, capacity: session.user.capacity };
    this.wss.handleUpgrade(req, socket, head, (ws) => void this.serve(ws, agent, sessionId));
  }

  private async serve(ws: WebSocket, agent: AgentIdentity, sessionId: string): Promise<void> {
    const client: Client = { ws, agent, sessionId, alive: true };
    this.clients.add(client);
    ws.on('pong', () => (client.alive = true));
    ws.on('message', () => undefined);
    ws.on('error', () => undefined);
    ws.on('close', () => this.clients.delete(client));
    try {
      await this.o.hub.setPresence(agent, undefined, PRESENCE_TTL_MS);
      send(ws, { type: 'hello', agent: agent.username });
      send(ws, await this.queueMessage());
    } catch (err) {
      this.o.logger.warn({ err }, 'agent console feed could not start');
      ws.close(1011, 'unavailable');
    }
  }

  private onNotice(n: HubNotice): void {
    switch (n.kind) {
      case 'queue':
      case 'presence':
        return this.refreshQueue();
      case 'tickets':
        return this.broadcast(() => true, { type: 'tickets' });
      case 'line':
        return this.broadcast((c) => c.agent.username === n.agent, { type: 'line', conversationId: n.conversationId, line: n.line });
      case 'typing':
        return this.broadcast((c) => c.agent.username === n.agent, { type: 'typing', conversationId: n.conversationId, from: n.from });
      case 'chats':
        return this.broadcast((c) => c.agent.username === n.agent, { type: 'chats' });
    }
  }

  /** One snapshot per burst of changes, whatever their number. */
  private refreshQueue(): void {
    this.queueDirty = true;
    if (this.building || !this.clients.size) return;
    this.building = (async () => {
      while (this.queueDirty) {
        this.queueDirty = false;
        try {
          const message = await this.queueMessage();
          this.broadcast(() => true, message);
        } catch (err) {
          this.o.logger.warn({ err }, 'could not build the queue snapshot');
        }
      }
    })().finally(() => (this.building = undefined));
  }

  private async queueMessage(): Promise<Record<string, unknown>> {
    const [queue, staffing] = await Promise.all([this.o.hub.queue(), this.o.hub.staffing()]);
    return { type: 'queue', queue, online: staffing.online.length };
  }

  private broadcast(to: (c: Client) => boolean, message: Record<string, unknown>): void {
    const json = JSON.stringify(message);
    for (const c of this.clients) if (to(c) && c.ws.readyState === c.ws.OPEN) c.ws.send(json);
  }

  /** Keeps open consoles' agents connected; drops dead sockets and signed-out sessions. */
  private async heartbeat(): Promise<void> {
    const seen = new Map<string, AgentIdentity>();
    for (const c of [...this.clients]) {
      if (!c.alive) {
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
      const session = await this.o.sessions.get(c.sessionId).catch(() => undefined);
      if (!session) {
        c.ws.close(4401, 'signed out');
        continue;
      }
      seen.set(c.agent.username, c.agent);
    }
    for (const agent of seen.values()) await this.o.hub.setPresence(agent, undefined, PRESENCE_TTL_MS).catch((err: unknown) => this.o.logger.warn({ err }, 'presence refresh failed'));
  }

  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.timer);
    this.unsubscribe();
    for (const c of this.clients) c.ws.close(1001, 'server shutting down');
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

function send(ws: WebSocket, message: Record<string, unknown>): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}

function reject(socket: Duplex, status: number): void {
  if (!socket.destroyed && socket.writable) socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

function safeHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

