import { DirectLine, type Activity } from 'botframework-directlinejs';
import type { Choice, ShownActivity } from './terminalView';

// The official client needs browser globals in Node, even for polling.
const g = globalThis as Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
g.XMLHttpRequest ??= require('xhr2');
// eslint-disable-next-line @typescript-eslint/no-require-imports
g.WebSocket ??= require('ws');

export interface ServerSessionOptions {
  /** The server's base URL (`http://127.0.0.1:3978`). */
  url: string;
  /** CHAT_API_SECRET, as the shop's backend uses it for `POST /api/chat/token`. */
  chatApiSecret: string;
  customerId: string | null;
  name?: string;
  /** Each activity from the bot's side (the bot, or an agent through the hub). */
  onActivity: (a: ShownActivity) => void;
  onError?: (err: Error) => void;
}

export interface ServerSession {
  conversationId: string;
  send(choice: Choice): Promise<void>;
  close(): void;
}

/**
 * The terminal chat against a running server, through its Direct Line channel with the official
 * `botframework-directlinejs` client (WebSocket), exactly as the web chat talks to it: the
 * server's bot, model, handoff hub and agents.
 */
export async function openServerSession(o: ServerSessionOptions): Promise<ServerSession> {
  const res = await fetch(`${o.url}/api/chat/token`, {
    method: 'POST',
    headers: { authorization: `Bearer ${o.chatApiSecret}`, 'content-type': 'application/json' },
    body: JSON.stringify(o.customerId ? { customerId: o.customerId, ...(o.name ? { name: o.name } : {}) } : {}),
  });
  if (res.status !== 200) throw new Error(`${o.url} refused a chat token (${res.status}): ${(await res.text()).slice(0, 300)}`);
  const { token, conversationId } = (await res.json()) as { token: string; conversationId: string };
  const dl = new DirectLine({ domain: `${o.url}/v3/directline`, token, conversationId, webSocket: true });
  const sub = dl.activity$.subscribe({
    next: (a: Activity) => {
      if (a.from?.role === 'user') return;
      const x = a as Activity & { channelData?: { pawAgent?: { displayName?: string } } };
      o.onActivity({
        type: a.type,
        text: 'text' in a ? a.text : undefined,
        name: 'name' in a ? (a.name as string) : undefined,
        value: 'value' in a ? a.value : undefined,
        suggestions: (('suggestedActions' in a && a.suggestedActions?.actions) || []).map((s) => ({ title: String(s.title), value: s.value })),
        ...(x.channelData?.pawAgent?.displayName ? { agent: x.channelData.pawAgent.displayName } : {}),
      });
    },
    error: (err: Error) => o.onError?.(err),
  });
  return {
    conversationId,
    send: (choice) =>
      new Promise((resolve, reject) => {
        dl.postActivity({ type: 'message', from: { id: 'terminal' }, text: choice.title, ...(choice.value !== undefined ? { value: choice.value } : {}) } as Activity).subscribe({
          next: () => resolve(),
          error: (err: Error) => reject(err),
        });
      }),
    close: () => {
      sub.unsubscribe();
      dl.end();
    },
  };
}
