import { collectDefaultMetrics, Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { resultOf, type ConversationOutcome } from '../outcomes/conversationOutcome';

/** Seconds buckets of bot turns and API calls. */
const LATENCY = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10];
/** Seconds buckets of the classifier. */
const NLU_LATENCY = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
/** Seconds buckets of queue waits and agent handle times. */
const HUMAN_TIME = [10, 30, 60, 120, 300, 600, 1200, 1800, 3600];

/** Where errors come from (`paw_errors_total{type}`). */
export type ErrorType = 'http_5xx' | 'bot_turn' | 'api_unreachable' | 'api_5xx' | 'nlu' | 'outcome_store' | 'idle_sweep';


/**
 * Every Prometheus metric of the service, registered on the given registry (one per process,
 * made in `bin/`; tests make their own). Names start with `paw_`; label values are bounded
 * (intents, reasons, channels, API route templates), never ids or texts.
 */
export class OpsMetrics {
  readonly messages: Counter<'channel' | 'direction'>;
  readonly turnSeconds: Histogram<'channel' | 'activity_type'>;
  readonly nluSeconds: Histogram<never>;
  readonly intents: Counter<'intent'>;
  readonly intentScore: Histogram<'intent'>;
  readonly decisions: Counter<'decision' | 'intent'>;
  readonly handoffs: Counter<'reason'>;
  readonly queueLength: Gauge<never>;
  readonly queueWaitSeconds: Histogram<never>;
  readonly agentHandleSeconds: Histogram<never>;
  readonly apiCalls: Counter<'api' | 'route' | 'method' | 'status'>;
  readonly apiSeconds: Histogram<'api' | 'route' | 'method'>;
  readonly errors: Counter<'type'>;
  readonly activeConversations: Gauge<never>;
  readonly redisErrors: Counter<'connection'>;
  readonly modelInfo: Gauge<'version'>;
  readonly conversationsEnded: Counter<'result' | 'how'>;
  readonly csatRatings: Counter<'rating' | 'trigger'>;

  constructor(
    readonly registry: Registry,
    options: {
      /** Open conversations now (the outcome store's count), read at each scrape. */
      activeConversations?: () => Promise<number>;
      /** Node.js process metrics (CPU, memory, event loop lag…); default true. */
      processMetrics?: boolean;
      /** The model in use now, read at each scrape (models can be swapped at runtime). */
      modelVersion?: () => string | undefined;
    } = {},
  ) {
    const registers = [registry];
    if (options.processMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'paw_' });
    this.messages = new Counter({ name: 'paw_messages_total', help: 'Chat messages by channel, in (from customers) and out (from the bot or agents)', labelNames: ['channel', 'direction'], registers });
    this.turnSeconds = new Histogram({ name: 'paw_turn_duration_seconds', help: 'Bot turn latency, from receiving an activity to the end of the turn', labelNames: ['channel', 'activity_type'], buckets: LATENCY, registers });
    this.nluSeconds = new Histogram({ name: 'paw_nlu_duration_seconds', help: 'Intent classification latency', buckets: NLU_LATENCY, registers });
    this.intents = new Counter({ name: 'paw_intents_total', help: 'Classified customer messages by best intent', labelNames: ['intent'], registers });
    this.intentScore = new Histogram({ name: 'paw_intent_score', help: 'Score of the best intent', labelNames: ['intent'], buckets: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1], registers });
    this.decisions = new Counter({ name: 'paw_routing_decisions_total', help: 'Routing decisions (answer, clarify, fallback, handoff) by intent', labelNames: ['decision', 'intent'], registers });
    this.handoffs = new Counter({ name: 'paw_handoffs_total', help: 'Conversations handed to a person, by reason', labelNames: ['reason'], registers });
    this.queueLength = new Gauge({ name: 'paw_handoff_queue_length', help: 'Conversations waiting for an agent', registers });
    this.queueWaitSeconds = new Histogram({ name: 'paw_handoff_wait_seconds', help: 'Time in the handoff queue until an agent accepted', buckets: HUMAN_TIME, registers });
    this.agentHandleSeconds = new Histogram({ name: 'paw_agent_handle_seconds', help: 'Time an agent spent on a handed-off chat', buckets: HUMAN_TIME, registers });
    this.apiCalls = new Counter({ name: 'paw_api_calls_total', help: 'Calls to the internal APIs by API, route template, method and status (0 = no answer)', labelNames: ['api', 'route', 'method', 'status'], registers });
    this.apiSeconds = new Histogram({ name: 'paw_api_call_duration_seconds', help: 'Internal API call latency per attempt', labelNames: ['api', 'route', 'method'], buckets: LATENCY, registers });
    this.errors = new Counter({ name: 'paw_errors_total', help: 'Errors by type', labelNames: ['type'], registers });
    const active = options.activeConversations;
    this.activeConversations = new Gauge({
      name: 'paw_active_conversations',
      help: 'Open conversations with recent customer activity (all instances)',
      registers,
      ...(active && {
        async collect(this: Gauge) {
          try {
            this.set(await active());
          } catch {
            // The store is down: keep the last value; readiness reports the outage.
          }
        },
      }),
    });
    this.redisErrors = new Counter({ name: 'paw_redis_errors_total', help: 'Redis connection and command errors by connection', labelNames: ['connection'], registers });
    const current = options.modelVersion;
    this.modelInfo = new Gauge({
      name: 'paw_model_info',
      help: 'The intent model in use (value 1, version in the label)',
      labelNames: ['version'],
      registers,
      ...(current && {
        collect(this: Gauge<'version'>) {
          const version = current();
          if (version) {
            this.reset();
            this.set({ version }, 1);
          }
        },
      }),
    });
    this.conversationsEnded = new Counter({ name: 'paw_conversations_ended_total', help: 'Conversations with customer messages that ended, by result and how they ended', labelNames: ['result', 'how'], registers });
    this.csatRatings = new Counter({ name: 'paw_csat_ratings_total', help: 'Customer satisfaction ratings (1-5) by what asked for them', labelNames: ['rating', 'trigger'], registers });
  }

  /** One attempt of an internal API call (`ApiClientOptions.onCall`). */
  apiCall(call: { api: string; route: string; method: string; status: number; ms: number }): void {
    this.apiCalls.inc({ api: call.api, route: call.route, method: call.method, status: String(call.status) });
    this.apiSeconds.observe({ api: call.api, route: call.route, method: call.method }, call.ms / 1000);
    if (call.status === 0) this.errors.inc({ type: 'api_unreachable' });
    else if (call.status >= 500) this.errors.inc({ type: 'api_5xx' });
  }

  /** The model in use (replaces the previous version's series). */
  setModelVersion(version: string): void {
    this.modelInfo.reset();
    this.modelInfo.set({ version }, 1);
  }

  /** A conversation with customer messages ended (from the outcome recorder and the idle sweep): contained, handed off or abandoned. */
  conversationEnded(o: ConversationOutcome): void {
    if (o.messages === 0 || !o.endedHow) return;
    const result = resultOf(o);
    if (result !== 'open') this.conversationsEnded.inc({ result, how: o.endedHow });
  }
}
