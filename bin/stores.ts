import { MemoryStorage, type Storage } from 'botbuilder';
import type { Redis } from 'ioredis';
import type { ActivityLog } from '../bot/channels/activityLog';
import { MemoryActivityLog } from '../bot/channels/memoryActivityLog';
import { RedisActivityLog } from '../bot/channels/redisActivityLog';
import type { HandoffBus } from '../bot/handoff/handoffBus';
import { MemoryHandoffBus } from '../bot/handoff/memoryHandoffBus';
import { RedisHandoffBus } from '../bot/handoff/redisHandoffBus';
import { RedisStorage } from '../bot/state/redisStorage';
import type { ShipmentEvent } from '../contracts/shipping';
import { MemoryModelBus } from '../nlu/models/memoryModelBus';
import type { ModelBus } from '../nlu/models/modelBus';
import { ModelRegistry } from '../nlu/models/modelRegistry';
import { RedisModelBus } from '../nlu/models/redisModelBus';
import type { LogLevels } from '../ops/logging/logLevels';
import { localLogLevelSync, RedisLogLevelSync, type LogLevelSync } from '../ops/logging/logLevelSync';
import { MemoryOutcomeStore } from '../ops/outcomes/memoryOutcomeStore';
import type { OutcomeStore } from '../ops/outcomes/outcomeStore';
import { RedisOutcomeStore } from '../ops/outcomes/redisOutcomeStore';
import type { Logger } from '../platform/logger';
import { connectRedis } from '../platform/redis';
import type { DocStore } from '../platform/store/docStore';
import type { EventStream } from '../platform/store/eventStream';
import { MemoryStreamGroup } from '../platform/store/memoryStreamGroup';
import { RedisStreamGroup } from '../platform/store/redisStreamGroup';
import type { StreamGroup } from '../platform/store/streamGroup';
import { MemoryDocStore } from '../platform/store/memoryDocStore';
import { MemoryEventStream } from '../platform/store/memoryEventStream';
import { MemoryRateLimiter } from '../platform/store/memoryRateLimiter';
import type { RateLimit, RateLimiter } from '../platform/store/rateLimiter';
import { RedisDocStore } from '../platform/store/redisDocStore';
import { RedisEventStream } from '../platform/store/redisEventStream';
import { RedisRateLimiter } from '../platform/store/redisRateLimiter';
import { MemoryReviewInbox } from '../training/review/memoryReviewInbox';
import { RedisReviewInbox } from '../training/review/redisReviewInbox';
import type { ReviewInbox } from '../training/review/reviewInbox';
import type { Config } from './config';

type StoreConfig = Pick<
  Config,
  | 'STORE'
  | 'REDIS_URL'
  | 'REDIS_PREFIX'
  | 'REDIS_COMMAND_TIMEOUT_MS'
  | 'DIRECTLINE_RETENTION_SECONDS'
  | 'DIRECTLINE_MAX_ACTIVITIES'
  | 'OUTCOME_RETENTION_DAYS'
  | 'MODEL_REGISTRY_KEEP'
  | 'REVIEW_INBOX_MAX'
>;

export interface StoreOptions {
  /** The Redis connection's logger. */
  logger?: Logger;
  /** A module's logger (`nlu`, `channel`, `handoff`…); default: none. */
  log?: (module: string) => Logger | undefined;
  /**
   * A connection to use instead of opening one from `REDIS_URL` (tests, benchmarks): the stores
   * are then Redis-backed whatever `STORE` says, and the caller disconnects it.
   */
  redis?: Redis;
  /** The connection's name in `CLIENT LIST` (`paw-<name>`). */
  connectionName?: string;
}

/**
 * Every store of a process, memory or Redis as `STORE` says: the one place that makes that
 * choice and spells the Redis key prefixes. Each store is built on first use (a CLI that only
 * needs the registry opens nothing else) and {@link close} closes the ones that were.
 */
export interface Stores {
  /** The shared connection when the stores are in Redis. */
  readonly redis?: Redis;
  /** Shared documents: staff sessions, handoffs, the model registry, training jobs. */
  readonly docs: DocStore;
  /** botbuilder conversation state. */
  readonly botState: Storage;
  /** The chat channel's conversations and their history. */
  readonly activityLog: ActivityLog;
  /** Publish notices of the intent model between instances. */
  readonly modelBus: ModelBus;
  /** The handoff hub's notices between instances. */
  readonly handoffBus: HandoffBus;
  /** Conversation outcomes (KPIs). */
  readonly outcomes: OutcomeStore;
  /** The intent model versions, in {@link docs}. */
  readonly registry: ModelRegistry;
  /** The trainers' review inbox. */
  readonly reviewInbox: ReviewInbox;
  /** A rate limiter named `name` (its own keys; shared by every instance in Redis). */
  rateLimiter(limit: RateLimit, name: string): RateLimiter;
  /**
   * The proactive messages' consumer group on the shipping events: in Redis, on the sandbox's
   * stream (`streamKey`, default the bundled sandbox's under `REDIS_PREFIX`), one group for
   * every instance; in memory, on the embedded sandbox's `local` stream (none without it).
   */
  shipmentGroup(o: { claimIdleMs: number; local?: EventStream<ShipmentEvent>; streamKey?: string }): StreamGroup<ShipmentEvent> | undefined;
  /** Runtime log levels shared by every instance (in Redis), or this process's own. */
  logLevelSync(levels: LogLevels, logger: Logger): { sync: LogLevelSync; subscriber?: Redis };
  /** Closes the stores that were built, then the connection this opened. */
  close(): Promise<void>;
}

/** Opens the stores `config.STORE` asks for (see {@link Stores}). */
export function openStores(config: StoreConfig, options: StoreOptions = {}): Stores {
  const log = (module: string) => options.log?.(module);
  const owned = !options.redis && config.STORE === 'redis';
  const redis = options.redis ?? (owned ? connectRedis(config.REDIS_URL!, options.logger, options.connectionName ?? 'bot', config.REDIS_COMMAND_TIMEOUT_MS) : undefined);
  const prefix = config.REDIS_PREFIX;
  const closers: (() => Promise<unknown> | void)[] = [];
  const lazy = <T>(build: () => T, close?: (value: T) => Promise<unknown> | void) => {
    let value: T | undefined;
    return () => {
      if (value === undefined) {
        value = build();
        if (close) closers.push(() => close(value!));
      }
      return value;
    };
  };
  const docs = lazy<DocStore>(() => (redis ? new RedisDocStore(redis, `${prefix}app:`) : new MemoryDocStore()));
  const botState = lazy<Storage>(() => (redis ? new RedisStorage(redis, `${prefix}botstate:`, config.DIRECTLINE_RETENTION_SECONDS) : new MemoryStorage()));
  const activityLog = lazy<ActivityLog>(() => {
    const o = { retentionSeconds: config.DIRECTLINE_RETENTION_SECONDS, maxActivities: config.DIRECTLINE_MAX_ACTIVITIES };
    return redis ? new RedisActivityLog(redis, { ...o, prefix, logger: log('channel'), commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS }) : new MemoryActivityLog(o);
  }, (l) => l.close());
  const modelBus = lazy<ModelBus>(() => (redis ? new RedisModelBus(redis, { prefix, logger: log('nlu') }) : new MemoryModelBus()), (b) => b.close());
  const handoffBus = lazy<HandoffBus>(() => (redis ? new RedisHandoffBus(redis, { prefix, logger: log('handoff') }) : new MemoryHandoffBus()), (b) => b.close());
  const outcomes = lazy<OutcomeStore>(
    () => (redis ? new RedisOutcomeStore(redis, `${prefix}ops:`, { retentionDays: config.OUTCOME_RETENTION_DAYS }) : new MemoryOutcomeStore({ retentionDays: config.OUTCOME_RETENTION_DAYS })),
    (o) => o.close(),
  );
  const registry = lazy(() => new ModelRegistry(docs(), { keep: config.MODEL_REGISTRY_KEEP }));
  const reviewInbox = lazy<ReviewInbox>(() => (redis ? new RedisReviewInbox(redis, prefix, config.REVIEW_INBOX_MAX) : new MemoryReviewInbox(config.REVIEW_INBOX_MAX)), (i) => i.close());
  return {
    redis,
    get docs() { return docs(); },
    get botState() { return botState(); },
    get activityLog() { return activityLog(); },
    get modelBus() { return modelBus(); },
    get handoffBus() { return handoffBus(); },
    get outcomes() { return outcomes(); },
    get registry() { return registry(); },
    get reviewInbox() { return reviewInbox(); },
    rateLimiter: (limit, name) => (redis ? new RedisRateLimiter(redis, limit, `${prefix}ratelimit:${name}:`) : new MemoryRateLimiter(limit)),
    shipmentGroup: ({ claimIdleMs, local, streamKey }) => {
      const o = { group: 'proactive', claimIdleMs };
      if (redis) return new RedisStreamGroup<ShipmentEvent>(redis, streamKey ?? shipmentStreamKey(prefix), o);
      return local && new MemoryStreamGroup(local, o);
    },
    logLevelSync: (levels, logger) => {
      if (!redis) return { sync: localLogLevelSync() };
      const subscriber = redis.duplicate({ connectionName: 'paw-ops-sub' });
      closers.push(() => subscriber.disconnect());
      return { sync: new RedisLogLevelSync(redis, subscriber, levels, logger, prefix), subscriber };
    },
    close: async () => {
      for (const c of closers.splice(0).reverse()) await c();
      if (owned) redis?.disconnect();
    },
  };
}

/** The Redis key of the bundled sandbox's shipping event stream (the proactive messages consume it). */
export const shipmentStreamKey = (redisPrefix: string) => `${redisPrefix}sandbox:events:shipments`;

/** The sandbox's own stores (shop data and shipment events), memory or Redis as `STORE` says. */
export function openSandboxStores(
  config: Pick<Config, 'STORE' | 'REDIS_URL' | 'REDIS_PREFIX' | 'REDIS_COMMAND_TIMEOUT_MS'>,
  logger: Logger,
): { store: DocStore; shipmentEvents: EventStream<ShipmentEvent>; close(): Promise<void> } {
  if (config.STORE !== 'redis') {
    const store = new MemoryDocStore();
    const shipmentEvents = new MemoryEventStream<ShipmentEvent>();
    return { store, shipmentEvents, close: async () => void (await shipmentEvents.close(), await store.close()) };
  }
  const redis = connectRedis(config.REDIS_URL!, logger, 'sandbox', config.REDIS_COMMAND_TIMEOUT_MS);
  const store = new RedisDocStore(redis, `${config.REDIS_PREFIX}sandbox:`);
  const shipmentEvents = new RedisEventStream<ShipmentEvent>(redis, config.REDIS_URL!, shipmentStreamKey(config.REDIS_PREFIX));
  return {
    store,
    shipmentEvents,
    close: async () => {
      await shipmentEvents.close();
      await store.close();
      redis.disconnect();
    },
  };
}
