import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { buildBot } from '../../../bin/buildBot';
import type { ActiveModel } from '../../../nlu/models/activeModel';
import type { ModelRegistry } from '../../../nlu/models/modelRegistry';
import { IDENTITY_KEY } from '../../../bot/identity';
import { HandoffEvents } from '../../../bot/handoff/handoffEvents';
import type { PawBot } from '../../../bot/PawBot';
import { loadConfig } from '../../../bin/config';
import { createHttpApp } from '../../../platform/http/createHttpApp';
import { finishHttpApp } from '../../../platform/http/finishHttpApp';
import { silentLogger } from '../../../platform/logger';
import { startActiveModel } from '../../../bin/startActiveModel';
import { openStores } from '../../../bin/stores';
import { authRouter } from '../../../platform/auth/auth';
import { chatPageRouter } from '../../../web/chat/chatPage';
import { SessionStore } from '../../../platform/auth/sessionStore';
import { loadUsers } from '../../../platform/auth/users';
import { createTrainer, type TrainerFeature } from '../../../bin/createTrainer';
import { startTestSandbox, type TestSandbox } from '../../support/sandboxServer';
import { tinyCorpusDir, tinyTestSet, TINY_ROWS } from './tinyCorpus';
import { MemoryRateLimiter } from '../../../platform/store/memoryRateLimiter';

const ROOT = path.join(__dirname, '../../..');

export interface TrainerServer {
  url: string;
  registry: ModelRegistry;
  model: ActiveModel;
  trainer: TrainerFeature;
  bot: PawBot;
  handoffEvents: HandoffEvents;
  corpusDir: string;
  /** A customer says `text` in a new conversation (the real bot, on the served model). */
  say(text: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The trainer feature as `npm start` wires it (sign-in, review inbox fed by a real bot, registry,
 * training jobs in child processes, page and API) on a real HTTP server, with a small corpus
 * (`tiny.json` + `reviewed.json`) so training takes seconds.
 */
export async function startTrainerServer(): Promise<TrainerServer> {
  const corpusDir = tinyCorpusDir();
  const testSet = tinyTestSet(TINY_ROWS);
  const work = mkdtempSync(path.join(tmpdir(), 'paw-trainer-'));
  const config = loadConfig({}, { REVIEW_CORPUS_FILE: path.join(corpusDir, 'reviewed.json') });
  const logger = silentLogger();
  const stores = openStores(config);
  const { docs, registry, modelBus: bus } = stores;
  const model = await startActiveModel({ registry, bus, logger, modelDir: path.join(work, 'model'), intentsDir: corpusDir, testSet, syncIntervalMs: 0 });
  const sandbox: TestSandbox = await startTestSandbox();
  const { bot } = buildBot({ api: { baseUrl: sandbox.url, token: sandbox.token, timeoutMs: 2000, retries: 0 }, recognizer: model.recognizer, thresholds: () => model.thresholds(), storage: new MemoryStorage(), logger });
  const sessions = new SessionStore(docs, 3600);
  const users = loadUsers(path.join(ROOT, 'platform/auth/demoUsers.json'));
  const handoffEvents = new HandoffEvents();
  const trainer = createTrainer({
    config,
    logger,
    docs,
    inbox: stores.reviewInbox,
    rateLimiter: (limit) => new MemoryRateLimiter(limit),
    sessions,
    registry,
    bus,
    model,
    botEvents: bot.events,
    handoffEvents,
    paths: { root: ROOT, intentsDir: corpusDir, versionsDir: path.join(work, 'versions'), testSet, reviewCorpusFile: path.join(corpusDir, 'reviewed.json') },
  });
  const app = createHttpApp({ logger });
  app.use(chatPageRouter({ demoMode: false }));
  app.use(authRouter({ users, sessions, rateLimiter: (limit) => new MemoryRateLimiter(limit), secureCookies: false, sessionTtlSeconds: 3600 }));
  for (const r of trainer.routers) app.use(r);
  finishHttpApp(app, logger);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let n = 0;
  return {
    url,
    registry,
    model,
    trainer,
    bot,
    handoffEvents,
    corpusDir,
    say: async (text) => {
      const adapter = new TestAdapter(async (ctx) => bot.run(ctx), {
        channelId: 'test',
        conversation: { id: `conv-${++n}-${Date.now()}`, isGroup: false, conversationType: 'personal', name: 't' },
        channelData: { [IDENTITY_KEY]: { customerId: null } },
      } as Partial<Activity>);
      await adapter.receiveActivity({ type: 'message', text, id: `m-${n}` });
      return (adapter.activeQueue.splice(0) as Partial<Activity>[]).filter((a) => a.type === 'message').map((a) => a.text).join('\n');
    },
    close: async () => {
      await trainer.close();
      await model.close();
      await stores.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await sandbox.close();
      for (const d of [corpusDir, path.dirname(testSet), work]) rmSync(d, { recursive: true, force: true });
    },
  };
}

/** A signed-in staff member's HTTP client (cookie + CSRF token). */
export async function signIn(url: string, username: string, password = `${username}-demo-password`) {
  const res = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`sign-in of ${username}: ${res.status}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const call = async (method: string, p: string, body?: unknown, opts: { csrf?: boolean } = {}) => {
    const headers: Record<string, string> = { cookie };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (opts.csrf !== false && method !== 'GET') headers['x-csrf-token'] = csrfToken;
    const r = await fetch(`${url}${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: r.status, body: json };
  };
  return { cookie, csrfToken, call };
}
