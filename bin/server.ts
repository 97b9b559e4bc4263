import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { createChatChannel } from './createChatChannel';
import { createServerApp } from './createServerApp';
import { openStores } from './stores';
import { ConfigError, internalApi, loadConfig } from './config';
import { createLogger } from '../platform/logger';
import { startSandbox, type RunningSandbox } from './startSandbox';
import { CustomersClient } from '../skills/customers/customersClient';
import { startActiveModel } from './startActiveModel';
import { createTrainer } from './createTrainer';
import { authRouter } from '../platform/auth/auth';
import { SessionStore } from '../platform/auth/sessionStore';
import { loadUsers } from '../platform/auth/users';
import { createHandoffHub } from './createHandoffHub';
import { currentLogContext } from '../ops/logging/logContext';
import { loadKnowledgeBase } from '../skills/knowledge/knowledgeBase';
import { buildBot } from './buildBot';
import { createProactive } from './buildProactive';
import { buildOps, startTelemetry } from './buildOps';

const ROOT = path.join(__dirname, '..');

/**
 * `npm start`: the bot's server (web chat at `/`, Direct Line at `/v3/directline`), with the
 * bundled sandbox APIs on SANDBOX_PORT unless INTERNAL_API_URL points at real ones.
 */
async function main() {
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL, base: { service: 'pawsupport' }, mixin: currentLogContext });
  // Every store (memory or Redis as STORE says), one connection, one close.
  // Built on first use, after `telemetry` exists: each store logs through its module's logger.
  const stores = openStores(config, { logger, log: (module) => telemetry.log(module) });
  // Module loggers with runtime levels (telemetry.log(module)) and metrics; the rest of ops comes once the bot and channel exist.
  const telemetry = await startTelemetry({ config, logger, stores });
  const closers: (() => Promise<unknown>)[] = [];

  const api = internalApi(config);
  let shipmentEvents: RunningSandbox['shipmentEvents'] | undefined;
  if (api.embedded) {
    const sandbox = await startSandbox(config, telemetry.log('sandbox'));
    shipmentEvents = sandbox.shipmentEvents;
    const sandboxServer = createServer(sandbox.app);
    await listen(sandboxServer, config.SANDBOX_PORT, config.HOST);
    logger.info({ url: api.baseUrl }, 'sandbox APIs listening (OpenAPI at /openapi.json)');
    closers.push(async () => {
      await close(sandboxServer);
      await sandbox.close();
    });
  }

  // Shared documents: staff sessions, handoffs, the model registry.
  const docs = stores.docs;
  // The intent model: the registry's published version (all instances serve it and switch on a
  // publish notice without restarting), else trained from INTENTS_DIR and registered as the first.
  const registry = stores.registry;
  const modelBus = stores.modelBus;
  const model = await startActiveModel({
    registry,
    bus: modelBus,
    logger: telemetry.log('nlu'),
    modelDir: path.resolve(ROOT, config.MODEL_DIR),
    intentsDir: path.resolve(ROOT, config.INTENTS_DIR),
    testSet: path.resolve(ROOT, config.NLU_TEST_SET),
    thresholdsOverride: config.NLU_THRESHOLDS,
    syncIntervalMs: config.MODEL_SYNC_SECONDS * 1000,
  });
  telemetry.log('nlu').info({ modelVersion: model.version }, 'intent model ready');
  model.onSwitch((version) => telemetry.metrics.setModelVersion(version));

  const apiOptions = { baseUrl: api.baseUrl, token: api.token, timeoutMs: config.API_TIMEOUT_MS, retries: config.API_RETRIES, onCall: telemetry.onCall };
  // Shipping updates and renewal reminders in the customers' chats (one instance sends each).
  const proactive = createProactive({ config, logger: telemetry.log('proactive'), docs, shipments: stores.shipmentGroup({ claimIdleMs: config.PROACTIVE_CLAIM_SECONDS * 1000, local: shipmentEvents }), api: apiOptions });
  const { bot } = buildBot({
    skills: [proactive.skill],
    api: apiOptions,
    recognizer: telemetry.timed(model.recognizer),
    thresholds: () => model.thresholds(),
    storage: stores.botState,
    logger: telemetry.log('bot'),
    cardStateKey: config.CARD_STATE_KEY,
    knowledge: loadKnowledgeBase(path.resolve(ROOT, config.INTENTS_DIR, 'knowledge.json')),
    signInUrl: config.SIGN_IN_URL,
  });
  const customers = new CustomersClient(apiOptions);
  const activityLog = stores.activityLog;
  // Rate limits are shared by every instance when Redis is used.
  const rateLimiter = stores.rateLimiter;
  const channel = createChatChannel({ config, logger: telemetry.log('channel'), bot, activityLog, rateLimiter });
  // Staff consoles (agents, trainers, admins) share one sign-in.
  const users = loadUsers(config.USERS_FILE ? path.resolve(config.USERS_FILE) : path.join(ROOT, 'platform/auth/demoUsers.json'));
  const sessions = new SessionStore(docs, config.SESSION_TTL_SECONDS);
  const auth = authRouter({ users, sessions, rateLimiter, secureCookies: (config.PUBLIC_URL ?? '').startsWith('https:'), sessionTtlSeconds: config.SESSION_TTL_SECONDS });
  // Human handoff: hub middleware on the channel, agent console at /agent (hub.events for observers).
  const handoff = createHandoffHub({ config, logger: telemetry.log('handoff'), docs, bus: stores.handoffBus, bot, sessions });
  // Trainers: review inbox (from bot and handoff events), training jobs, publish/rollback at /trainer.
  const trainer = createTrainer({
    config,
    logger: telemetry.log('trainer'),
    docs,
    inbox: stores.reviewInbox,
    rateLimiter,
    sessions,
    registry,
    bus: modelBus,
    model,
    botEvents: bot.events,
    handoffEvents: handoff.events,
    paths: {
      root: ROOT,
      intentsDir: path.resolve(ROOT, config.INTENTS_DIR),
      versionsDir: path.resolve(ROOT, config.MODEL_VERSIONS_DIR),
      testSet: path.resolve(ROOT, config.NLU_TEST_SET),
      reviewCorpusFile: path.resolve(ROOT, config.REVIEW_CORPUS_FILE),
    },
  });
  // Readiness: a cheap call to the internal APIs, no retries, not counted in the API metrics.
  const apiProbe = new CustomersClient({ baseUrl: api.baseUrl, token: api.token, timeoutMs: config.READINESS_TIMEOUT_MS, retries: 0 });
  const checks = [
    { name: 'model', check: async () => model.recognizer.modelVersion.length > 0 },
    { name: 'store', check: async () => (await docs.ping()) && (await stores.outcomes.ping()) },
    { name: 'apis', check: async () => (await apiProbe.list(), true) },
  ];

  // The hub's middleware goes on the channel before the ops turn middleware.
  const handoffRouter = handoff.connect(channel);
  // Metrics, outcomes/KPIs, health, admin, the idle sweep: one call.
  const ops = buildOps({ config, telemetry, bot, channel, sessions, checks, modelVersion: model.version, handoffEvents: handoff.events, handoffHub: handoff.hub, activityLog });
  const chat = createServerApp({
    config,
    logger: telemetry.log('channel'),
    channel,
    listCustomers: () => customers.list(),
    front: ops.front,
    routers: [
      auth,
      handoffRouter,
      proactive.router,
      ...trainer.routers,
      ...ops.routers,
    ],
    upgrades: [handoff.handleUpgrade],
  });

  proactive.connect(channel, handoff.hub);
  await proactive.start();

  const server = createServer(chat.app);
  chat.attach(server);
  await listen(server, config.PORT, config.HOST);
  logger.info({ url: `http://${config.HOST}:${config.PORT}` }, 'PawSupport is up: open the URL to chat');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight turns');
    setTimeout(() => {
      logger.warn('grace period over: exiting');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS).unref();
    // Draining: not ready, new conversations get 503 + Retry-After, running conversations go on
    // (polling clients fetch their replies) until the running turns finish; then the streams
    // close with a reconnect hint (1012) and the listener closes.
    await ops.drain();
    await proactive.close();
    await chat.close(Math.max(0, config.SHUTDOWN_GRACE_MS - 1000));
    await handoff.close();
    await trainer.close();
    await model.close();
    server.close();
    server.closeIdleConnections();
    await ops.close();
    await stores.close();
    for (const c of closers) await c();
    logger.info('bye');
    logger.flush();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
