import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Router, type Response } from 'express';
import { notFound } from '../../platform/errors';
import { resource } from '../../platform/http/resource';

interface Asset {
  body: Buffer;
  gzip: Buffer;
  type: string;
}

function securityHeaders(res: Response): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

/**
 * The agent console page at `/agent` and its assets under `/agent/assets/`. The page is
 * public (it shows the sign-in form); its data comes from the signed-in API. Strict CSP:
 * scripts, styles and connections only from this server; the script builds every element
 * with `textContent`, so nothing a customer typed becomes markup.
 */
export function agentPageRouter(): Router {
  const router = Router();
  const here = __dirname;
  const html = readFileSync(path.join(here, 'index.html'));
  const assets = new Map<string, () => Asset>();
  const own = (file: string, type: string) => {
    let a: Asset | undefined;
    return () => {
      if (a) return a;
      const body = readFileSync(file);
      return (a = { body, gzip: gzipSync(body), type });
    };
  };
  assets.set('console.js', own(path.join(here, 'console.js'), 'text/javascript; charset=utf-8'));
  assets.set('console.css', own(path.join(here, 'console.css'), 'text/css; charset=utf-8'));
  assets.set('paw.svg', own(path.join(here, '../chat/paw.svg'), 'image/svg+xml'));

  resource(router, '/agent', {
    get: (_req, res) => {
      securityHeaders(res);
      res.setHeader(
        'Content-Security-Policy',
        [
          "default-src 'none'",
          "script-src 'self'",
          "style-src 'self'",
          "img-src 'self'",
          "connect-src 'self'",
          "base-uri 'none'",
          "form-action 'none'",
          "frame-ancestors 'none'",
          "object-src 'none'",
        ].join('; '),
      );
      res.setHeader('X-Frame-Options', 'DENY');
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
      res.setHeader('Cache-Control', 'no-store');
      res.type('html').send(html);
    },
  });
  resource(router, '/agent/assets/:file', {
    get: (req, res) => {
      const load = assets.get(String(req.params.file));
      if (!load) throw notFound('There is no such file.');
      const asset = load();
      securityHeaders(res);
      res.setHeader('Cache-Control', 'no-cache');
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
