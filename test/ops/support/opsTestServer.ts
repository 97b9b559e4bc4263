import { Writable } from 'node:stream';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { buildBot } from '../../../bin/buildBot';
import { buildOps, startTelemetry, type Ops } from '../../../bin/buildOps';
import { createChatChannel } from '../../../bin/createChatChannel';
import { createServerApp, type ServerApp } from '../../../bin/createServerApp';
import { openStores } from '../../../bin/stores';
import type { ActivityLog } from '../../../bot/channels/activityLog';
import type { HandoffEvents } from '../../../bot/handoff/handoffEvents';
import type { PawBot } from '../../../bot/PawBot';
import { currentLogContext } from '../../../ops/logging/logContext';
import { loadConfig, type Config } from '../../../bin/config';
import { createLogger } from '../../../platform/logger';
import type { DocStore } from '../../../platform/store/docStore';
import { createHandoffHub, type HandoffFeature } from '../../../bin/createHandoffHub';
import { CustomersClient } from '../../../skills/customers/customersClient';
import { authRouter } from '../../../platform/auth/auth';
import { SessionStore } from '../../../platform/auth/sessionStore';
import { loadUsers } from '../../../platform/auth/users';
import { startTestSandbox, type TestSandbox } from '../../support/sandboxServer';
import { testRecognizer, testThresholds } from '../../support/testRecognizer';
import { MemoryRateLimiter } from '../../../platform/store/memoryRateLimiter';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const METRICS_TOKEN = 'test-metrics-token-0123456789';

export interface RunningOpsServer {
  url: string;
  config: Config;
  ops: Ops;
  bot: PawBot;
  chat: ServerApp;
  server: http.Server;
  docs: DocStore;
  activityLog: ActivityLog;
  sandbox: TestSandbox;
  redis?: Redis;
  /** The real handoff hub and agent console, when asked for (`withHub`). */
  handoff?: HandoffFeature;
  /** Every log line written so far, parsed. */
  logs: Record<string, unknown>[];
  /** Signs in a demo user: the cookie and CSRF token to send. */
  signIn(username: string): Promise<{ cookie: string; csrf: string }>;
  close(): Promise<void>;
}

/**
 * The server as `bin/server.ts` composes it (bot, chat channel, staff sign-in, ops), in this
 * process on 127.0.0.1 port 0, with the real sandbox and the test model. Logs are captured.
 */
export async function startOpsServer(
  opts: { env?: Record<string, string>; redisUrl?: string; prefix?: string; sandbox?: TestSandbox; handoffEvents?: HandoffEvents; withHub?: boolean; routers?: RequestHandler[]; now?: () => Date } = {},
): Promise<RunningOpsServer> {
  const config = loadConfig({}, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DIRECTLINE_CONVERSATIONS_PER_MINUTE: '1000',
    ADMIN_TOKEN,
    ...(opts.redisUrl ? { STORE: 'redis', REDIS_URL: opts.redisUrl, REDIS_PREFIX: opts.prefix ?? `t${Math.random().toString(36).slice(2, 10)}:` } : {}),
    ...opts.env,
  } as Partial<Record<keyof Config, string>>);
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      cb();
    },
  });
  const logger = createLogger({ level: config.LOG_LEVEL, destination, base: { service: 'pawsupport-test' }, mixin: currentLogContext });
  const stores = openStores(config, { logger, log: (module) => telemetry.log(module) });
  const redis = stores.redis;
  const telemetry = await startTelemetry({ config, logger, stores, registry: new Registry() });

  const sandbox = opts.sandbox ?? (await startTestSandbox());
  const api = { baseUrl: sandbox.url, token: sandbox.token };
  const recognizer = await testRecognizer();
  const { bot } = buildBot({
    api: { ...api, timeoutMs: 3000, retries: 1, onCall: telemetry.onCall },
    recognizer: telemetry.timed(recognizer),
    thresholds: testThresholds,
    storage: stores.botState,
    logger: telemetry.log('bot'),
  });
  const docs = stores.docs;
  const sessions = new SessionStore(docs, 3600);
  const users = loadUsers(path.join(__dirname, '../../../platform/auth/demoUsers.json'));
  const auth = authRouter({ users, sessions, rateLimiter: (limit) => new MemoryRateLimiter(limit), secureCookies: false, sessionTtlSeconds: 3600 });
  const activityLog = stores.activityLog;
  const probe = new CustomersClient({ ...api, timeoutMs: config.READINESS_TIMEOUT_MS, retries: 0 });
  const checks = [
    { name: 'model', check: async () => recognizer.modelVersion.length > 0 },
    { name: 'store', check: async () => (await docs.ping()) && (await stores.outcomes.ping()) },
    { name: 'apis', check: async () => (await probe.list(), true) },
  ];
  // The real hub (queue, agent console) when asked for; otherwise tests emit hub events themselves.
  const handoff = opts.withHub ? createHandoffHub({ config, logger: telemetry.log('handoff'), docs, bus: stores.handoffBus, bot, sessions, ...(opts.handoffEvents ? { events: opts.handoffEvents } : {}) }) : undefined;
  const channel = createChatChannel({ config, logger: telemetry.log('channel'), bot, activityLog, typingDelayMs: 0 });
  // The hub's middleware goes on the channel before the ops turn middleware, as in bin/server.ts.
  const handoffRouter = handoff?.connect(channel);
  const ops = buildOps({ config, telemetry, bot, channel, sessions, checks, modelVersion: recognizer.modelVersion, handoffEvents: handoff?.events ?? opts.handoffEvents, handoffHub: handoff?.hub, activityLog, now: opts.now });
  const chat = createServerApp({
    config,
    logger: telemetry.log('channel'),
    channel,
    front: ops.front,
    upgrades: handoff ? [handoff.handleUpgrade] : [],
    routers: [
      auth,
      ...(handoffRouter ? [handoffRouter] : []),
      ...ops.routers,
      ...(opts.routers ?? []),
    ],
  });
  const server = http.createServer(chat.app);
  chat.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    config,
    ops,
    bot,
    chat,
    server,
    docs,
    activityLog,
    sandbox,
    redis,
    handoff,
    logs,
    signIn: async (username) => {
      const res = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: `${username}-demo-password` }) });
      if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status}`);
      return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
    },
    close: async () => {
      await ops.drain();
      await chat.close(2000);
      await handoff?.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await ops.close();
      await docs.close();
      await stores.close();
      if (!opts.sandbox) await sandbox.close();
    },
  };
}

/** A customer's chat over plain Direct Line REST (token, start, post, poll). */
export async function openChat(url: string, config: Config, customerId: string | null = 'cus-ava') {
  const tokenRes = await fetch(`${url}/api/chat/token`, {
    method: 'POST',
    headers: { authorization: `Bearer ${config.CHAT_API_SECRET}`, 'content-type': 'application/json' },
    body: JSON.stringify(customerId ? { customerId, name: 'Ava Thompson' } : {}),
  });
  if (tokenRes.status !== 200) throw new Error(`token: ${tokenRes.status} ${await tokenRes.text()}`);
  const { token, conversationId } = (await tokenRes.json()) as { token: string; conversationId: string };
  const auth = { authorization: `Bearer ${token}` };
  const started = await fetch(`${url}/v3/directline/conversations`, { method: 'POST', headers: auth });
  if (started.status >= 300) throw new Error(`start: ${started.status}`);
  const { streamUrl } = (await started.json()) as { streamUrl: string };
  let watermark = 0;
  const texts: string[] = [];
  /** Bot messages since the last call (polling). */
  const poll = async (): Promise<{ text: string; suggestions: string[] }[]> => {
    const res = await fetch(`${url}/v3/directline/conversations/${conversationId}/activities?watermark=${watermark}`, { headers: auth });
    const body = (await res.json()) as { activities: { type: string; from: { role?: string }; text?: string; suggestedActions?: { actions: { title: string }[] } }[]; watermark: string };
    watermark = Number(body.watermark);
    return body.activities.filter((a) => a.type === 'message' && a.from.role === 'bot').map((a) => ({ text: a.text ?? '', suggestions: a.suggestedActions?.actions.map((x) => x.title) ?? [] }));
  };
  return {
    conversationId,
    token,
    streamUrl,
    texts,
    poll,
    /** Sends a message; resolves once its id is back (the bot's turn runs after). */
    send: async (text: string) => {
      const res = await fetch(`${url}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text, from: { id: 'ignored' } }),
      });
      if (res.status !== 200) throw new Error(`post: ${res.status} ${await res.text()}`);
    },
    /** Polls until a bot message matches. */
    waitFor: async (pattern: RegExp, ms = 15_000) => {
      const end = Date.now() + ms;
      for (;;) {
        for (const m of await poll()) texts.push(m.text);
        const hit = texts.find((t) => pattern.test(t));
        if (hit) return hit;
        if (Date.now() > end) throw new Error(`timed out waiting for ${pattern}; bot said ${JSON.stringify(texts)}`);
        await new Promise((r) => setTimeout(r, 30));
      }
    },
  };
}
