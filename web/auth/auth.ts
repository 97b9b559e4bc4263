import { timingSafeEqual } from 'node:crypto';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { forbidden, tooManyRequests, unauthorized } from '../../platform/errors';
import { resource } from '../../platform/http/resource';
import { parseInput } from '../../platform/http/validate';
import type { DocStore } from '../../platform/store/docStore';
import { verifyPassword } from './passwords';
import type { Session, SessionStore } from './sessionStore';
import { publicUser, type Role, type User } from './users';

export const SESSION_COOKIE = 'paw_session';
const LOGIN_WINDOW_SECONDS = 60;
const LOGIN_MAX_FAILURES = 5;

declare module 'express-serve-static-core' {
  interface Request {
    session?: Session;
    sessionId?: string;
  }
}

function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

export interface AuthOptions {
  users: User[];
  sessions: SessionStore;
  /** Failed-login counters (shared by instances). */
  docs: DocStore;
  /** Mark the cookie `Secure` (behind HTTPS). */
  secureCookies: boolean;
  sessionTtlSeconds: number;
}

const Login = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }).strict();
// Compared against when the username is unknown, so timing does not reveal which names exist.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * Sign-in for agents, trainers and admins: `POST /auth/login`, `POST /auth/logout`,
 * `GET /auth/me`. Sessions ride in an `HttpOnly; SameSite=Strict` cookie; every
 * state-changing request must also send the session's CSRF token.
 */
export function authRouter(o: AuthOptions): Router {
  const router = Router();
  const setCookie = (res: Response, value: string, maxAge: number) =>
    res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${o.secureCookies ? '; Secure' : ''}`);

  resource(router, '/auth/login', {
    post: async (req, res) => {
      const { username, password } = parseInput(Login, req.body);
      const name = username.trim().toLowerCase();
      const failKey = `login-failures:${name}`;
      const failures = (await o.docs.get<number>(failKey))?.value ?? 0;
      if (failures >= LOGIN_MAX_FAILURES) throw tooManyRequests('Too many failed sign-ins for this account. Wait a minute and try again.', LOGIN_WINDOW_SECONDS);
      const user = o.users.find((u) => u.username === name);
      const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok) {
        await o.docs.transact([failKey], (read) => ({ writes: [{ key: failKey, value: (read<number>(failKey)?.value ?? 0) + 1, ttlSeconds: LOGIN_WINDOW_SECONDS }], result: null }));
        throw unauthorized('Wrong username or password.');
      }
      const { id, session } = await o.sessions.create(publicUser(user));
      setCookie(res, id, o.sessionTtlSeconds);
      res.json({ user: session.user, csrfToken: session.csrfToken });
    },
  });
  resource(router, '/auth/logout', {
    post: [
      requireUser(o.sessions),
      async (req, res) => {
        await o.sessions.destroy(req.sessionId!);
        setCookie(res, '', 0);
        res.status(204).end();
      },
    ],
  });
  resource(router, '/auth/me', {
    get: [requireUser(o.sessions), (req, res) => void res.json({ user: req.session!.user, csrfToken: req.session!.csrfToken })],
  });
  return router;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Only signed-in people (401 otherwise) with one of `roles` (403 otherwise); state-changing
 * methods also need the session's CSRF token in `X-CSRF-Token` (403 otherwise).
 */
export function requireUser(sessions: SessionStore, roles: Role[] = []): RequestHandler {
  return async (req, _res, next) => {
    const id = cookieValue(req, SESSION_COOKIE);
    const session = await sessions.get(id);
    if (!session) return next(unauthorized('Please sign in.', { headers: { 'WWW-Authenticate': 'Cookie' } }));
    if (roles.length && !roles.some((r) => session.user.roles.includes(r))) return next(forbidden(`This needs the ${roles.join(' or ')} role.`));
    if (!SAFE.has(req.method)) {
      const given = Buffer.from(req.get('x-csrf-token') ?? '');
      const expected = Buffer.from(session.csrfToken);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return next(forbidden('Missing or wrong CSRF token: reload the page and try again.'));
    }
    req.session = session;
    req.sessionId = id;
    next();
  };
}
