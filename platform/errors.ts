/**
 * Typed errors that carry their HTTP meaning. Code anywhere throws these; one handler
 * ({@link ../http/problemHandler}) maps them to RFC 9457 problem+json.
 */
export interface AppErrorOptions {
  cause?: unknown;
  /** Extra members of the problem document (e.g. `errors` for validation failures). */
  extensions?: Record<string, unknown>;
  /** Response headers (e.g. `Allow`, `Retry-After`). */
  headers?: Record<string, string>;
}

export class AppError extends Error {
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;
  constructor(
    readonly status: number,
    /** Stable machine-readable code, e.g. `not_found`; also the last segment of the problem `type`. */
    readonly code: string,
    /** A sentence a person understands; becomes the problem `detail`. */
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}

/** One failing field of a validation problem. */
export interface FieldError {
  path: string;
  message: string;
}

export const badRequest = (message: string, o?: AppErrorOptions) => new AppError(400, 'bad_request', message, o);
export const unauthorized = (message = 'Authentication is required.', o?: AppErrorOptions) =>
  new AppError(401, 'unauthorized', message, { ...o, headers: { 'WWW-Authenticate': 'Bearer', ...o?.headers } });
export const forbidden = (message = 'You are not allowed to do this.', o?: AppErrorOptions) => new AppError(403, 'forbidden', message, o);
export const notFound = (message = 'Not found.', o?: AppErrorOptions) => new AppError(404, 'not_found', message, o);
export const methodNotAllowed = (allow: string[]) =>
  new AppError(405, 'method_not_allowed', `This resource supports ${allow.join(', ')} only.`, { headers: { Allow: allow.join(', ') } });
export const conflict = (message: string, o?: AppErrorOptions) => new AppError(409, 'conflict', message, o);
export const payloadTooLarge = (message: string) => new AppError(413, 'payload_too_large', message);
export const unsupportedMediaType = (message = 'Send the body as application/json.') => new AppError(415, 'unsupported_media_type', message);
export const unprocessable = (message: string, errors: FieldError[] = [], o?: AppErrorOptions) =>
  new AppError(422, 'validation_failed', message, { ...o, extensions: { errors, ...o?.extensions } });
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError(429, 'too_many_requests', message, { headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) } });
export const serviceUnavailable = (message: string, o?: AppErrorOptions) => new AppError(503, 'unavailable', message, o);
/** The store (Redis) did not answer in time: nothing was applied, the client may retry. */
export const storeUnavailable = (cause?: unknown) =>
  new AppError(503, 'store_unavailable', 'Our storage is not answering right now, so nothing was read or changed. Please try again in a few seconds.', {
    cause,
    headers: { 'Retry-After': '5' },
  });
