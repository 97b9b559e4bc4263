import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { AppError, notFound } from '../../platform/errors';
import { resource } from '../../platform/http/resource';

interface Asset {
  body: Buffer;
  gzip: Buffer;
  type: string;
  cache: string;
}

const HERE = __dirname;

function securityHeaders(res: Response): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

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
  const assets = new Map<string, () => Asset>();
  const cached = (file: string, type: string, cache: string) => {
    let a: Asset | undefined;
    return () => {
      if (!a) {
        const body = readFileSync(file);
        a = { body, gzip: gzipSync(body), type, cache };
      }
      return a;
    };
  };
  assets.set('admin.js', cached(path.join(HERE, 'admin.js'), 'text/javascript; charset=utf-8', 'no-cache'));
  assets.set('admin.css', cached(path.join(HERE, 'admin.css'), 'text/css; charset=utf-8', 'no-cache'));
  assets.set('chart.umd.js', cached(path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'text/javascript; charset=utf-8', 'public, max-age=86400'));

  const page = (mode: 'dashboard' | 'login') => (_req: Request, res: Response) => {
    securityHeaders(res);
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(template.replaceAll('{{MODE}}', mode));
  };

  // Browsers without a session go to the sign-in page; a signed-in non-admin gets the 403 problem.
  const adminOrSignIn: RequestHandler = (req, res, next) =>
    requireAdminSession(req, res, (err?: unknown) => {
      if (err instanceof AppError && err.status === 401) return void res.redirect(303, '/admin/login');
      next(err);
    });

  resource(router, '/admin', { get: [adminOrSignIn, page('dashboard')] });
  resource(router, '/admin/login', { get: page('login') });
  resource(router, '/admin/assets/:file', {
    get: (req, res) => {
      const load = assets.get(String(req.params.file));
      if (!load) throw notFound('There is no such file.');
      const asset = load();
      securityHeaders(res);
      res.setHeader('Cache-Control', asset.cache);
      res.setHeader('Vary', 'Accept-Encoding');
      res.type(asset.type);
      if (/\bgzip\b/.test(req.get('accept-encoding') ?? '')) {
        res.setHeader('Content-Encoding', 'gzip');
        return void res.send(asset.gzip);
      }
      res.send(asset.body);
    },
  });
  return router;
}
