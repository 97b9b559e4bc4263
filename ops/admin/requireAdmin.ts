import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { unauthorized } from '../../platform/errors';
import { requireUser } from '../../platform/auth/auth';
import type { SessionStore } from '../../platform/auth/sessionStore';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * An admin: either a signed-in person with the `admin` role (cookie session; state-changing
 * requests also need the session's CSRF token), or a service presenting
 * `Authorization: Bearer <ADMIN_TOKEN>` (when one is configured). A wrong bearer is 401, never
 * a fallback to the cookie.
 */
export function requireAdmin(sessions: SessionStore, adminToken?: string): RequestHandler {
  const session = requireUser(sessions, ['admin']);
  const expected = adminToken ? digest(adminToken) : undefined;
  return (req, res, next) => {
    const header = req.get('authorization');
    if (header === undefined) return session(req, res, next);
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!expected || !m || !timingSafeEqual(digest(m[1]!), expected)) return next(unauthorized('This token is not valid here.'));
    next();
  };
}
