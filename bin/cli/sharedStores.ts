import { userInfo } from 'node:os';
import type { ModelBus } from '../../nlu/models/modelBus';
import type { ModelRegistry } from '../../nlu/models/modelRegistry';
import type { Config } from '../config';
import type { ReviewInbox } from '../../training/review/reviewInbox';
import { openStores } from '../stores';

/** The stores the running instances share, opened by a CLI. */
export interface SharedStores {
  registry: ModelRegistry;
  bus: ModelBus;
  inbox: ReviewInbox;
  close(): Promise<void>;
}

/** @throws Error explaining why `what` needs STORE=redis, when it is not set up */
export function assertSharedStore(config: Config, what: string): void {
  if (config.STORE !== 'redis' || !config.REDIS_URL) {
    throw new Error(`${what} needs STORE=redis and REDIS_URL (the servers' shared store). A STORE=memory server keeps its models and review inbox in its own memory: use its /trainer page instead.`);
  }
}

/** Who a CLI acts as in the registry's history. */
export const cliUser = (): string => `cli:${userInfo().username}`;

/**
 * Opens the model registry, the publish bus and the review inbox of the deployment (Redis, with
 * the same REDIS_URL and REDIS_PREFIX as the servers).
 * @throws Error explaining why when STORE is not redis: a STORE=memory server keeps them in its own memory
 */
export function openSharedStores(config: Config, what: string): SharedStores {
  assertSharedStore(config, what);
  const stores = openStores(config, { connectionName: 'cli' });
  return { registry: stores.registry, bus: stores.modelBus, inbox: stores.reviewInbox, close: () => stores.close() };
}
