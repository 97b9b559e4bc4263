import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { createActivityLog } from '../bot/channels/createActivityLog';
import { createChatServer } from '../bot/channels/chatServer';
import { RedisStorage } from '../bot/state/redisStorage';
import { ConfigError, internalApi, loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { connectRedis } from '../platform/redis';
import { startSandbox, type RunningSandbox } from '../sandbox/startSandbox';
import { CustomersClient } from '../skills/customers/customersClient';
import { startActiveModel } from '../training/startActiveModel';
import { ModelRegistry } from '../bot/nlu/modelRegistry';
import { MemoryModelBus } from '../bot/nlu/memoryModelBus';
import { RedisModelBus } from '../bot/nlu/redisModelBus';
import { createTrainer } from '../web/trainer/createTrainer';
import { MemoryDocStore } from '../platform/store/memoryDocStore';
import { RedisDocStore } from '../platform/store/redisDocStore';
import { MemoryRateLimiter } from '../platform/store/memoryRateLimiter';
import { RedisRateLimiter } from '../platform/store/redisRateLimiter';
import type { RateLimit, RateLimiter } from '../platform/store/rateLimiter';
import { authRouter } from '../web/auth/auth';
import { SessionStore } from '../web/auth/sessionStore';
import { loadUsers } from '../web/auth/users';
import { createHandoffHub } from '../web/agent/createHandoffHub';
import { currentLogContext } from '../ops/logging/logContext';
import { loadKnowledgeBase } from '../skills/knowledge/knowledgeBase';
import { buildBot } from './buildBot';
import { createProactive } from './buildProactive';
import { Ops } from './buildOps';

const ROOT = path.join(__dirname, '..');

/**
 * `npm start`: the bot's server (web chat at `/`, Direct Line at `/v3/directline`), with the
 * bundled sandbox APIs on SANDBOX_PORT unless INTERNAL_API_URL points at real ones.
 */
async function main() {
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL, base: { service: 'pawsupport' }, mixin: currentLogContext });
  const redis = config.STORE === 'redis' ? connectRedis(config.REDIS_URL!, logger, 'bot', config.REDIS_COMMAND_TIMEOUT_MS) : undefined;
  // Metrics, outcomes/KPIs, module loggers with runtime levels, health, admin (ops.log(module) is a module's logger).
  const ops = new Ops({ config, logger, redis });
  await ops.start();
  const closers: (() => Promise<unknown>)[] = [];

  const api = internalApi(config);
  let shipmentEvents: RunningSandbox['shipmentEvents'] | undefined;
  if (api.embedded) {
    const sandbox = await startSandbox(config, ops.log('sandbox'));
    shipmentEvents = sandbox.shipmentEvents;
    const sandboxServer = createServer(sandbox.app);
    await listen(sandboxServer, config.SANDBOX_PORT, config.HOST);
    logger.info({ url: api.baseUrl }, 'sandbox APIs listening (OpenAPI at /openapi.json)');
    closers.push(async () => {
      await close(sandboxServer);
      await sandbox.close();
    });
  }

  // Shared documents (Redis when STORE=redis): staff sessions, handoffs, the model registry.
  const docs = redis ? new RedisDocStore(redis, `${config.REDIS_PREFIX}app:`) : new MemoryDocStore();
  // The intent model: the registry's published version (all instances serve it and switch on a
  // publish notice without restarting), else trained from INTENTS_DIR and registered as the first.
  const registry = new ModelRegistry(docs, { keep: config.MODEL_REGISTRY_KEEP });
  const modelBus = redis ? new RedisModelBus(redis, { prefix: config.REDIS_PREFIX, logger: ops.log('nlu') }) : new MemoryModelBus();
  const model = await startActiveModel({
    registry,
    bus: modelBus,
    logger: ops.log('nlu'),
    modelDir: path.resolve(ROOT, config.MODEL_DIR),
    intentsDir: path.resolve(ROOT, config.INTENTS_DIR),
    testSet: path.resolve(ROOT, config.NLU_TEST_SET),
    thresholdsOverride: config.NLU_THRESHOLDS,
    syncIntervalMs: config.MODEL_SYNC_SECONDS * 1000,
  });
  ops.log('nlu').info({ modelVersion: model.version }, 'intent model ready');
  model.onSwitch((version) => ops.metrics.setModelVersion(version));

  const apiOptions = { baseUrl: api.baseUrl, token: api.token, timeoutMs: config.API_TIMEOUT_MS, retries: config.API_RETRIES, onCall: ops.onCall };
  // Shipping updates and renewal reminders in the customers' chats (one instance sends each).
  const proactive = createProactive({ config, logger: ops.log('proactive'), docs, redis, shipmentEvents, api: apiOptions });
  const { bot } = buildBot({
    skills: [proactive.skill],
    api: apiOptions,
    recognizer: ops.timed(model.recognizer),
    thresholds: () => model.thresholds(),
    storage: redis ? new RedisStorage(redis, `${config.REDIS_PREFIX}botstate:`, config.DIRECTLINE_RETENTION_SECONDS) : new MemoryStorage(),
    logger: ops.log('bot'),
    cardStateKey: config.CARD_STATE_KEY,
    knowledge: loadKnowledgeBase(path.resolve(ROOT, config.INTENTS_DIR, 'knowledge.json')),
    signInUrl: config.SIGN_IN_URL,
  });
  const customers = new CustomersClient(apiOptions);
  const activityLog = createActivityLog(config, ops.log('channel'), redis);

  // Rate limits are shared by every instance when Redis is used.
  const rateLimiter = (limit: RateLimit, name: string): RateLimiter =>
    redis ? new RedisRateLimiter(redis, limit, `${config.REDIS_PREFIX}ratelimit:${name}:`) : new MemoryRateLimiter(limit);
  // Staff consoles (agents, trainers, admins) share one sign-in.
  const users = loadUsers(config.USERS_FILE ? path.resolve(config.USERS_FILE) : path.join(ROOT, 'web/auth/demoUsers.json'));
  const sessions = new SessionStore(docs, config.SESSION_TTL_SECONDS);
  const auth = authRouter({ users, sessions, rateLimiter, secureCookies: (config.PUBLIC_URL ?? '').startsWith('https:'), sessionTtlSeconds: config.SESSION_TTL_SECONDS });
  // Human handoff: hub middleware on the channel, agent console at /agent (hub.events for observers).
  const handoff = createHandoffHub({ config, logger: ops.log('handoff'), docs, redis, bot, sessions });
  // Trainers: review inbox (from bot and handoff events), training jobs, publish/rollback at /trainer.
  const trainer = createTrainer({
    config,
    logger: ops.log('trainer'),
    docs,
    redis,
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
    { name: 'store', check: async () => (await docs.ping()) && (await ops.outcomes.ping()) },
    { name: 'apis', check: async () => (await apiProbe.list(), true) },
  ];

  const chat = createChatServer({
    config,
    logger: ops.log('channel'),
    bot,
    activityLog,
    redis,
    listCustomers: () => customers.list(),
    front: ops.front,
    routers: (channel) => [
      auth,
      handoff.connect(channel),
      proactive.router,
      ...trainer.routers,
      ...ops.attach({ bot, channel, sessions, checks, modelVersion: model.version, handoffEvents: handoff.events, handoffHub: handoff.hub, activityLog }),
    ],
  });

  proactive.connect(chat.channel, handoff.hub);
  await proactive.start();

  const server = createServer(chat.app);
  server.on('upgrade', (req, socket, head) => void (handoff.handleUpgrade(req, socket, head) || chat.handleUpgrade(req, socket, head)));
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
    await modelBus.close();
    server.close();
    server.closeIdleConnections();
    await ops.close();
    await activityLog.close();
    for (const c of closers) await c();
    redis?.disconnect();
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
