import { randomUUID } from 'node:crypto';
import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from '../logger';
import { badRequest, unsupportedMediaType } from '../errors';

export interface HttpAppOptions {
  logger: Logger;
  /** Largest JSON body accepted (bytes or "64kb"). */
  bodyLimit?: string | number;
  /** Keep the raw body bytes on `req.rawBody` (webhook signatures). */
  keepRawBody?: boolean;
}

declare module 'http' {
  interface IncomingMessage {
    id?: string;
    rawBody?: Buffer;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Request id: taken from `X-Request-Id` when sane, else new; echoed back; logged per request. */
export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    req.id = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      logger.debug({ requestId: req.id, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}

/**
 * JSON only, with a size limit: a body on POST/PUT/PATCH must be `application/json` (415
 * otherwise); malformed JSON and oversize bodies become problems in the error handler.
 */
export function jsonBody(opts: { limit: string | number; keepRawBody?: boolean }): RequestHandler[] {
  const parse = express.json({
    limit: opts.limit,
    strict: false,
    type: (req) => /^application\/([\w.+-]+\+)?json\b/i.test(String(req.headers['content-type'] ?? '')),
    verify: opts.keepRawBody ? (req, _res, buf) => void ((req as unknown as { rawBody: Buffer }).rawBody = Buffer.from(buf)) : undefined,
  });
  const requireJson: RequestHandler = (req, _res, next) => {
    if (!['POST', 'PUT', 'PATCH'].includes(req.method)) return next();
    const length = Number(req.headers['content-length'] ?? 0);
    const hasBody = length > 0 || req.headers['transfer-encoding'] !== undefined;
    const type = String(req.headers['content-type'] ?? '');
    if (hasBody && !/^application\/([\w.+-]+\+)?json\b/i.test(type)) return next(unsupportedMediaType(`Send the body as application/json, not ${type || 'an unlabelled body'}.`));
    next();
  };
  const limitDepth: RequestHandler = (req, _res, next) => {
    if (req.body !== undefined && jsonDepthExceeds(req.body, MAX_JSON_DEPTH)) {
      return next(badRequest(`The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep; no request needs that.`));
    }
    next();
  };
  return [requireJson, parse, limitDepth];
}

/** Deeper bodies are refused: later code (validation, logging, cloning) recurses and would overflow. */
export const MAX_JSON_DEPTH = 32;

/** Does `value` nest objects/arrays deeper than `max`? Iterative, so the check itself cannot overflow. */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** An express app with the shared front middleware; the caller adds routes, then {@link finishHttpApp}. */
export function createHttpApp(opts: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');
  app.use(requestContext(opts.logger));
  app.use(jsonBody({ limit: opts.bodyLimit ?? '64kb', keepRawBody: opts.keepRawBody }));
  return app;
}
