import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { unauthorized } from '../../platform/errors';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** `Authorization: Bearer <service token>`, compared in constant time; 401 otherwise. */
export function serviceAuth(token: string): RequestHandler {
  const expected = digest(token);
  return (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(header);
    if (!m) return next(unauthorized('Send the service token as "Authorization: Bearer <token>".'));
    if (!timingSafeEqual(digest(m[1]!.trim()), expected)) return next(unauthorized('The service token is not valid.'));
    next();
  };
}
