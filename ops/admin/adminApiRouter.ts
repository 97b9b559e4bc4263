import { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { ActivityLog } from '../../bot/channels/activityLog';
import { badRequest, notFound } from '../../platform/errors';
import type { Logger } from '../../platform/logger';
import { resource } from '../../platform/http/resource';
import { parseInput } from '../../platform/http/validate';
import { requireUser } from '../../platform/auth/auth';
import type { SessionStore } from '../../platform/auth/sessionStore';
import { conversationFilterSchema, conversationRow, matchesFilter, type ConversationFilter } from '../conversations/conversationFilter';
import { maskedTranscript } from '../conversations/maskedTranscript';
import { toCsv, type CsvCell } from '../export/toCsv';
import { computeKpis } from '../kpis/computeKpis';
import { KPI_TABLES, kpiTable } from '../kpis/kpiTables';
import type { LiveFeed } from '../live/liveFeed';
import { ALL_MODULES, isModuleName, LEVELS, type LogLevels } from '../logging/logLevels';
import type { LogLevelSync } from '../logging/logLevelSync';
import type { OutcomeStore } from '../outcomes/outcomeStore';
import type { AgentRatings } from './adminViews';
import type { ConversationDetail, ConversationsPage } from './adminViews';
import { MAX_PERIOD_DAYS, periodFields, resolvePeriod, startedIn, type Period } from './period';

export interface AdminApiOptions {
  outcomes: OutcomeStore;
  logLevels: LogLevels;
  logLevelSync: LogLevelSync;
  /** Admins only (see `requireAdmin`). */
  requireAdmin: RequestHandler;
  /** For the agents' own ratings. */
  sessions: SessionStore;
  logger: Logger;
  /** The chat channel's history: the transcripts of the conversation browser. */
  activityLog?: ActivityLog;
  /** The bot's display name (CHAT_BOT_NAME), to tell its messages from an agent's. */
  botName?: string;
  /** The live panel's feed (handoff queue and agents); absent without a handoff hub. */
  live?: LiveFeed;
  /** Keep-alive comments on the live stream, ms. */
  liveKeepAliveMs?: number;
  now?: () => Date;
}

const DAY = 86_400_000;
/** Conversations one CSV export holds at most. */
const MAX_CSV_CONVERSATIONS = 20_000;

const kpiQuery = z.object(periodFields).strict();
const kpiCsvQuery = z.object({ ...periodFields, table: z.enum(KPI_TABLES).default('days') }).strict();
const conversationParams = z.object({ id: z.string().min(1).max(200).regex(/^[A-Za-z0-9_.|:\-]+$/, 'is not a conversation id') });

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

const ratingsQuery = z.object({ days: z.coerce.number().int().min(1).max(MAX_PERIOD_DAYS).default(30) }).strict();

const sendCsv = (res: Response, filename: string, header: readonly string[], rows: readonly (readonly CsvCell[])[]) => {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(toCsv(header, rows));
};
const periodName = (p: Period) => `${p.from.toISOString().slice(0, 10)}_${new Date(p.to.getTime() - DAY).toISOString().slice(0, 10)}`;

const CONVERSATION_CSV_HEADER = ['conversation_id', 'started_at', 'ended_at', 'channel', 'customer_id', 'messages', 'fallbacks', 'intents', 'outcome', 'ended_how', 'handoff_reason', 'handoff_topic', 'agent', 'rating', 'comment'];

/**
 * The admin API (admins only, see `requireAdmin`):
 * - `GET /admin/api/kpis?from=&to=` (UTC days, inclusive; default the last 7) and
 *   `GET /admin/api/kpis.csv?table=total|days|intents|agents|reasons|topics&from=&to=`;
 * - `GET /admin/api/conversations?…filters` (the conversation browser, see
 *   {@link conversationFilterSchema}), `GET /admin/api/conversations.csv?…` (every match) and
 *   `GET /admin/api/conversations/:id` (the record, its routing trail and masked transcript);
 * - `GET /admin/api/live` (server-sent events: the handoff queue and the agents online);
 * - `GET|PUT /admin/log-level` (runtime log levels, shared with every instance; unknown modules 400);
 * and `GET /api/agent/ratings` (the signed-in agent's rated chats).
 */
export function adminApiRouter(o: AdminApiOptions): Router {
  const router = Router();
  const now = o.now ?? (() => new Date());
  router.use('/admin/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  const kpisOf = async (q: { from?: string; to?: string }) => {
    const p = resolvePeriod(q, now());
    return { period: p, kpis: computeKpis(await o.outcomes.listStarted(p.from, p.to), p.from, p.to) };
  };

  resource(router, '/admin/api/kpis', {
    get: [o.requireAdmin, async (req, res) => void res.json((await kpisOf(parseInput(kpiQuery, req.query, 'query'))).kpis)],
  });
  resource(router, '/admin/api/kpis.csv', {
    get: [
      o.requireAdmin,
      async (req, res) => {
        const q = parseInput(kpiCsvQuery, req.query, 'query');
        const { period, kpis } = await kpisOf(q);
        const t = kpiTable(kpis, q.table);
        sendCsv(res, `kpis-${q.table}-${periodName(period)}.csv`, t.header, t.rows);
      },
    ],
  });

  /** The engaged conversations of the period passing the filters, newest first. */
  const matching = async (f: ConversationFilter) => {
    const p = resolvePeriod(f, now());
    const records = await o.outcomes.listStarted(p.from, p.to);
    return { period: p, list: records.filter((r) => startedIn(r.startedAt, p) && matchesFilter(r, f)).reverse() };
  };

  resource(router, '/admin/api/conversations', {
    get: [
      o.requireAdmin,
      async (req, res) => {
        const f = parseInput(conversationFilterSchema, req.query, 'query');
        const { period, list } = await matching(f);
        res.json({
          from: period.from.toISOString(),
          to: period.to.toISOString(),
          total: list.length,
          offset: f.offset,
          limit: f.limit,
          conversations: list.slice(f.offset, f.offset + f.limit).map(conversationRow),
        } satisfies ConversationsPage);
      },
    ],
  });
  resource(router, '/admin/api/conversations.csv', {
    get: [
      o.requireAdmin,
      async (req, res) => {
        const f = parseInput(conversationFilterSchema, req.query, 'query');
        const { period, list } = await matching(f);
        const rows = list.slice(0, MAX_CSV_CONVERSATIONS).map((r) => {
          const c = conversationRow(r);
          return [c.conversationId, c.startedAt, c.endedAt, c.channelId, c.customerId, c.messages, c.fallbacks, c.intents.join(' '), c.outcome, c.endedHow, c.handoffReason, c.handoffTopic, c.agent, c.rating, c.comment];
        });
        sendCsv(res, `conversations-${periodName(period)}.csv`, CONVERSATION_CSV_HEADER, rows);
      },
    ],
  });
  resource(router, '/admin/api/conversations/:id', {
    get: [
      o.requireAdmin,
      async (req, res) => {
        const { id } = parseInput(conversationParams, req.params, 'path');
        const record = await o.outcomes.get(id);
        if (!record) throw notFound('There is no record of this conversation (it may be older than OUTCOME_RETENTION_DAYS).');
        const transcript = o.activityLog ? await maskedTranscript(o.activityLog, id, o.botName) : undefined;
        res.json({
          conversation: conversationRow(record),
          handoff: record.handoff ?? null,
          csat: record.csat ?? null,
          trail: record.trail ?? [],
          // null: the chat channel no longer keeps it (DIRECTLINE_RETENTION_SECONDS), or it was not a web chat.
          transcript: transcript ?? null,
        } satisfies ConversationDetail);
      },
    ],
  });

  resource(router, '/admin/api/live', {
    get: [
      o.requireAdmin,
      (req, res) => {
        const live = o.live;
        if (!live) throw notFound('There is no handoff hub on this server, so there is nothing live to show.');
        res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
        res.write('retry: 3000\n\n');
        const stop = live.watch((state) => void res.write(`event: live\ndata: ${JSON.stringify(state)}\n\n`));
        const keepAlive = setInterval(() => void res.write(': keep-alive\n\n'), o.liveKeepAliveMs ?? 15_000);
        keepAlive.unref();
        req.on('close', () => {
          clearInterval(keepAlive);
          stop();
        });
      },
    ],
  });

  resource(router, '/admin/log-level', {
    get: [o.requireAdmin, (_req, res) => void res.json(o.logLevels.snapshot())],
    put: [
      o.requireAdmin,
      async (req, res) => {
        const body = parseInput(levelBody, req.body);
        if (!o.logLevels.isKnown(body.module)) {
          const known = o.logLevels.known();
          throw badRequest(`There is no module "${body.module}". Known modules: ${known.join(', ')} (or "*" for all).`, { extensions: { knownModules: known } });
        }
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
        res.json({ agent: req.session!.user.username, days: q.days, average, ratings: mine } satisfies AgentRatings);
      },
    ],
  });
  return router;
}
