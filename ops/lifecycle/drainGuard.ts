import type { RequestHandler } from 'express';
import { serviceUnavailable } from '../../platform/errors';

/** Requests that start a conversation (Direct Line, the host sites' and the demo's token endpoints). */
const NEW_CONVERSATION = new Set(['/v3/directline/conversations', '/api/chat/token', '/api/demo/token']);

/**
 * While the instance shuts down, new conversations are refused with 503 + `Retry-After` (the
 * client retries, and the load balancer sends it to another instance); conversations already
 * running go on until the process exits.
 */
export function drainGuard(isDraining: () => boolean, retryAfterSeconds = 2): RequestHandler {
  return (req, _res, next) => {
    if (req.method === 'POST' && isDraining() && NEW_CONVERSATION.has(req.path.replace(/\/$/, ''))) {
      return next(serviceUnavailable('This server is restarting; try again in a moment.', { headers: { 'Retry-After': String(retryAfterSeconds) } }));
    }
    next();
  };
}
