import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { HANDOFF_REASON_LABELS } from '../../bot/handoff/handoffReasonLabels';
import type { AdminPageData } from '../../ops/admin/adminViews';
import { RESULT_LABELS } from '../../ops/outcomes/resultLabels';
import { AppError } from '../../platform/errors';
import { resource } from '../../platform/http/resource';
import { CSS, JS, kitAssets, scriptsIn, sendPage, serveAssets, strictCsp, withPageData } from '../shared/pageAssets';

const HERE = __dirname;
const CSP = strictCsp({ 'img-src': ['data:'] }, { 'form-action': "'self'" });

/**
 * The operations dashboard: `/admin` (admins only; others are sent to `/admin/login`), the
 * sign-in page `/admin/login`, its modules under `/admin/assets/` (with Chart.js served from
 * node_modules: no CDN) and the page kit under `/admin/kit/`. Strict CSP: scripts and styles
 * only from this server. The data comes from the admin API (`/admin/api/kpis`,
 * `/admin/log-level`), the labels from the server's constants (`#page-data`).
 *
 * @param requireAdminSession the `admin` role on a cookie session (`requireUser(sessions, ['admin'])`)
 */
export function adminPageRouter(requireAdminSession: RequestHandler): Router {
  const router = Router();
  const data: AdminPageData = { reasons: HANDOFF_REASON_LABELS, results: RESULT_LABELS };
  const template = withPageData(readFileSync(path.join(HERE, 'index.html'), 'utf8'), data);
  const page = (mode: 'dashboard' | 'login') => (_req: Request, res: Response) => sendPage(res, template.replaceAll('{{MODE}}', mode), CSP);

  // Browsers without a session go to the sign-in page; a signed-in non-admin gets the 403 problem.
  const adminOrSignIn: RequestHandler = (req, res, next) =>
    requireAdminSession(req, res, (err?: unknown) => {
      if (err instanceof AppError && err.status === 401) return void res.redirect(303, '/admin/login');
      next(err);
    });

  resource(router, '/admin', { get: [adminOrSignIn, page('dashboard')] });
  resource(router, '/admin/login', { get: page('login') });
  serveAssets(router, '/admin/assets', {
    ...scriptsIn(HERE),
    'admin.css': { file: path.join(HERE, 'admin.css'), type: CSS },
    'chart.umd.js': { file: path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js'), type: JS, cache: 'public, max-age=86400' },
  });
  serveAssets(router, '/admin/kit', kitAssets());
  return router;
}
