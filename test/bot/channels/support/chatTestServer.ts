import type { Redis } from 'ioredis';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TurnBot } from '../../../../bot/adapter/inProcessAdapter';
import type { ActivityLog } from '../../../../bot/channels/activityLog';
import type { DemoCustomer } from '../../../../bot/channels/chatApiRouter';
import { createChatChannel } from '../../../../bin/createChatChannel';
import { createServerApp, type ServerApp } from '../../../../bin/createServerApp';
import { openStores } from '../../../../bin/stores';
import { MemoryActivityLog } from '../../../../bot/channels/memoryActivityLog';
import { loadConfig, type Config } from '../../../../bin/config';
import { silentLogger } from '../../../../platform/logger';
import { TestBot } from './testBot';

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  { id: 'c-1001', name: 'Ada Lovelace' },
  { id: 'c-1002', name: 'Bob <b>Builder</b> & "friends"' },
];

export interface RunningChatServer {
  url: string;
  config: Config;
  chat: ServerApp;
  server: http.Server;
  activityLog: ActivityLog;
  close(): Promise<void>;
}

/** A real chat server on 127.0.0.1, port 0, with the test bot unless another is given. */
export async function startChatServer(
  opts: { env?: Record<string, string>; activityLog?: ActivityLog; bot?: TurnBot; listCustomers?: () => Promise<DemoCustomer[]>; redis?: Redis } = {},
): Promise<RunningChatServer> {
  const config = loadConfig({}, { NODE_ENV: 'test', DIRECTLINE_CONVERSATIONS_PER_MINUTE: '1000', ...opts.env } as Partial<Record<keyof Config, string>>);
  const activityLog = opts.activityLog ?? new MemoryActivityLog({ retentionSeconds: 3600, maxActivities: 1000 });
  // With a connection given, the rate limits are shared through Redis like every instance's.
  const stores = openStores(config, { redis: opts.redis });
  const logger = silentLogger();
  const channel = createChatChannel({ config, logger, bot: opts.bot ?? new TestBot(), activityLog, rateLimiter: opts.redis ? stores.rateLimiter : undefined });
  const chat = createServerApp({ config, logger, channel, listCustomers: opts.listCustomers ?? (async () => DEMO_CUSTOMERS) });
  const server = http.createServer(chat.app);
  chat.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    config,
    chat,
    server,
    activityLog,
    close: async () => {
      await chat.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      if (!opts.activityLog) await activityLog.close();
    },
  };
}

/** `POST /api/chat/token` as the host site's server would call it. */
export async function hostToken(url: string, config: Config, body: Record<string, unknown> = {}): Promise<{ conversationId: string; token: string; expires_in: number }> {
  const res = await fetch(`${url}/api/chat/token`, {
    method: 'POST',
    headers: { authorization: `Bearer ${config.CHAT_API_SECRET}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
  return (await res.json()) as { conversationId: string; token: string; expires_in: number };
}
