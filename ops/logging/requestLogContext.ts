import type { RequestHandler } from 'express';
import { withLogContext } from './logContext';

/** Puts the request id (set by the app's request context) on every log line of the request's work. */
export const requestLogContext: RequestHandler = (req, _res, next) => withLogContext({ requestId: req.id }, next);
