import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { AppError } from '../../platform/errors';
import { resource } from '../../platform/http/resource';
import { CSS, JS, sendPage, serveAssets, strictCsp } from '../shared/pageAssets';

const HERE = __dirname;
const CSP = strictCsp({ 'img-src': ['data:'] }, { 'form-action': "'self'" });

/**
 * The operations dashboard: `/admin` (admins only; others are sent to `/admin/login`), the
 * sign-in page `/admin/login`, and its assets under `/admin/assets/` (our script and style,
 * and Chart.js served from node_modules: no CDN). Strict CSP: scripts and styles only from
 * this server. The data comes from the admin API (`/admin/api/kpis`, `/admin/log-level`).
 *
 * @param requireAdminSession the `admin` role on a cookie session (`requireUser(sessions, ['admin'])`)
 */
export function adminPageRouter(requireAdminSession: RequestHandler): Router {
  const router = Router();
  const template = readFileSync(path.join(HERE, 'index.html'), 'utf8');
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
    'admin.js': { file: path.join(HERE, 'admin.js'), type: JS },
    'admin.css': { file: path.join(HERE, 'admin.css'), type: CSS },
    'chart.umd.js': { file: path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js'), type: JS, cache: 'public, max-age=86400' },
  });
  return router;
}
