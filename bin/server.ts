import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { createActivityLog } from '../bot/channels/createActivityLog';
import { createChatServer } from '../bot/channels/chatServer';
import { RedisStorage } from '../bot/state/redisStorage';
import { ConfigError, internalApi, loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { connectRedis } from '../platform/redis';
import { startSandbox } from '../sandbox/startSandbox';
import { CustomersClient } from '../skills/customers/customersClient';
import { loadOrTrain } from '../training/trainModel';
import { MemoryDocStore } from '../platform/store/memoryDocStore';
import { RedisDocStore } from '../platform/store/redisDocStore';
import { authRouter } from '../web/auth/auth';
import { SessionStore } from '../web/auth/sessionStore';
import { loadUsers } from '../web/auth/users';
import { buildBot } from './buildBot';

const ROOT = path.join(__dirname, '..');

/**
 * `npm start`: the bot's server (web chat at `/`, Direct Line at `/v3/directline`), with the
 * bundled sandbox APIs on SANDBOX_PORT unless INTERNAL_API_URL points at real ones.
 */
async function main() {
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL, base: { service: 'pawsupport' } });
  const redis = config.STORE === 'redis' ? connectRedis(config.REDIS_URL!, logger, 'bot') : undefined;
  const closers: (() => Promise<unknown>)[] = [];

  const api = internalApi(config);
  if (api.embedded) {
    const sandbox = await startSandbox(config, logger.child({ module: 'sandbox' }));
    const sandboxServer = createServer(sandbox.app);
    await listen(sandboxServer, config.SANDBOX_PORT, config.HOST);
    logger.info({ url: api.baseUrl }, 'sandbox APIs listening (OpenAPI at /openapi.json)');
    closers.push(async () => {
      await close(sandboxServer);
      await sandbox.close();
    });
  }

  const model = await loadOrTrain(path.resolve(ROOT, config.MODEL_DIR), path.resolve(ROOT, config.INTENTS_DIR), {
    thresholdsOverride: config.NLU_THRESHOLDS,
    onProgress: (m) => logger.info({ module: 'nlu' }, m),
  });
  // The entity recognizers build their tables on first use (~250 ms): pay that before the first customer does.
  await model.recognizer.recognize('pause my order PS-10042 until March 3rd for 2 weeks, 500 points');
  logger.info({ module: 'nlu', modelVersion: model.metadata.modelVersion, trained: model.trained }, 'intent model ready');

  const apiOptions = { baseUrl: api.baseUrl, token: api.token, timeoutMs: config.API_TIMEOUT_MS, retries: config.API_RETRIES };
  const { bot } = buildBot({
    api: apiOptions,
    recognizer: model.recognizer,
    thresholds: () => model.thresholds,
    storage: redis ? new RedisStorage(redis, `${config.REDIS_PREFIX}botstate:`, config.DIRECTLINE_RETENTION_SECONDS) : new MemoryStorage(),
    logger: logger.child({ module: 'bot' }),
  });
  const customers = new CustomersClient(apiOptions);
  const activityLog = createActivityLog(config, logger.child({ module: 'channel' }), redis);

  // Staff consoles (agents, trainers, admins) share one sign-in.
  const docs = redis ? new RedisDocStore(redis, `${config.REDIS_PREFIX}app:`) : new MemoryDocStore();
  const users = loadUsers(config.USERS_FILE ? path.resolve(config.USERS_FILE) : path.join(ROOT, 'web/auth/demoUsers.json'));
  const sessions = new SessionStore(docs, config.SESSION_TTL_SECONDS);
  const auth = authRouter({ users, sessions, docs, secureCookies: (config.PUBLIC_URL ?? '').startsWith('https:'), sessionTtlSeconds: config.SESSION_TTL_SECONDS });

  const chat = createChatServer({
    config,
    logger: logger.child({ module: 'channel' }),
    bot,
    activityLog,
    listCustomers: () => customers.list(),
    routers: () => [auth],
  });

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
    server.close();
    await chat.close();
    server.closeIdleConnections();
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
