import pino, { type Logger } from 'pino';
import { maskText } from './mask';

export type { Logger } from 'pino';

/** Keys whose values never reach a log line. */
const REDACT = [
  'authorization', '*.authorization', 'req.headers.authorization', 'req.headers.cookie', 'headers.authorization',
  'pin', '*.pin', 'number', '*.number', 'password', '*.password', 'token', '*.token', 'secret', '*.secret', 'cookie', '*.cookie',
];

export interface LoggerOptions {
  level?: string;
  /** Destination stream; defaults to stdout. Tests pass a buffer. */
  destination?: pino.DestinationStream;
  base?: Record<string, unknown>;
  /** Fields added to every line, e.g. the request and conversation ids of the current async context. */
  mixin?: () => object;
}

/**
 * The root logger: JSON lines, secrets redacted by key, free text masked (card numbers,
 * PINs, emails, phone numbers) by the `msg` formatter.
 */
export function createLogger(opts: LoggerOptions = {}): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      base: opts.base ?? { pid: process.pid },
      redact: { paths: REDACT, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskText(a) : a)) as Parameters<typeof method>;
          return method.apply(this, masked);
        },
      },
      timestamp: pino.stdTimeFunctions.isoTime,
      ...(opts.mixin ? { mixin: opts.mixin } : {}),
    },
    opts.destination ?? pino.destination({ sync: false }),
  );
}

/** A logger that writes nothing (tests, benchmarks). */
export const silentLogger = (): Logger => pino({ level: 'silent' });
