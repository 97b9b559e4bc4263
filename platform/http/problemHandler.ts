import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, notFound, storeUnavailable } from '../errors';
import type { Logger } from '../logger';
import { isStoreUnavailable } from '../redis';

/** Problem `type` URIs are stable: `/problems/<code>` relative to the service. */
export const problemType = (code: string) => `/problems/${code}`;

const TITLES: Record<number, string> = {
  400: 'Bad request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found', 405: 'Method not allowed',
  409: 'Conflict', 413: 'Payload too large', 415: 'Unsupported media type', 422: 'Validation failed',
  429: 'Too many requests', 500: 'Internal server error', 502: 'Bad gateway', 503: 'Service unavailable', 504: 'Gateway timeout',
};

/** Turns body-parser and other library errors into typed ones; unknown errors stay 500. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number; statusCode?: number; expose?: boolean; message?: string; limit?: number };
  switch (e?.type) {
    case 'entity.parse.failed':
      return new AppError(400, 'malformed_json', 'The request body is not valid JSON.', { cause: err });
    case 'entity.too.large':
      return new AppError(413, 'payload_too_large', `The request body is larger than ${e.limit ?? 'the limit'} bytes.`, { cause: err });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(415, 'unsupported_media_type', 'Send the body as UTF-8 application/json.', { cause: err });
    case 'request.aborted':
      return new AppError(400, 'request_aborted', 'The request was aborted by the client.', { cause: err });
  }
  if (isStoreUnavailable(err)) return storeUnavailable(err);
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && e.expose !== false) {
    return new AppError(status, 'bad_request', e.message ?? 'The request could not be processed.', { cause: err });
  }
  return new AppError(500, 'internal', 'Something went wrong on our side. It has been logged.', { cause: err });
}

/**
 * The one error handler of every HTTP surface: typed errors → RFC 9457 problem+json. A 5xx
 * is logged with its stack and the request id, which the response carries as `correlationId`;
 * nothing internal leaks into the body.
 */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const problem = toAppError(err);
    const requestId = (req as { id?: string }).id;
    // A fault of ours is logged with its stack; a deliberate 503 (not ready, draining, a dependency down) is a warning.
    if (problem.code === 'internal') logger.error({ err, requestId, method: req.method, path: req.path }, 'request failed');
    else if (problem.status >= 500) logger.warn({ requestId, status: problem.status, code: problem.code, path: req.path, ...(problem.cause instanceof Error ? { cause: problem.cause.message } : {}) }, problem.message);
    else logger.debug({ requestId, status: problem.status, code: problem.code, path: req.path }, problem.message);
    if (res.headersSent) return void res.end();
    for (const [k, v] of Object.entries(problem.headers)) res.setHeader(k, v);
    res
      .status(problem.status)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: problemType(problem.code),
          title: TITLES[problem.status] ?? 'Error',
          status: problem.status,
          detail: problem.message,
          instance: req.originalUrl.split('?')[0],
          code: problem.code,
          ...(problem.status >= 500 && requestId ? { correlationId: requestId } : {}),
          ...problem.extensions,
        }),
      );
  };
}

/** Final middleware: nothing matched → 404 problem. */
export const notFoundHandler: RequestHandler = (req, _res, next) => next(notFound(`There is no ${req.method} ${req.path} here.`));
