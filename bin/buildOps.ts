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

export interface OpsParts {
  config: Config;
  /** The root logger (its level is managed by {@link Ops.logLevels} from now on). */
  logger: Logger;
  /** The process's stores: outcomes, the log-level sync and the Redis connection to observe. */
  stores: Pick<Stores, 'redis' | 'outcomes' | 'logLevelSync'>;
  /** A registry of its own (tests); default a new one. */
  registry?: Registry;
  /** The idle sweep's clock (tests move it forward). */
  now?: () => Date;
}

/** What the rest of the server needs once the bot and the channel exist. */
export interface OpsAttachment {
  bot: PawBot;
  channel: DirectLineChannel;
  sessions: SessionStore;
  /** Readiness checks besides draining (model, store, APIs). */
  checks: ReadinessCheck[];
  /** The model version at start (the gauge follows the recognizer given to {@link Ops.timed} when there is one). */
  modelVersion: string;
  /** The handoff hub's events, once there is a hub. */
  handoffEvents?: HandoffEvents;
  /** The handoff hub itself: the admin's live panel (queue, agents online). */
  handoffHub?: LiveHub;
  /** The chat channel's history: transcripts in the admin's conversation browser. */
  activityLog?: ActivityLog;
}

/** The live panel re-reads the queue this often while an admin watches (other instances' changes, presence). */
const LIVE_INTERVAL_MS = 3000;
const HUB_CHANGES = ['queued', 'accepted', 'completed', 'cancelled', 'ticket', 'queueLength'] as const;

/**
 * Operations, wired: metrics (one registry), conversation outcomes and KPIs, runtime log levels
 * (shared through Redis), readiness and draining, the idle sweep with its rating question, and
 * the `/metrics`, `/healthz`, `/readyz`, `/admin…` surfaces.
 */
export class Ops {
  readonly registry: Registry;
  readonly metrics: OpsMetrics;
  readonly logLevels: LogLevels;
  readonly outcomes: OutcomeStore;
  readonly recorder: OutcomeRecorder;
  readonly readiness: Readiness;
  private readonly sync: LogLevelSync;
  private sweeper?: IdleSweeper;
  private readonly stops: (() => void)[] = [];
  private readonly checks: ReadinessCheck[] = [];
  private recognizer?: Recognizer;
  private live?: LiveFeed;

  constructor(private readonly parts: OpsParts) {
    const { config, stores } = parts;
    const redis = stores.redis;
    this.logLevels = new LogLevels(parts.logger, config.LOG_LEVEL as LevelName);
    this.registry = parts.registry ?? new Registry();
    this.outcomes = stores.outcomes;
    const idleMs = config.CONVERSATION_IDLE_MINUTES * 60_000;
    this.metrics = new OpsMetrics(this.registry, {
      activeConversations: () => this.outcomes.countOpen(new Date(Date.now() - idleMs)),
      modelVersion: () => this.recognizer?.modelVersion,
    });
    this.recorder = new OutcomeRecorder({
      store: this.outcomes,
      logger: this.log('ops'),
      onEnded: (o) => this.metrics.conversationEnded(o),
      onError: () => this.metrics.errors.inc({ type: 'outcome_store' }),
    });
    this.readiness = new Readiness(this.checks, config.READINESS_TIMEOUT_MS);
    if (redis) this.stops.push(observeRedis(this.metrics, redis, 'main'));
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

  /** Middleware for the front of the HTTP app (before every route). */
  get front(): RequestHandler[] {
    return [requestLogContext, httpErrorCounter(this.metrics), drainGuard(() => this.readiness.isDraining)];
  }

  /** Hooks into the bot, channel and hub; starts the idle sweep. @returns the routers to mount. */
  attach(a: OpsAttachment): RequestHandler[] {
    const { config } = this.parts;
    this.checks.push(...a.checks);
    this.metrics.setModelVersion(a.modelVersion);
    a.channel.use(opsTurnMiddleware(this.metrics));
    this.stops.push(observeBotMetrics(this.metrics, a.bot.events));
    this.recorder.observeBot(a.bot.events);
    if (a.handoffEvents) {
      this.stops.push(observeHandoffMetrics(this.metrics, a.handoffEvents));
      this.recorder.observeHandoff(a.handoffEvents);
    }
    this.sweeper = new IdleSweeper({
      store: this.outcomes,
      idleMs: config.CONVERSATION_IDLE_MINUTES * 60_000,
      intervalMs: config.IDLE_SWEEP_SECONDS * 1000,
      askForRating: (conversationId) => a.channel.continueConversation(conversationId, async (context) => void (await a.bot.askForRatingWhenIdle(context))),
      onClosed: (o) => this.metrics.conversationEnded(o),
      onError: () => this.metrics.errors.inc({ type: 'idle_sweep' }),
      logger: this.log('ops'),
      now: this.parts.now,
    }).start();
    const events = a.handoffEvents;
    if (a.handoffHub) {
      this.live = new LiveFeed({
        read: handoffLiveReader(a.handoffHub),
        intervalMs: LIVE_INTERVAL_MS,
        logger: this.log('ops'),
        onChange: events
          ? (listener) => {
              for (const name of HUB_CHANGES) events.on(name, listener);
              return () => HUB_CHANGES.forEach((name) => events.off(name, listener));
            }
          : undefined,
      });
    }
    const admin = requireAdmin(a.sessions, config.ADMIN_TOKEN);
    return [
      healthRouter(this.readiness),
      metricsRouter(this.registry, config.METRICS_TOKEN),
      adminApiRouter({
        outcomes: this.outcomes,
        logLevels: this.logLevels,
        logLevelSync: this.sync,
        requireAdmin: admin,
        sessions: a.sessions,
        logger: this.log('ops'),
        activityLog: a.activityLog,
        botName: config.CHAT_BOT_NAME,
        live: this.live,
      }),
      adminPageRouter(requireUser(a.sessions, ['admin'])),
    ];
  }

  /** One idle sweep now (it also runs every IDLE_SWEEP_SECONDS). @returns conversations this instance closed. */
  sweepIdle(): Promise<number> {
    return this.sweeper?.sweep() ?? Promise.resolve(0);
  }

  /** Shutdown begins: not ready, no new conversations, no more idle sweeps. */
  async drain(): Promise<void> {
    this.readiness.startDraining();
    await this.sweeper?.stop();
  }

  /** Waits for pending outcome writes and lets go of timers and subscriptions. */
  async close(): Promise<void> {
    await this.sweeper?.stop();
    await this.recorder.idle();
    this.recorder.close();
    this.live?.close();
    for (const s of this.stops.splice(0)) s();
    this.logLevels.close();
    await this.sync.close();
  }
}
