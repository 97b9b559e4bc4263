import type { Express } from 'express';
import type { Config } from './config';
import type { Logger } from '../platform/logger';
import type { DocStore } from '../platform/store/docStore';
import type { EventStream } from '../platform/store/eventStream';
import type { ShipmentEvent } from '../contracts/shipping';
import { systemClock, type Clock } from '../sandbox/clock';
import { createSandboxApp } from '../sandbox/createSandboxApp';
import { FaultInjector } from '../sandbox/http/faults';
import { seedSandbox } from '../sandbox/seed';
import { openSandboxStores } from './stores';

export interface RunningSandbox {
  app: Express;
  store: DocStore;
  faults: FaultInjector;
  shipmentEvents: EventStream<ShipmentEvent>;
  close(): Promise<void>;
}

/** Builds the sandbox from config: store (memory or Redis), event stream, seed data, app. */
export async function startSandbox(config: Config, logger: Logger, clock: Clock = systemClock): Promise<RunningSandbox> {
  const { store, shipmentEvents, close } = openSandboxStores(config, logger);
  if (config.SANDBOX_SEED && (await seedSandbox(store, clock))) logger.info('sandbox seeded with demo data');
  const faults = new FaultInjector(config.SANDBOX_FAULTS);
  const { app } = createSandboxApp({ store, clock, logger, shipmentEvents, carrierSecrets: config.CARRIER_SECRETS, token: config.SANDBOX_TOKEN, idempotencySecret: `idempotency:${config.SANDBOX_TOKEN}`, faults });
  return {
    app,
    store,
    faults,
    shipmentEvents,
    close,
  };
}
