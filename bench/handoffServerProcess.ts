// The server side of bench/handoff.ts, in its own process so its CPU and memory are its own:
// the whole product as `npm start` wires it (embedded sandbox, trained bot, web chat, staff
// sign-in, handoff hub and console), with N bench agents. argv: <agents> [redis url].
// Tells the parent {port, secret, agents, password} over IPC; answers {type:'memory'}.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildBot } from '../bin/buildBot';
import { createChatChannel } from '../bin/createChatChannel';
import { createServerApp } from '../bin/createServerApp';
import { openStores } from '../bin/stores';
import { HandoffStore } from '../bot/handoff/handoffStore';
import { internalApi, loadConfig, type Config } from '../bin/config';
import { silentLogger } from '../platform/logger';
import { startSandbox } from '../bin/startSandbox';
import { loadOrTrain } from '../training/trainModel';
import { createHandoffHub } from '../bin/createHandoffHub';
import { authRouter } from '../platform/auth/auth';
import { hashPassword } from '../platform/auth/passwords';
import { SessionStore } from '../platform/auth/sessionStore';
import type { User } from '../platform/auth/users';
import { MemoryRateLimiter } from '../platform/store/memoryRateLimiter';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const ROOT = path.join(__dirname, '..');
const PASSWORD = 'bench-agent-password';

async function main(): Promise<void> {
  const [agentsArg = '10', redisUrl] = process.argv.slice(2);
  const logger = silentLogger();
  const prefix = `bench${process.pid}:`;
  const config = loadConfig({}, {
    NODE_ENV: 'test',
    SANDBOX_PORT: '0',
    DIRECTLINE_CONVERSATIONS_PER_MINUTE: '1000000',
    DIRECTLINE_MESSAGES_PER_SECOND: '1000',
    ...(redisUrl ? { STORE: 'redis', REDIS_URL: redisUrl, REDIS_PREFIX: prefix } : {}),
  } as Partial<Record<keyof Config, string>>);
  const stores = openStores(config, { logger, connectionName: 'bench' });
  const redis = stores.redis;

  const sandbox = await startSandbox(config, logger);
  const sandboxServer = http.createServer(sandbox.app);
  await new Promise<void>((r) => sandboxServer.listen(0, '127.0.0.1', r));
  const api = { ...internalApi(config), baseUrl: `http://127.0.0.1:${(sandboxServer.address() as AddressInfo).port}` };
  const model = await loadOrTrain(path.join(ROOT, config.MODEL_DIR), path.join(ROOT, config.INTENTS_DIR));
  const { bot } = buildBot({
    api: { baseUrl: api.baseUrl, token: api.token, timeoutMs: 5000, retries: 1 },
    recognizer: model.recognizer,
    thresholds: () => model.thresholds,
    storage: stores.botState,
    logger,
  });
  const hash = await hashPassword(PASSWORD);
  const agents: User[] = Array.from({ length: Number(agentsArg) }, (_, i) => ({
    username: `agent${String(i + 1).padStart(2, '0')}`,
    displayName: `Agent ${i + 1}`,
    roles: ['agent'],
    passwordHash: hash,
    capacity: 3,
  }));
  const docs = stores.docs;
  const sessions = new SessionStore(docs, 3600);
  const auth = authRouter({ users: agents, sessions, rateLimiter: (limit) => new MemoryRateLimiter(limit), secureCookies: false, sessionTtlSeconds: 3600 });
  const handoff = createHandoffHub({ config, logger, docs, bus: stores.handoffBus, bot, sessions });
  const channel = createChatChannel({ config, logger, bot, activityLog: stores.activityLog, typingDelayMs: 0 });
  const chat = createServerApp({ config, logger, channel, routers: [auth, handoff.connect(channel)], upgrades: [handoff.handleUpgrade] });
  const server = http.createServer(chat.app);
  chat.attach(server);
  server.listen(0, '127.0.0.1', () =>
    process.send!({ port: (server.address() as AddressInfo).port, secret: config.CHAT_API_SECRET, agents: agents.map((a) => a.username), password: PASSWORD }),
  );

  const store = new HandoffStore(docs);
  process.on('message', (m: { type?: string }) => {
    if (m?.type !== 'memory') return;
    void (async () => {
      gc();
      gc();
      const { heapUsed, rss } = process.memoryUsage();
      // What the hub keeps per queued conversation: its record and its queue entry.
      const queue = await store.queue();
      const convs = await Promise.all(queue.map((e) => store.get(e.conversationId)));
      const recordBytes = convs.reduce((n, c) => n + Buffer.byteLength(JSON.stringify(c ?? null)), 0) + queue.reduce((n, e) => n + Buffer.byteLength(JSON.stringify(e)), 0);
      let redisBytes = 0;
      if (redis) for (const e of queue) redisBytes += Number((await redis.call('MEMORY', 'USAGE', `${prefix}app:handoff:conv:${e.conversationId}`)) ?? 0);
      process.send!({ heapUsed, rss, queued: queue.length, recordBytes, redisBytes });
    })();
  });
  process.on('disconnect', () => process.exit(0));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
