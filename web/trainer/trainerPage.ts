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

const HERE = __dirname;

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

function securityHeaders(res: Response): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

/**
 * The trainer page at `/trainer` (it signs people in itself through `/auth/*`; the data needs
 * the trainer or admin role) and its assets under `/trainer/assets/`. Strict CSP: scripts and
 * styles only from this server; everything shown is set as text by the script.
 */
export function trainerPageRouter(): Router {
  const router = Router();
  const template = readFileSync(path.join(HERE, 'index.html'));
  const assets = new Map<string, () => Asset>();
  const own = (file: string, type: string) => {
    let a: Asset | undefined;
    return () => {
      if (!a) {
        const body = readFileSync(path.join(HERE, file));
        a = { body, gzip: gzipSync(body), type };
      }
      return a;
    };
  };
  assets.set('trainer.js', own('trainer.js', 'text/javascript; charset=utf-8'));
  assets.set('trainer.css', own('trainer.css', 'text/css; charset=utf-8'));

  resource(router, '/trainer', {
    get: (_req, res) => {
      securityHeaders(res);
      res.setHeader('Content-Security-Policy', CSP);
      res.setHeader('X-Frame-Options', 'DENY');
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      res.setHeader('Cache-Control', 'no-store');
      res.type('html').send(template);
    },
  });
  resource(router, '/trainer/assets/:file', {
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
