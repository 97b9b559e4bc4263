import { z } from 'zod';
import { thresholdsOverrideSchema } from '../nlu/thresholds';

/**
 * Every environment variable the product reads, validated in one place.
 *
 * Each process (`bin/server.ts`, `bin/sandbox.ts`, the CLIs) calls {@link loadConfig} once and
 * passes the typed result down; nothing else reads `process.env`. `.env.example` documents
 * every key below.
 */

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const secret = (min = 16) => z.string().min(min, `must be at least ${min} characters`);
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** A JSON value in a variable; pipe it into the schema of its content. */
const json = z.string().transform((raw, ctx) => {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
    return z.NEVER;
  }
});

/** `name:secret,name:secret` → record. */
const pairs = z
  .string()
  .transform((raw, ctx) => {
    const out: Record<string, string> = {};
    for (const part of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
      const i = part.indexOf(':');
      if (i <= 0 || i === part.length - 1) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not of the form name:value` });
        return z.NEVER;
      }
      out[part.slice(0, i).toLowerCase()] = part.slice(i + 1);
    }
    return out;
  });

/** Demo secrets: fine on a laptop, refused when NODE_ENV=production. */
const DEMO_DIRECTLINE_TOKEN_SECRET = 'directline-demo-token-secret-change-me-0123456789';
const DEMO_CHAT_API_SECRET = 'chat-api-demo-secret-change-me';
const DEMO_SANDBOX_TOKEN = 'sandbox-demo-token-change-me';
/** The admin API's bearer token when NODE_ENV=development sets none (documented in the README). */
const DEMO_ADMIN_TOKEN = 'admin-demo-token-change-me';
const DEMO_CARRIER_SECRETS: Record<string, string> = { ups: 'ups-demo-webhook-secret', fedex: 'fedex-demo-webhook-secret', usps: 'usps-demo-webhook-secret' };
/** `SIGN_IN_URL` unset: the demo picker of `npm start`. */
export const DEFAULT_SIGN_IN_URL = 'http://127.0.0.1:3978/';
/** Production refuses any secret shorter than this many bytes. */
const PRODUCTION_SECRET_BYTES = 32;
/** The single-valued secrets production checks for length (and, where one exists, the demo value). */
const PRODUCTION_SECRETS = ['DIRECTLINE_TOKEN_SECRET', 'CHAT_API_SECRET', 'SANDBOX_TOKEN', 'INTERNAL_API_TOKEN', 'ADMIN_TOKEN', 'METRICS_TOKEN'] as const;
const DEMO_VALUES: Partial<Record<(typeof PRODUCTION_SECRETS)[number], string>> = {
  DIRECTLINE_TOKEN_SECRET: DEMO_DIRECTLINE_TOKEN_SECRET,
  CHAT_API_SECRET: DEMO_CHAT_API_SECRET,
  SANDBOX_TOKEN: DEMO_SANDBOX_TOKEN,
  ADMIN_TOKEN: DEMO_ADMIN_TOKEN,
};

const configShape = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    LOG_LEVEL: logLevel.default('info'),

    // ── the bot's server ────────────────────────────────────────────────
    PORT: port.default(3978),
    HOST: z.string().default('127.0.0.1'),
    PUBLIC_URL: z.url().optional(),
    SHUTDOWN_GRACE_MS: positiveInt.default(10_000),

    // ── storage ─────────────────────────────────────────────────────────
    STORE: z.enum(['memory', 'redis']).default('memory'),
    REDIS_URL: z.url().optional(),
    /** Every Redis command gives up after this long, so a hung Redis answers requests with 503 instead of hanging them. */
    REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
    REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]*$/, 'letters, digits, ":", "_" and "-" only').default('paw:'),

    // ── internal APIs (the sandbox, or a company's own services) ───────
    SANDBOX_PORT: port.default(3979),
    SANDBOX_TOKEN: secret(16).default(DEMO_SANDBOX_TOKEN),
    /** Base URL of the internal APIs; unset = run the bundled sandbox inside `npm start`. */
    INTERNAL_API_URL: z.url().optional(),
    INTERNAL_API_TOKEN: z.string().min(1).optional(),
    API_TIMEOUT_MS: positiveInt.default(2000),
    API_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
    /** Per-carrier webhook HMAC secrets: `carrier:secret,…`. */
    CARRIER_SECRETS: pairs.default(DEMO_CARRIER_SECRETS),
    /** Fault injection at start: JSON `{ "<METHOD> <route>": { "latencyMs": n, "errorRate": 0..1 } }`. */
    SANDBOX_FAULTS: json
      .pipe(z.record(z.string(), z.object({ latencyMs: z.number().int().min(0).max(60_000).default(0), errorRate: z.number().min(0).max(1).default(0) })))
      .default({}),
    SANDBOX_SEED: bool.default(true),

    // ── intent classifier ───────────────────────────────────────────────
    /** Where the trained model lives (trained from INTENTS_DIR on first start if missing). */
    MODEL_DIR: z.string().min(1).default('models/current'),
    /** The training corpus. */
    INTENTS_DIR: z.string().min(1).default('intents'),
    /** Overrides of the model's calibrated routing thresholds, JSON: {"answer":0.5,"perIntent":{"subscription.cancel":0.8}}. */
    NLU_THRESHOLDS: json
      .pipe(thresholdsOverrideSchema)
      .optional(),

    // ── trainers: evaluation, model registry, publishing, review inbox ───
    /** The held-out test set (never trained on): evaluation and the publish quality gate. */
    NLU_TEST_SET: z.string().min(1).default('intents/test.tsv'),
    /** `npm run train` writes each model to `<MODEL_VERSIONS_DIR>/<version>/`. */
    MODEL_VERSIONS_DIR: z.string().min(1).default('models/versions'),
    /** Model versions kept in the shared registry (the oldest inactive ones are dropped first). */
    MODEL_REGISTRY_KEEP: z.coerce.number().int().min(2).max(100).default(10),
    /** Each instance also compares its model with the registry's active one this often (0 = only on publish notices). */
    MODEL_SYNC_SECONDS: z.coerce.number().int().min(0).default(30),
    /** Publishing refuses a model whose in-scope accuracy on the test set is below this (0–1). */
    PUBLISH_MIN_ACCURACY: z.coerce.number().min(0).max(1).default(0.85),
    /** Publishing refuses a model if any label's F1 drops by more than this against the active model (0–1). */
    PUBLISH_MAX_F1_DROP: z.coerce.number().min(0).max(1).default(0.05),
    /** Review inbox: at most this many utterances are kept (the oldest are dropped first). */
    REVIEW_INBOX_MAX: positiveInt.default(5000),
    /** Review inbox: answers scoring below their intent's answer threshold plus this count as low-confidence. */
    REVIEW_LOW_CONFIDENCE_MARGIN: z.coerce.number().min(0).max(1).default(0.1),
    /** Review inbox: accepted utterances are appended to this NLP.js corpus file (inside INTENTS_DIR so `train` picks it up). */
    REVIEW_CORPUS_FILE: z.string().min(1).default('intents/reviewed.json'),

    // ── web chat channel (Direct Line 3.0 compatible) ───────────────────
    /** HS256 key of the chat tokens (conversation + user bound JWTs). */
    DIRECTLINE_TOKEN_SECRET: secret(32).default(DEMO_DIRECTLINE_TOKEN_SECRET),
    /** Lifetime of a chat token; clients refresh it before it runs out. */
    DIRECTLINE_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(1800),
    /** A conversation and its history are kept this long after its last activity. */
    DIRECTLINE_RETENTION_SECONDS: positiveInt.default(86_400),
    /** Oldest activities of a conversation are dropped beyond this many. */
    DIRECTLINE_MAX_ACTIVITIES: positiveInt.default(2000),
    /** Posted activities per second per conversation (burst of the same size). */
    DIRECTLINE_MESSAGES_PER_SECOND: positiveInt.default(10),
    /** New conversations per minute per client address. */
    DIRECTLINE_CONVERSATIONS_PER_MINUTE: positiveInt.default(30),
    /** Longest message text accepted, in characters. */
    DIRECTLINE_MAX_TEXT_LENGTH: positiveInt.default(2000),
    /** Largest request body of the chat endpoints, in bytes. */
    DIRECTLINE_MAX_BODY_BYTES: positiveInt.default(32_768),
    /** Seconds between keep-alive frames on the activity stream. */
    DIRECTLINE_KEEPALIVE_SECONDS: positiveInt.default(20),
    /** Key that seals gift card numbers and PINs kept between the turns of a gift card dialog (≥ 32 characters; random per process when unset, so set it when running several instances). */
    CARD_STATE_KEY: secret(32).optional(),
    /** Display name of the bot in the chat. */
    CHAT_BOT_NAME: z.string().min(1).max(60).default('PawSupport'),
    /** Bearer secret of the host site's server for `POST /api/chat/token`. */
    CHAT_API_SECRET: secret(16).default(DEMO_CHAT_API_SECRET),
    /**
     * The page at `/` lets visitors pick any demo customer (`/api/demo/*` mints a token for anyone).
     * Unset = on, except in production, which refuses it: it would let anyone be any customer.
     */
    DEMO_MODE: bool.optional(),
    /** Where the bot sends a visitor who is not signed in for account requests (the shop's sign-in page; the demo picker by default). */
    SIGN_IN_URL: z.url({ protocol: /^https?$/ }).default(DEFAULT_SIGN_IN_URL),

    // ── staff sign-in (agent console, trainer, admin) ───────────────────
    /** JSON file of agents, trainers and admins (scrypt hashes); unset = the demo users. */
    USERS_FILE: z.string().min(1).optional(),
    /** A staff session ends this long after sign-in. */
    SESSION_TTL_SECONDS: z.coerce.number().int().min(300).max(7 * 86_400).default(12 * 3600),

    // ── operations (metrics, KPIs, log levels, health) ──────────────────
    /**
     * Bearer token of services calling the admin API (`PUT /admin/log-level`, KPIs); unset = the
     * demo token in development (`npm start`), signed-in admins only otherwise.
     */
    ADMIN_TOKEN: secret(16).optional(),
    /** Bearer token Prometheus must send to `GET /metrics`; unset = open (keep /metrics off the public network). */
    METRICS_TOKEN: secret(16).optional(),
    /** A conversation without customer messages for this long is over: the bot asks for a rating and the outcome closes. */
    CONVERSATION_IDLE_MINUTES: positiveInt.default(15),
    /** How often each instance looks for idle conversations. */
    IDLE_SWEEP_SECONDS: positiveInt.default(30),
    /** Conversation outcomes (the KPIs' data) are kept this long. */
    OUTCOME_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    /** Longest a readiness check (store, internal APIs) may take before it counts as failed. */
    READINESS_TIMEOUT_MS: positiveInt.default(2000),

    // ── human handoff (queue and agent console) ─────────────────────────
    /** A customer waiting longer than this is offered to leave a message (a follow-up ticket). */
    HANDOFF_MAX_WAIT_SECONDS: positiveInt.default(300),
    /** Handle time assumed for wait estimates until agents have ended some chats. */
    HANDOFF_DEFAULT_HANDLE_SECONDS: positiveInt.default(300),
    /** JSON file of the console's canned responses `{"responses":[{"title","text"}]}`; unset = the built-in ones (web/agent/cannedResponses.json). */
    HANDOFF_CANNED_RESPONSES_FILE: z.string().min(1).optional(),

    // ── proactive messages (shipping updates, renewal reminders) ────────
    /** A renewal reminder goes out this many days before each autoship delivery (0 = no reminders). */
    REMINDER_DAYS_BEFORE: z.coerce.number().int().min(0).max(30).default(3),
    /** How often each instance looks for reminders that are due (one instance sends each). */
    REMINDER_SWEEP_SECONDS: positiveInt.default(300),
    /** A shipping event read by an instance that died unacknowledged is taken over by another after this long. */
    PROACTIVE_CLAIM_SECONDS: positiveInt.default(30),
  });

/** Every variable (its keys are what `.env.example` lists). */
export const configVariables = Object.keys(configShape.shape) as (keyof z.infer<typeof configShape>)[];

export const configSchema = configShape
  .superRefine((c, ctx) => {
    if (c.STORE === 'redis' && !c.REDIS_URL) {
      ctx.addIssue({ code: 'custom', path: ['REDIS_URL'], message: 'is required when STORE=redis' });
    }
    if (c.INTERNAL_API_URL && !c.INTERNAL_API_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['INTERNAL_API_TOKEN'], message: 'is required when INTERNAL_API_URL is set' });
    }
    if (c.NODE_ENV === 'production' && !c.USERS_FILE) {
      ctx.addIssue({ code: 'custom', path: ['USERS_FILE'], message: 'is required in production (the demo users have published passwords)' });
    }
    if (c.NODE_ENV === 'production') {
      if (c.STORE === 'redis' && !c.CARD_STATE_KEY) ctx.addIssue({ code: 'custom', path: ['CARD_STATE_KEY'], message: 'is required in production with STORE=redis (every instance must read the gift card details another one sealed)' });
      if (c.DEMO_MODE) ctx.addIssue({ code: 'custom', path: ['DEMO_MODE'], message: 'must be off in production (it lets anyone chat as any customer)' });
      const tooShort = (v: string) => Buffer.byteLength(v) < PRODUCTION_SECRET_BYTES;
      for (const key of PRODUCTION_SECRETS) {
        const value = c[key];
        if (value === undefined) continue;
        if (value === DEMO_VALUES[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'must be changed from the demo value in production' });
        else if (tooShort(value)) ctx.addIssue({ code: 'custom', path: [key], message: `must be at least ${PRODUCTION_SECRET_BYTES} bytes in production` });
      }
      for (const [carrier, value] of Object.entries(c.CARRIER_SECRETS)) {
        if (value === DEMO_CARRIER_SECRETS[carrier]) ctx.addIssue({ code: 'custom', path: ['CARRIER_SECRETS'], message: `the ${carrier} secret must be changed from the demo value in production` });
        else if (tooShort(value)) ctx.addIssue({ code: 'custom', path: ['CARRIER_SECRETS'], message: `the ${carrier} secret must be at least ${PRODUCTION_SECRET_BYTES} bytes in production` });
      }
    }
  })
  .transform((c) => ({ ...c, DEMO_MODE: c.DEMO_MODE ?? c.NODE_ENV !== 'production', ADMIN_TOKEN: c.ADMIN_TOKEN ?? (c.NODE_ENV === 'development' ? DEMO_ADMIN_TOKEN : undefined) }));

export type Config = z.output<typeof configSchema>;

/** Thrown when the environment is invalid; its message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment (empty strings count as unset) into a {@link Config}.
 * @throws ConfigError naming each variable that is wrong and why.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Record<keyof Config, string>> = {}): Config {
  const raw: Record<string, string> = {};
  for (const key of configVariables) {
    const v = (overrides as Record<string, string | undefined>)[key] ?? env[key];
    if (v !== undefined && v !== '') raw[key] = v;
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = i.path.join('.') || '(config)';
        const value = raw[name];
        const shown = value === undefined ? '' : ` (got "${/SECRET|TOKEN|PASSWORD/.test(name) ? '***' : value}")`;
        return `${name}: ${i.message}${shown}`;
      }),
    );
  }
  return parsed.data;
}

/** Base URL and token of the internal APIs the skills call. */
export function internalApi(config: Config): { baseUrl: string; token: string; embedded: boolean } {
  if (config.INTERNAL_API_URL) return { baseUrl: config.INTERNAL_API_URL.replace(/\/$/, ''), token: config.INTERNAL_API_TOKEN!, embedded: false };
  return { baseUrl: `http://127.0.0.1:${config.SANDBOX_PORT}`, token: config.SANDBOX_TOKEN, embedded: true };
}
