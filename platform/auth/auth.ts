import { timingSafeEqual } from 'node:crypto';
import { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { forbidden, unauthorized } from '../errors';
import { resource } from '../http/resource';
import { parseInput } from '../http/validate';
import type { RateLimit, RateLimiter } from '../store/rateLimiter';
import { verifyPassword } from './passwords';
import { SESSION_COOKIE, sessionIdOf } from './sessionCookie';
import type { Session, SessionStore } from './sessionStore';
import { publicUser, type Role, type User } from './users';


/**
 * Sign-in attempts allowed before any password is checked: per account (guessing one
 * password) and per client address (trying many accounts). Every attempt takes its token
 * first, atomically in the shared store, so a burst of concurrent guesses gets no more checks
 * than a slow one.
 */
export const SIGN_IN_LIMITS = {
  account: { capacity: 5, windowMs: 60_000, what: 'sign-in attempts for this account' },
  address: { capacity: 20, windowMs: 60_000, what: 'sign-in attempts from this address' },
} satisfies Record<string, RateLimit>;

/** A failed sign-in answers no sooner than this, whatever failed, so failures cost a guesser time. */
const FAILURE_DELAY_MS = 250;

declare module 'express-serve-static-core' {
  interface Request {
    session?: Session;
    sessionId?: string;
  }
}

export interface AuthOptions {
  users: User[];
  sessions: SessionStore;
  /** Builds the sign-in limiters of {@link SIGN_IN_LIMITS} (shared by every instance when Redis is used). */
  rateLimiter: (limit: RateLimit, name: string) => RateLimiter;
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
  const perAccount = o.rateLimiter(SIGN_IN_LIMITS.account, 'signin-account');
  const perAddress = o.rateLimiter(SIGN_IN_LIMITS.address, 'signin-address');
  const setCookie = (res: Response, value: string, maxAge: number) =>
    res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${o.secureCookies ? '; Secure' : ''}`);

  resource(router, '/auth/login', {
    post: async (req, res) => {
      const { username, password } = parseInput(Login, req.body);
      const name = username.trim().toLowerCase();
      const started = Date.now();
      await perAddress.take(req.ip ?? 'unknown');
      await perAccount.take(name);
      const user = o.users.find((u) => u.username === name);
      const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok) {
        await sleep(FAILURE_DELAY_MS - (Date.now() - started));
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Only signed-in people (401 otherwise) with one of `roles` (403 otherwise); state-changing
 * methods also need the session's CSRF token in `X-CSRF-Token` (403 otherwise).
 */
export function requireUser(sessions: SessionStore, roles: Role[] = []): RequestHandler {
  return async (req, _res, next) => {
    const id = sessionIdOf(req);
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
