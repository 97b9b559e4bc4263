import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { badRequest } from '../../platform/errors';
import type { Logger } from '../../platform/logger';
import { resource } from '../../platform/http/resource';
import { parseInput } from '../../platform/http/validate';
import { requireUser } from '../../web/auth/auth';
import type { SessionStore } from '../../web/auth/sessionStore';
import { computeKpis } from '../kpis/computeKpis';
import { ALL_MODULES, isModuleName, LEVELS, type LogLevels } from '../logging/logLevels';
import type { LogLevelSync } from '../logging/logLevelSync';
import type { OutcomeStore } from '../outcomes/outcomeStore';

export interface AdminApiOptions {
  outcomes: OutcomeStore;
  logLevels: LogLevels;
  logLevelSync: LogLevelSync;
  /** Admins only (see `requireAdmin`). */
  requireAdmin: RequestHandler;
  /** For the agents' own ratings. */
  sessions: SessionStore;
  logger: Logger;
  now?: () => Date;
}

const DAY = 86_400_000;
const MAX_DAYS = 366;
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date yyyy-mm-dd').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'is not a calendar date');

const kpiQuery = z
  .object({
    /** First day (UTC), inclusive. */
    from: isoDay.optional(),
    /** Last day (UTC), inclusive. */
    to: isoDay.optional(),
  })
  .strict();

const levelBody = z
  .object({
    /** A module (`bot`, `skills.shipping`…) or `*` for all; default `*`. */
    module: z.string().refine(isModuleName, 'must be a module name like "bot" or "skills.shipping", or "*"').default(ALL_MODULES),
    /** The new level, or null to remove the module's override. */
    level: z.enum(LEVELS).nullable(),
    /** Revert after this many seconds (at most a week). */
    ttlSeconds: z.number().int().min(1).max(7 * 86_400).optional(),
  })
  .strict();

const ratingsQuery = z.object({ days: z.coerce.number().int().min(1).max(MAX_DAYS).default(30) }).strict();

/**
 * The admin API: `GET /admin/api/kpis?from=&to=` (UTC days, inclusive; default the last 7),
 * `GET|PUT /admin/log-level` (runtime log levels, shared with every instance), and
 * `GET /api/agent/ratings` (the signed-in agent's rated chats).
 */
export function adminApiRouter(o: AdminApiOptions): Router {
  const router = Router();
  const now = o.now ?? (() => new Date());
  router.use('/admin/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  resource(router, '/admin/api/kpis', {
    get: [
      o.requireAdmin,
      async (req, res) => {
        const q = parseInput(kpiQuery, req.query, 'query');
        const today = Date.UTC(now().getUTCFullYear(), now().getUTCMonth(), now().getUTCDate());
        const to = q.to ? Date.parse(`${q.to}T00:00:00Z`) + DAY : today + DAY;
        const from = q.from ? Date.parse(`${q.from}T00:00:00Z`) : to - 7 * DAY;
        if (from >= to) throw badRequest('"from" must be on or before "to".');
        if (to - from > MAX_DAYS * DAY) throw badRequest(`The period can be at most ${MAX_DAYS} days.`);
        const records = await o.outcomes.listStarted(new Date(from), new Date(to));
        res.json(computeKpis(records, new Date(from), new Date(to)));
      },
    ],
  });

  resource(router, '/admin/log-level', {
    get: [o.requireAdmin, (_req, res) => void res.json(o.logLevels.snapshot())],
    put: [
      o.requireAdmin,
      async (req, res) => {
        const body = parseInput(levelBody, req.body);
        const override = o.logLevels.set(body.module, body.level, body.ttlSeconds);
        await o.logLevelSync.publish(body.module, override);
        o.logger.info({ logModule: body.module, level: body.level ?? 'default', expiresAt: override?.expiresAt, by: req.session?.user.username ?? 'token' }, 'log level changed');
        res.json(o.logLevels.snapshot());
      },
    ],
  });

  resource(router, '/api/agent/ratings', {
    get: [
      requireUser(o.sessions, ['agent']),
      async (req, res) => {
        const q = parseInput(ratingsQuery, req.query, 'query');
        const to = now();
        const records = await o.outcomes.listStarted(new Date(to.getTime() - q.days * DAY), new Date(to.getTime() + 1));
        const mine = records
          .filter((r) => r.handoff?.agent === req.session!.user.username && r.csat?.rating !== undefined)
          .map((r) => ({ conversationId: r.conversationId, endedAt: r.endedAt ?? null, rating: r.csat!.rating!, comment: r.csat!.comment ?? null }))
          .reverse();
        const average = mine.length ? Math.round((mine.reduce((n, r) => n + r.rating, 0) / mine.length) * 100) / 100 : null;
        res.json({ agent: req.session!.user.username, days: q.days, average, ratings: mine });
      },
    ],
  });
  return router;
}
