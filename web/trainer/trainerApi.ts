import { Router, type Request } from 'express';
import { z } from 'zod';
import type { ActiveModel } from '../../nlu/models/activeModel';
import type { ModelBus } from '../../nlu/models/modelBus';
import type { ModelRegistry } from '../../nlu/models/modelRegistry';
import { NONE_INTENT } from '../../nlu/intents';
import { notFound, unprocessable } from '../../platform/errors';
import { resource } from '../../platform/http/resource';
import { parseInput } from '../../platform/http/validate';
import { loadCorpus } from '../../training/corpus';
import { checkVersion, publishVersion, rollbackTo, type PublishContext } from '../../training/publishModel';
import type { GatePolicy } from '../../training/qualityGate';
import type { ReviewInbox } from '../../training/review/reviewInbox';
import { reviewQuerySchema } from '../../training/review/reviewItem';
import type { ReviewedCorpus } from '../../training/review/reviewedCorpus';
import { requireUser } from '../../platform/auth/auth';
import type { SessionStore } from '../../platform/auth/sessionStore';
import type { TrainingJobs } from '../../training/trainingJobs';
import type { InboxPage, JobView, ModelsView } from './trainerViews';

export interface TrainerApiOptions {
  sessions: SessionStore;
  inbox: ReviewInbox;
  corpus: ReviewedCorpus;
  registry: ModelRegistry;
  bus: ModelBus;
  model: ActiveModel;
  jobs: TrainingJobs;
  policy: GatePolicy;
  /** NLU_TEST_SET: the rows the quality gate measures. */
  testSet: string;
}

const Version = z.object({ version: z.string().regex(/^[0-9A-Za-z-]{1,80}$/, 'not a model version') });
const Review = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), intent: z.string().min(1).max(100) }).strict(),
  z.object({ action: z.literal('out_of_scope') }).strict(),
  z.object({ action: z.literal('dismiss') }).strict(),
]);

const who = (req: Request) => req.session!.user.username;

/**
 * The trainers' API (role `trainer` or `admin`; state changes need the CSRF token):
 * - `GET /trainer/api/inbox` (filter `status`, `reason`, `intent`, `q`; `sort`; `limit`/`offset`),
 *   `POST /trainer/api/inbox/:id` `{action: accept|out_of_scope|dismiss, intent?}`;
 * - `GET /trainer/api/intents`; `GET /trainer/api/models` (registry, active version, this
 *   instance's model); `POST /trainer/api/models/train`; `GET /trainer/api/job`;
 *   `POST /trainer/api/models/:version/evaluate|check|publish|rollback`;
 *   `GET /trainer/api/models/:version/report` (the evaluation page);
 * - `GET /admin/model`: the active version, who published it and when, and its figures.
 */
export function trainerApiRouter(o: TrainerApiOptions): Router {
  const router = Router();
  const trainer = requireUser(o.sessions, ['trainer', 'admin']);
  const publishContext = async (): Promise<PublishContext> => ({ registry: o.registry, bus: o.bus, policy: o.policy, testRows: await loadCorpus(o.testSet) });
  const knownIntents = () => o.model.metadata.intents.filter((i) => i !== NONE_INTENT);

  const modelStatus = async () => {
    const state = await o.registry.state();
    const active = state.active ? state.entries.find((e) => e.version === state.active) : undefined;
    return {
      active: active ? { ...active, publishedAt: state.activatedAt, publishedBy: state.activatedBy } : null,
      serving: { version: o.model.version, thresholds: o.model.thresholds() },
      policy: o.policy,
      entries: state.entries,
      history: state.history,
    };
  };

  resource(router, '/trainer/api/inbox', {
    get: [trainer, async (req, res) => void res.json((await o.inbox.list(parseInput(reviewQuerySchema, req.query, 'query'))) satisfies InboxPage)],
  });
  resource(router, '/trainer/api/inbox/:id', {
    post: [
      trainer,
      async (req, res) => {
        const id = String(req.params.id);
        const body = parseInput(Review, req.body);
        const item = await o.inbox.get(id);
        if (!item) throw notFound('There is no such item in the review inbox (it may have been dropped).');
        const at = new Date();
        if (body.action === 'accept') {
          if (!knownIntents().includes(body.intent)) throw unprocessable(`"${body.intent}" is not an intent of the model.`, [{ path: 'intent', message: 'unknown intent' }]);
          const added = await o.corpus.add(item.text, body.intent);
          const resolved = await o.inbox.resolve(id, { status: 'accepted', intent: body.intent, by: who(req), at });
          return void res.json({ item: resolved, addedToCorpus: added });
        }
        if (body.action === 'out_of_scope') {
          const added = await o.corpus.add(item.text, NONE_INTENT);
          const resolved = await o.inbox.resolve(id, { status: 'out_of_scope', intent: NONE_INTENT, by: who(req), at });
          return void res.json({ item: resolved, addedToCorpus: added });
        }
        res.json({ item: await o.inbox.resolve(id, { status: 'dismissed', by: who(req), at }), addedToCorpus: false });
      },
    ],
  });
  resource(router, '/trainer/api/intents', { get: [trainer, (_req, res) => void res.json({ intents: knownIntents() })] });
  resource(router, '/trainer/api/models', { get: [trainer, async (_req, res) => void res.json((await modelStatus()) satisfies ModelsView)] });
  resource(router, '/trainer/api/models/train', { post: [trainer, async (req, res) => void res.status(202).json(await o.jobs.train(who(req)))] });
  resource(router, '/trainer/api/job', { get: [trainer, async (_req, res) => void res.json({ job: (await o.jobs.current()) ?? null } satisfies JobView)] });
  resource(router, '/trainer/api/models/:version/evaluate', {
    post: [trainer, async (req, res) => void res.status(202).json(await o.jobs.evaluate(parseInput(Version, req.params, 'path').version, who(req)))],
  });
  resource(router, '/trainer/api/models/:version/check', {
    post: [trainer, async (req, res) => void res.json(await checkVersion(await publishContext(), parseInput(Version, req.params, 'path').version))],
  });
  resource(router, '/trainer/api/models/:version/publish', {
    post: [
      trainer,
      async (req, res) => {
        const { version } = parseInput(Version, req.params, 'path');
        const { verdict } = await publishVersion(await publishContext(), version, who(req));
        res.json({ ...(await modelStatus()), verdict });
      },
    ],
  });
  resource(router, '/trainer/api/models/:version/rollback', {
    post: [
      trainer,
      async (req, res) => {
        await rollbackTo({ registry: o.registry, bus: o.bus }, parseInput(Version, req.params, 'path').version, who(req));
        res.json(await modelStatus());
      },
    ],
  });
  resource(router, '/trainer/api/models/:version/report', {
    get: [
      trainer,
      async (req, res) => {
        const { version } = parseInput(Version, req.params, 'path');
        const report = await o.jobs.report(version);
        if (!report) throw notFound(`There is no evaluation of ${version} yet: evaluate it first.`);
        // The report is static (no script): inline styles only.
        res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Cache-Control', 'no-store');
        res.type('html').send(report.html);
      },
    ],
  });
  resource(router, '/admin/model', { get: [trainer, async (_req, res) => void res.json(await modelStatus())] });
  return router;
}
