// The server side of bench/chat.ts, in its own process so its CPU and memory are its own.
// argv: <bot name> [redis url]. Tells the parent {port} over IPC; answers {rss} on request.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { createChatChannel } from '../bin/createChatChannel';
import { createServerApp } from '../bin/createServerApp';
import { MemoryActivityLog } from '../bot/channels/memoryActivityLog';
import { RedisActivityLog } from '../bot/channels/redisActivityLog';
import { loadConfig } from '../bin/config';
import { silentLogger } from '../platform/logger';
import { chatBots } from './chatBots';

async function main(): Promise<void> {
  const [botName = 'echo', redisUrl] = process.argv.slice(2);
  const factory = chatBots[botName];
  if (!factory) throw new Error(`unknown bot "${botName}"; known: ${Object.keys(chatBots).join(', ')}`);
  const config = loadConfig({}, {
    NODE_ENV: 'production',
    DIRECTLINE_TOKEN_SECRET: 'bench-secret-bench-secret-bench-secret-42',
    CHAT_API_SECRET: 'bench-chat-api-secret',
    DIRECTLINE_CONVERSATIONS_PER_MINUTE: '1000000',
    DIRECTLINE_MESSAGES_PER_SECOND: '1000',
    USERS_FILE: 'platform/auth/demoUsers.json',
  });
  const options = { retentionSeconds: 3600, maxActivities: config.DIRECTLINE_MAX_ACTIVITIES };
  const redis = redisUrl ? new Redis(redisUrl) : undefined;
  const activityLog = redis ? new RedisActivityLog(redis, { ...options, prefix: `bench:${process.pid}:` }) : new MemoryActivityLog(options);
  const logger = silentLogger();
  const channel = createChatChannel({ config, logger, bot: await factory(), activityLog, typingDelayMs: 0 });
  const chat = createServerApp({ config, logger, channel });
  const server = http.createServer(chat.app);
  chat.attach(server);
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port, secret: config.CHAT_API_SECRET }));
  let peak = 0;
  setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 250).unref();
  process.on('message', (m: { type?: string }) => {
    if (m?.type === 'rss') {
      const rss = process.memoryUsage().rss;
      peak = Math.max(peak, rss);
      process.send!({ rss, peak });
    }
  });
  process.on('disconnect', () => process.exit(0));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
