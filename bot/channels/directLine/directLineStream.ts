import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { forbidden, notFound, serviceUnavailable } from '../../../platform/errors';
import { problemType, toAppError } from '../../../platform/http/problemHandler';
import type { Logger } from '../../../platform/logger';
import type { ActivityLog, Unsubscribe } from '../activityLog';
import { followConversation } from './conversationFollower';
import type { DirectLineTokens } from './directLineTokens';
import { parseWatermark } from './watermark';
import { wireActivity } from './wireActivity';

/** Close code of a stream whose chat token expired (policy): Direct Line clients reconnect after any close. */
const TOKEN_EXPIRED_CLOSE = 1008;

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/?#]+)\/stream\/?$/;
/** A client this far behind is cut off; it reconnects with its watermark and catches up. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export interface DirectLineStreamOptions {
  log: ActivityLog;
  tokens: DirectLineTokens;
  logger: Logger;
  keepAliveMs: number;
}

/**
 * The Direct Line WebSocket stream: `GET …/conversations/{id}/stream?watermark=&t=` upgrades,
 * authenticated by the stream token in the URL (browsers cannot set headers on WebSockets).
 * Sends ActivitySet frames `{activities, watermark}`: first everything after the watermark,
 * then each new activity; empty frames as keep-alives. What the client sends is ignored.
 */
export class DirectLineStreamServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4096, perMessageDeflate: false, clientTracking: false });
  private readonly sockets = new Set<WebSocket>();
  /** Per open stream: deliver what the log has that the stream has not sent yet. */
  private readonly catchUps = new Map<WebSocket, () => Promise<void>>();
  private closing = false;

  constructor(private readonly options: DirectLineStreamOptions) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const m = STREAM_PATH.exec(url.pathname);
    if (!m) return false;
    socket.on('error', () => undefined);
    void this.accept(req, socket, head, m[1]!, url.searchParams);
    return true;
  }

  private async accept(req: IncomingMessage, socket: Duplex, head: Buffer, rawId: string, query: URLSearchParams): Promise<void> {
    let conversationId: string;
    let afterSeq: number;
    let closesAt: number;
    try {
      if (this.closing) throw serviceUnavailable('The server is shutting down; reconnect in a moment.');
      conversationId = safeDecode(rawId);
      const claims = await this.options.tokens.verifyStreamToken(query.get('t') ?? undefined);
      if (claims.conversationId !== conversationId) throw forbidden('This stream token is for another conversation.');
      closesAt = claims.closesAt;
      afterSeq = parseWatermark(query.get('watermark') ?? undefined);
      if (!(await this.options.log.getConversation(conversationId))) throw notFound('This conversation does not exist or has ended.');
    } catch (err) {
      rejectUpgrade(socket, req, err);
      return;
    }
    if (socket.destroyed) return;
    this.wss.handleUpgrade(req, socket, head, (ws) => void this.serve(ws, conversationId, afterSeq, closesAt));
  }

  private async serve(ws: WebSocket, conversationId: string, afterSeq: number, closesAt: number): Promise<void> {
    this.sockets.add(ws);
    // The chat token behind this stream expires: the client reconnects with its refreshed token.
    const expiry = setTimeout(() => ws.close(TOKEN_EXPIRED_CLOSE, 'chat token expired; reconnect with a fresh token'), Math.max(0, closesAt * 1000 - Date.now()));
    let alive = true;
    let closed = false;
    let stop: Unsubscribe | undefined;
    ws.on('pong', () => (alive = true));
    ws.on('message', () => undefined); // the client's "" keep-alives, or anything else: ignored
    ws.on('error', () => undefined);
    const keepAlive = setInterval(() => {
      if (!alive) return void ws.terminate(); // no pong since the last ping: the peer is gone
      alive = false;
      ws.ping();
      ws.send('');
    }, this.options.keepAliveMs);
    ws.on('close', () => {
      closed = true;
      clearInterval(keepAlive);
      clearTimeout(expiry);
      this.sockets.delete(ws);
      this.catchUps.delete(ws);
      void stop?.();
    });
    try {
      const follower = await followConversation(
        this.options.log,
        conversationId,
        afterSeq,
        (entries) => {
          if (ws.readyState !== ws.OPEN) return;
          if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return void ws.close(1013, 'too far behind; reconnect');
          ws.send(JSON.stringify({ activities: entries.map(wireActivity), watermark: String(entries[entries.length - 1]!.seq) }));
        },
        {
          onError: (err) => {
            this.options.logger.warn({ err, conversationId }, 'activity stream failed; closing it so the client reconnects');
            ws.close(1011, 'stream interrupted');
          },
        },
      );
      stop = follower;
      if (closed) await stop();
      else this.catchUps.set(ws, follower.catchUp);
    } catch (err) {
      this.options.logger.warn({ err, conversationId }, 'could not follow the conversation');
      ws.close(1011, 'stream unavailable');
    }
  }

  /** Closes every stream with 1012 "service restart" (clients reconnect, elsewhere) and refuses new ones. */
  async close(): Promise<void> {
    this.closing = true;
    const all = [...this.sockets];
    // Replies logged just before (their live delivery may still be on its way) go out first.
    const flushed = Promise.allSettled(all.map((ws) => this.catchUps.get(ws)?.()));
    await Promise.race([flushed, new Promise((r) => setTimeout(r, 1000).unref())]);
    for (const ws of all) ws.close(1012, 'service restart; reconnect');
    await new Promise((r) => setTimeout(r, all.length ? 200 : 0).unref());
    for (const ws of all) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

function rejectUpgrade(socket: Duplex, req: IncomingMessage, err: unknown): void {
  const p = toAppError(err);
  const body = JSON.stringify({ type: problemType(p.code), title: STATUS_CODES[p.status] ?? 'Error', status: p.status, detail: p.message, instance: (req.url ?? '').split('?')[0], code: p.code });
  if (!socket.destroyed && socket.writable) {
    socket.write(
      `HTTP/1.1 ${p.status} ${STATUS_CODES[p.status] ?? 'Error'}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
