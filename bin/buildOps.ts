import type { RequestHandler } from 'express';
import { Registry } from 'prom-client';
import type { HandoffEvents } from '../bot/handoff/handoffEvents';
import type { Recognizer } from '../nlu/recognizer';
import type { PawBot } from '../bot/PawBot';
import type { DirectLineChannel } from '../bot/channels/directLine/directLineChannel';
import type { ActivityLog } from '../bot/channels/activityLog';
import { handoffLiveReader, type LiveHub } from '../ops/live/handoffLiveReader';
import { LiveFeed } from '../ops/live/liveFeed';
import { adminApiRouter } from '../ops/admin/adminApiRouter';
import { requireAdmin } from '../ops/admin/requireAdmin';
import { healthRouter } from '../ops/health/healthRouter';
import { Readiness, type ReadinessCheck } from '../ops/health/readiness';
import { IdleSweeper } from '../ops/idle/idleSweeper';
import { drainGuard } from '../ops/lifecycle/drainGuard';
import { LogLevels, type LevelName } from '../ops/logging/logLevels';
import { RedisLogLevelSync, type LogLevelSync } from '../ops/logging/logLevelSync';
import { requestLogContext } from '../ops/logging/requestLogContext';
import { httpErrorCounter } from '../ops/metrics/httpErrorCounter';
import { metricsRouter } from '../ops/metrics/metricsRouter';
import { observeBotMetrics, observeHandoffMetrics } from '../ops/metrics/observeEvents';
import { observeRedis } from '../ops/metrics/observeRedis';
import { OpsMetrics } from '../ops/metrics/opsMetrics';
import { timedRecognizer } from '../ops/metrics/timedRecognizer';
import { opsTurnMiddleware } from '../ops/metrics/turnMiddleware';
import { OutcomeRecorder } from '../ops/outcomes/outcomeRecorder';
import type { OutcomeStore } from '../ops/outcomes/outcomeStore';
import type { Config } from './config';
import type { Logger } from '../platform/logger';
import type { ApiClientOptions } from '../skills/shared/apiClient';
import { adminPageRouter } from '../web/admin/adminPage';
import { requireUser } from '../platform/auth/auth';
import type { SessionStore } from '../platform/auth/sessionStore';
import type { Stores } from './stores';

/** What operations need before the bot exists. */
export interface TelemetryParts {
  config: Config;
  /** The root logger (its level is managed by {@link Telemetry.logLevels} from now on). */
  logger: Logger;
  /** The process's stores: outcomes, the log-level sync and the Redis connection to observe. */
  stores: Pick<Stores, 'redis' | 'outcomes' | 'logLevelSync'>;
  /** A registry of its own (tests); default a new one. */
  registry?: Registry;
}

/**
 * The part of operations every other object is built with: module loggers whose levels change
 * at runtime (shared through Redis), and the metrics (one registry) with the hooks for API calls
 * and the recognizer. Started by {@link startTelemetry}, before the bot; {@link buildOps} adds
 * the rest once the bot and the channel exist.
 */
export class Telemetry {
  readonly registry: Registry;
  readonly metrics: OpsMetrics;
  readonly logLevels: LogLevels;
  readonly outcomes: OutcomeStore;
  readonly sync: LogLevelSync;
  private readonly stops: (() => void)[] = [];
  private recognizer?: Recognizer;

  constructor(parts: TelemetryParts) {
    const { config, stores } = parts;
    this.logLevels = new LogLevels(parts.logger, config.LOG_LEVEL as LevelName);
    this.registry = parts.registry ?? new Registry();
    this.outcomes = stores.outcomes;
    const idleMs = config.CONVERSATION_IDLE_MINUTES * 60_000;
    this.metrics = new OpsMetrics(this.registry, {
      activeConversations: () => this.outcomes.countOpen(new Date(Date.now() - idleMs)),
      modelVersion: () => this.recognizer?.modelVersion,
    });
    if (stores.redis) this.stops.push(observeRedis(this.metrics, stores.redis, 'main'));
    const { sync, subscriber } = stores.logLevelSync(this.logLevels, this.log('ops'));
    this.sync = sync;
    if (subscriber) this.stops.push(observeRedis(this.metrics, subscriber, 'ops-subscriber'));
  }

  /** The logger of a module (`bot`, `nlu`, `channel`, `skills.shipping`…): its level can change at runtime. */
  log(module: string): Logger {
    return this.logLevels.logger(module);
  }

  /** Loads the log levels in force on the other instances and follows their changes. */
  async start(): Promise<void> {
    if (this.sync instanceof RedisLogLevelSync) await this.sync.start();
  }

  /** `ApiClientOptions.onCall`: API call metrics, and a debug line on the `skills.<api>` logger. */
  readonly onCall: NonNullable<ApiClientOptions['onCall']> = (call) => {
    this.metrics.apiCall(call);
    this.log(`skills.${call.api}`).debug({ route: call.route, method: call.method, status: call.status, ms: Math.round(call.ms) }, 'internal API call');
  };

  /** The recognizer with its latency measured; `paw_model_info` follows its model version. */
  timed(recognizer: Recognizer): Recognizer {
    this.recognizer = recognizer;
    return timedRecognizer(recognizer, this.metrics);
  }

  /** Lets go of the log-level subscription and the Redis observers. */
  async close(): Promise<void> {
    for (const s of this.stops.splice(0)) s();
    this.logLevels.close();
    await this.sync.close();
  }
}

/** {@link Telemetry}, started (the log levels in force on the other instances loaded). */
export async function startTelemetry(parts: TelemetryParts): Promise<Telemetry> {
  const telemetry = new Telemetry(parts);
  await telemetry.start();
  return telemetry;
}

/** Everything operations watch, once it exists. */
export interface OpsParts {
  config: Config;
  telemetry: Telemetry;
  bot: PawBot;
  /** The chat channel: turn metrics, and the idle sweep's rating question. */
  channel: DirectLineChannel;
  sessions: SessionStore;
  /** Readiness checks besides draining (model, store, APIs). */
  checks: ReadinessCheck[];
  /** The model version at start (the gauge follows the recognizer given to {@link Telemetry.timed} when there is one). */
  modelVersion: string;
  /** The handoff hub's events, once there is a hub. */
  handoffEvents?: HandoffEvents;
  /** The handoff hub itself: the admin's live panel (queue, agents online). */
  handoffHub?: LiveHub;
  /** The chat channel's history: transcripts in the admin's conversation browser. */
  activityLog?: ActivityLog;
  /** The idle sweep's clock (tests move it forward). */
  now?: () => Date;
}

/** Operations, wired (see {@link buildOps}). */
export interface Ops {
  readonly registry: Registry;
  readonly metrics: OpsMetrics;
  readonly logLevels: LogLevels;
  readonly outcomes: OutcomeStore;
  readonly recorder: OutcomeRecorder;
  readonly readiness: Readiness;
  /** The logger of a module (see {@link Telemetry.log}). */
  log(module: string): Logger;
  /** Middleware for the front of the HTTP app (before every route). */
  readonly front: RequestHandler[];
  /** `/healthz`, `/readyz`, `/metrics`, `/admin…`. */
  readonly routers: RequestHandler[];
  /** One idle sweep now (it also runs every IDLE_SWEEP_SECONDS). @returns conversations this instance closed. */
  sweepIdle(): Promise<number>;
  /** Shutdown begins: not ready, no new conversations, no more idle sweeps. */
  drain(): Promise<void>;
  /** Waits for pending outcome writes and lets go of timers, subscriptions and the telemetry. */
  close(): Promise<void>;
}

/** The live panel re-reads the queue this often while an admin watches (other instances' changes, presence). */
const LIVE_INTERVAL_MS = 3000;
const HUB_CHANGES = ['queued', 'accepted', 'completed', 'cancelled', 'ticket', 'queueLength'] as const;

/**
 * Operations, built in one call once the bot and the channel exist: conversation outcomes and
 * KPIs, readiness and draining, the idle sweep with its rating question, turn and event metrics,
 * and the `/metrics`, `/healthz`, `/readyz`, `/admin…` surfaces.
 */
export function buildOps(p: OpsParts): Ops {
  const { config, telemetry: t } = p;
  const stops: (() => void)[] = [];
  const log = (module: string) => t.log(module);
  const recorder = new OutcomeRecorder({
    store: t.outcomes,
    logger: log('ops'),
    onEnded: (o) => t.metrics.conversationEnded(o),
    onError: () => t.metrics.errors.inc({ type: 'outcome_store' }),
  });
  const readiness = new Readiness([...p.checks], config.READINESS_TIMEOUT_MS);
  t.metrics.setModelVersion(p.modelVersion);
  p.channel.use(opsTurnMiddleware(t.metrics));
  stops.push(observeBotMetrics(t.metrics, p.bot.events));
  recorder.observeBot(p.bot.events);
  const events = p.handoffEvents;
  if (events) {
    stops.push(observeHandoffMetrics(t.metrics, events));
    recorder.observeHandoff(events);
  }
  const sweeper = new IdleSweeper({
    store: t.outcomes,
    idleMs: config.CONVERSATION_IDLE_MINUTES * 60_000,
    intervalMs: config.IDLE_SWEEP_SECONDS * 1000,
    askForRating: (conversationId) => p.channel.continueConversation(conversationId, async (context) => void (await p.bot.askForRatingWhenIdle(context))),
    onClosed: (o) => t.metrics.conversationEnded(o),
    onError: () => t.metrics.errors.inc({ type: 'idle_sweep' }),
    logger: log('ops'),
    now: p.now,
  }).start();
  const live = p.handoffHub
    ? new LiveFeed({
        read: handoffLiveReader(p.handoffHub),
        intervalMs: LIVE_INTERVAL_MS,
        logger: log('ops'),
        onChange: events
          ? (listener) => {
              for (const name of HUB_CHANGES) events.on(name, listener);
              return () => HUB_CHANGES.forEach((name) => events.off(name, listener));
            }
          : undefined,
      })
    : undefined;
  const admin = requireAdmin(p.sessions, config.ADMIN_TOKEN);
  return {
    registry: t.registry,
    metrics: t.metrics,
    logLevels: t.logLevels,
    outcomes: t.outcomes,
    recorder,
    readiness,
    log,
    front: [requestLogContext, httpErrorCounter(t.metrics), drainGuard(() => readiness.isDraining)],
    routers: [
      healthRouter(readiness),
      metricsRouter(t.registry, config.METRICS_TOKEN),
      adminApiRouter({
        outcomes: t.outcomes,
        logLevels: t.logLevels,
        logLevelSync: t.sync,
        requireAdmin: admin,
        sessions: p.sessions,
        logger: log('ops'),
        activityLog: p.activityLog,
        botName: config.CHAT_BOT_NAME,
        live,
      }),
      adminPageRouter(requireUser(p.sessions, ['admin'])),
    ],
    sweepIdle: () => sweeper.sweep(),
    drain: async () => {
      readiness.startDraining();
      await sweeper.stop();
    },
    close: async () => {
      await sweeper.stop();
      await recorder.idle();
      recorder.close();
      live?.close();
      for (const s of stops.splice(0)) s();
      await t.close();
    },
  };
}
