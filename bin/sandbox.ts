import { createServer } from 'node:http';
import { loadConfig, ConfigError } from './config';
import { createLogger } from '../platform/logger';
import { startSandbox } from './startSandbox';

// The sandbox alone (`npm run sandbox`): the shop's internal APIs on SANDBOX_PORT.
async function main() {
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL, base: { service: 'sandbox' } });
  const sandbox = await startSandbox(config, logger);
  const server = createServer(sandbox.app);
  server.listen(config.SANDBOX_PORT, config.HOST, () => logger.info({ url: `http://${config.HOST}:${config.SANDBOX_PORT}` }, 'sandbox listening; OpenAPI at /openapi.json'));
  const shutdown = () => {
    logger.info('SIGTERM: closing the sandbox');
    server.close(async () => {
      await sandbox.close();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_MS).unref();
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
