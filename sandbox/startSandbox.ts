import type { Express } from 'express';
import type { Redis } from 'ioredis';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/logger';
import { connectRedis } from '../platform/redis';
import type { DocStore } from '../platform/store/docStore';
import type { EventStream } from '../platform/store/eventStream';
import { MemoryDocStore } from '../platform/store/memoryDocStore';
import { MemoryEventStream } from '../platform/store/memoryEventStream';
import { RedisDocStore } from '../platform/store/redisDocStore';
import { RedisEventStream } from '../platform/store/redisEventStream';
import type { ShipmentEvent } from '../contracts/shipping';
import { systemClock, type Clock } from './clock';
import { createSandboxApp } from './createSandboxApp';
import { FaultInjector } from './http/faults';
import { seedSandbox } from './seed';

export interface RunningSandbox {
  app: Express;
  store: DocStore;
  faults: FaultInjector;
  shipmentEvents: EventStream<ShipmentEvent>;
  close(): Promise<void>;
}

/** The Redis key of the shipping event stream (the bot's proactive messages consume it). */
export const shipmentStreamKey = (redisPrefix: string) => `${redisPrefix}sandbox:events:shipments`;

/** Builds the sandbox from config: store (memory or Redis), event stream, seed data, app. */
export async function startSandbox(config: Config, logger: Logger, clock: Clock = systemClock): Promise<RunningSandbox> {
  let redis: Redis | undefined;
  let store: DocStore;
  let shipmentEvents: EventStream<ShipmentEvent>;
  if (config.STORE === 'redis') {
    redis = connectRedis(config.REDIS_URL!, logger, 'sandbox', config.REDIS_COMMAND_TIMEOUT_MS);
    store = new RedisDocStore(redis, `${config.REDIS_PREFIX}sandbox:`);
    shipmentEvents = new RedisEventStream<ShipmentEvent>(redis, config.REDIS_URL!, shipmentStreamKey(config.REDIS_PREFIX));
  } else {
    store = new MemoryDocStore();
    shipmentEvents = new MemoryEventStream<ShipmentEvent>();
  }
  if (config.SANDBOX_SEED && (await seedSandbox(store, clock))) logger.info('sandbox seeded with demo data');
  const faults = new FaultInjector(config.SANDBOX_FAULTS);
  const { app } = createSandboxApp({ store, clock, logger, shipmentEvents, carrierSecrets: config.CARRIER_SECRETS, token: config.SANDBOX_TOKEN, idempotencySecret: `idempotency:${config.SANDBOX_TOKEN}`, faults });
  return {
    app,
    store,
    faults,
    shipmentEvents,
    close: async () => {
      await shipmentEvents.close();
      await store.close();
      redis?.disconnect();
    },
  };
}
