import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { MemoryStorage } from 'botbuilder';
import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import WebSocket from 'ws';
import { buildBot } from '../../../../bin/buildBot';
import type { ActivityLog } from '../../../../bot/channels/activityLog';
import { createChatChannel } from '../../../../bin/createChatChannel';
import { createServerApp, type ServerApp } from '../../../../bin/createServerApp';
import { openStores } from '../../../../bin/stores';
import { HandoffEvents, type HandoffEventMap } from '../../../../bot/handoff/handoffEvents';
import type { Skill } from '../../../../bot/dialogs/skill';
import type { PawBot } from '../../../../bot/PawBot';
import { loadConfig, type Config } from '../../../../bin/config';
import { CustomersClient } from '../../../../skills/customers/customersClient';
import { silentLogger } from '../../../../platform/logger';
import { connectRedis } from '../../../../platform/redis';
import type { DocStore } from '../../../../platform/store/docStore';
import { MemoryDocStore } from '../../../../platform/store/memoryDocStore';
import { createHandoffHub, type HandoffFeature } from '../../../../bin/createHandoffHub';
import { authRouter } from '../../../../platform/auth/auth';
import { hashPassword } from '../../../../platform/auth/passwords';
import { SessionStore } from '../../../../platform/auth/sessionStore';
import { loadUsers, type User } from '../../../../platform/auth/users';
import { connect, type Client, type Seen } from '../../channels/support/directLineClient';
import { hostToken } from '../../channels/support/chatTestServer';
import { startTestSandbox, type TestSandbox } from '../../../support/sandboxServer';
import { testRecognizer, testThresholds } from '../../../support/testRecognizer';
import { MemoryRateLimiter } from '../../../../platform/store/memoryRateLimiter';

export interface HandoffServer {
  url: string;
  config: Config;
  chat: ServerApp;
  handoff: HandoffFeature;
  bot: PawBot;
  server: http.Server;
  /** The documents the hub keeps its state in (to stage what a test needs). */
  docs: DocStore;
  /** Every hub event this instance emitted, in order. */
  events: { name: keyof HandoffEventMap; payload: Record<string, unknown> }[];
  close(): Promise<void>;
}

/** Shared by the instances of one deployment (one Redis, or one process in memory mode). */
export interface Deployment {
  sandbox: TestSandbox;
  /** Redis URL and key prefix when the instances share Redis. */
  redis?: { url: string; prefix: string };
  /** Memory mode: what one process's instances share. */
  memory?: { docs: DocStore; activityLog: ActivityLog; storage: MemoryStorage };
  users: User[];
  /** Stops the sandbox (servers are closed by their owners). */
  close(): Promise<void>;
}

let extraUsers: Promise<User[]> | undefined;
/** The demo users, plus `trent` (a trainer who is not an agent, for 403s) and `casey` (an agent taking one chat at a time). */
export function testUsers(): Promise<User[]> {
  extraUsers ??= Promise.all([hashPassword('trent-demo-password'), hashPassword('casey-demo-password')]).then(([trent, casey]) => [
    ...loadUsers(path.join(__dirname, '../../../../platform/auth/demoUsers.json')),
    { username: 'trent', displayName: 'Trent (Trainer)', roles: ['trainer'], passwordHash: trent, capacity: 3 },
    { username: 'casey', displayName: 'Casey (Support)', roles: ['agent'], passwordHash: casey, capacity: 1 },
  ]);
  return extraUsers;
}

/** A fresh deployment: its own sandbox, and its own Redis key prefix or memory stores. */
export async function deployment(store: 'memory' | 'redis', redisUrl?: string): Promise<Deployment> {
  const sandbox = await startTestSandbox();
  const users = await testUsers();
  if (store === 'redis') return { sandbox, users, redis: { url: redisUrl!, prefix: `t${randomUUID().slice(0, 8)}:` }, close: () => sandbox.close() };
  const activityLog = openStores(loadConfig({}, { NODE_ENV: 'test' })).activityLog;
  return {
    sandbox,
    users,
    memory: { docs: new MemoryDocStore(), activityLog, storage: new MemoryStorage() },
    close: async () => {
      await activityLog.close();
      await sandbox.close();
    },
  };
}

/**
 * One server instance wired like `bin/server.ts` (real bot and recognizer, real sandbox, web
 * chat channel, staff sign-in, handoff hub and console) on 127.0.0.1, port 0.
 */
export async function startHandoffServer(d: Deployment, env: Record<string, string> = {}, extra: { skills?: Skill[]; routers?: RequestHandler[] } = {}): Promise<HandoffServer> {
  const config = loadConfig({}, {
    NODE_ENV: 'test',
    DIRECTLINE_CONVERSATIONS_PER_MINUTE: '10000',
    DIRECTLINE_MESSAGES_PER_SECOND: '50',
    ...(d.redis ? { STORE: 'redis', REDIS_URL: d.redis.url, REDIS_PREFIX: d.redis.prefix } : {}),
    ...env,
  } as Partial<Record<keyof Config, string>>);
  const logger = silentLogger();
  const redis: Redis | undefined = d.redis ? connectRedis(d.redis.url, logger, 'test') : undefined;
  // Each instance has its own notice bus (in memory: its own, as before); the rest is the deployment's.
  const stores = openStores(config, { redis, logger });
  const recognizer = await testRecognizer();
  const api = { baseUrl: d.sandbox.url, token: d.sandbox.token, timeoutMs: 2000, retries: 1 };
  const { bot } = buildBot({
    api,
    recognizer,
    thresholds: testThresholds,
    storage: redis ? stores.botState : d.memory!.storage,
    logger,
    ...(extra.skills ? { skills: extra.skills } : {}),
  });
  const activityLog = redis ? stores.activityLog : d.memory!.activityLog;
  const docs = redis ? stores.docs : d.memory!.docs;
  const sessions = new SessionStore(docs, 3600);
  const auth = authRouter({ users: d.users, sessions, rateLimiter: (limit) => new MemoryRateLimiter(limit), secureCookies: false, sessionTtlSeconds: 3600 });
  const events = new HandoffEvents();
  const seen: HandoffServer['events'] = [];
  for (const name of ['queued', 'accepted', 'completed', 'cancelled', 'ticket', 'queueLength'] as const) {
    events.on(name, (payload: object) => seen.push({ name, payload: payload as Record<string, unknown> }));
  }
  const handoff = createHandoffHub({ config, logger, docs, bus: stores.handoffBus, bot, sessions, events });
  const customers = new CustomersClient(api);
  const channel = createChatChannel({ config, logger, bot, activityLog, typingDelayMs: 0 });
  const chat = createServerApp({ config, logger, channel, listCustomers: () => customers.list(), routers: [auth, handoff.connect(channel), ...(extra.routers ?? [])], upgrades: [handoff.handleUpgrade] });
  const server = http.createServer(chat.app);
  chat.attach(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    config,
    chat,
    handoff,
    bot,
    server,
    docs,
    events: seen,
    close: async () => {
      await handoff.close();
      await chat.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await stores.close();
      redis?.disconnect();
    },
  };
}

// ── the customer side ──────────────────────────────────────────────

export interface Customer {
  client: Client;
  conversationId: string;
  /** Messages received, newest last. */
  texts(): string[];
  say(text: string): Promise<void>;
  /** Waits for a received message matching `re` that arrived after `after` messages. */
  expect(re: RegExp, after?: number, ms?: number): Promise<Seen>;
  /** How many messages have arrived (a mark for {@link expect}). */
  mark(): number;
  stop(): void;
}

/** A customer on the official Direct Line client (WebSocket), as a signed-in shop customer. */
export async function customer(srv: { url: string; config: Config }, customerId = 'cus-ava', name = 'Ava Thompson'): Promise<Customer> {
  const { token, conversationId } = await hostToken(srv.url, srv.config, { customerId, name });
  const client = connect(srv.url, { token, webSocket: true });
  const messages = () => client.seen.filter((a) => a.type === 'message' && a.from?.role !== 'user');
  const c: Customer = {
    client,
    conversationId,
    texts: () => messages().map((a) => (a as { text?: string }).text ?? ''),
    say: async (text) => void (await client.post({ type: 'message', text })),
    mark: () => messages().length,
    expect: async (re, after = 0, ms = 15_000) => {
      const end = Date.now() + ms;
      for (;;) {
        const hit = messages().slice(after).find((a) => re.test((a as { text?: string }).text ?? ''));
        if (hit) return hit;
        if (Date.now() > end) throw new Error(`customer timed out waiting for ${re}; got:\n${c.texts().slice(after).join('\n')}`);
        await new Promise((r) => setTimeout(r, 15));
      }
    },
    stop: () => client.stop(),
  };
  await c.expect(/PawSupport assistant/);
  return c;
}

// ── the agent side ─────────────────────────────────────────────────

export interface Agent {
  cookie: string;
  csrf: string;
  /** Feed messages received on the console WebSocket. */
  feed: Record<string, any>[];
  ws?: WebSocket;
  call(method: string, path: string, body?: unknown, opts?: { csrf?: boolean; cookie?: boolean }): Promise<{ status: number; body: any }>;
  /** Opens the console's live feed (which also marks the agent connected). */
  listen(): Promise<void>;
  waitFeed(pred: (m: Record<string, any>) => boolean, what: string, ms?: number): Promise<Record<string, any>>;
  close(): void;
}

export async function signIn(url: string, username: string, password = `${username}-demo-password`): Promise<Agent> {
  const res = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  assert.equal(res.status, 200, `sign-in of ${username}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  return agentWith(url, cookie, csrf);
}

/** The same signed-in agent against another instance (sessions are shared through the store). */
export function agentWith(url: string, cookie: string, csrf: string): Agent {
  const feed: Record<string, any>[] = [];
  const a: Agent = {
    cookie,
    csrf,
    feed,
    call: async (method, p, body, opts = {}) => {
      const headers: Record<string, string> = {};
      if (opts.cookie !== false) headers.cookie = cookie;
      if (opts.csrf !== false && method !== 'GET') headers['x-csrf-token'] = csrf;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${url}${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    listen: async () => {
      const ws = new WebSocket(`${url.replace('http', 'ws')}/agent/ws`, { headers: { cookie, origin: url } });
      a.ws = ws;
      ws.on('message', (m) => feed.push(JSON.parse(String(m)) as Record<string, any>));
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      await a.waitFeed((m) => m.type === 'queue', 'first queue snapshot');
    },
    waitFeed: async (pred, what, ms = 15_000) => {
      const end = Date.now() + ms;
      for (;;) {
        const hit = feed.find(pred);
        if (hit) return hit;
        if (Date.now() > end) throw new Error(`agent feed timed out waiting for ${what}; got ${JSON.stringify(feed.map((m) => m.type))}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () => a.ws?.close(),
  };
  return a;
}

/** Waits until `pred` holds (polling). */
export async function until(pred: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
