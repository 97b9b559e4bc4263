import type { Socket } from 'node:net';
import type http from 'node:http';
import { ConnectionStatus, DirectLine, type Activity, type DirectLineOptions } from 'botframework-directlinejs';

// The official client needs browser globals, even for polling.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const g = globalThis as Record<string, unknown>;
g.XMLHttpRequest ??= require('xhr2');
// eslint-disable-next-line @typescript-eslint/no-require-imports
g.WebSocket ??= require('ws');

/** Any activity the client received, loosely typed for assertions. */
export type Seen = Activity & { id: string; timestamp: string; replyToId?: string; channelData?: Record<string, unknown>; suggestedActions?: { actions: { title: string }[] } };

export interface Client {
  dl: DirectLine;
  seen: Seen[];
  /** Resolves with the first received activity matching `pred` (waits for it). */
  waitFor(pred: (a: Seen) => boolean, what: string, ms?: number): Promise<Seen>;
  post(activity: Record<string, unknown>): Promise<string>;
  status(): ConnectionStatus;
  stop(): void;
}

/** The unmodified botframework-directlinejs client against our server. */
export function connect(url: string, options: DirectLineOptions): Client {
  const dl = new DirectLine({ domain: `${url}/v3/directline`, pollingInterval: 200, ...options, random: () => 0 } as DirectLineOptions);
  const seen: Seen[] = [];
  const sub = dl.activity$.subscribe((a) => seen.push(a as Seen));
  return {
    dl,
    seen,
    waitFor: async (pred, what, ms = 15_000) => {
      const end = Date.now() + ms;
      for (;;) {
        const hit = seen.find(pred);
        if (hit) return hit;
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}; saw ${JSON.stringify(seen.map((a) => [a.type, a.from?.role, (a as { text?: string }).text]))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    post: (activity) => dl.postActivity({ from: { id: 'ignored' }, ...activity } as Activity).toPromise() as Promise<string>,
    status: () => dl.connectionStatus$.getValue(),
    stop: () => {
      sub.unsubscribe();
      dl.end();
    },
  };
}

/** Keeps the server side of every upgraded (WebSocket) connection, so a test can cut them. */
export function trackStreams(server: http.Server): { drop(): number } {
  const sockets = new Set<Socket>();
  server.prependListener('upgrade', (_req, socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    drop: () => {
      const n = sockets.size;
      for (const s of sockets) s.destroy();
      return n;
    },
  };
}

export const text = (a: Seen): string => (a as { text?: string }).text ?? '';
