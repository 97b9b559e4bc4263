import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Router, type Request, type Response } from 'express';
import { notFound } from '../../platform/errors';
import { resource } from '../../platform/http/resource';

export interface ChatPageOptions {
  /** Show the demo customer picker (`/api/demo/*` must be mounted). */
  demoMode: boolean;
}

interface Asset {
  body: Buffer;
  gzip?: Buffer;
  type: string;
  cache: string;
}

const HERE = __dirname;

/** The official Web Chat UMD bundle (React included), never the 147 MB stats.json beside it. */
function webChatBundlePath(): string {
  return path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
}

function securityHeaders(res: Response): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

/**
 * The chat page at `/` and its assets under `/chat/assets/`: our script and style, and Web Chat
 * served from node_modules. The page gets a strict Content-Security-Policy: scripts only from
 * this server, styles from this server or carrying the per-response nonce (Web Chat's
 * CSS-in-JS uses it), connections only back to this server.
 */
export function chatPageRouter(options: ChatPageOptions): Router {
  const router = Router();
  const template = readFileSync(path.join(HERE, 'index.html'), 'utf8');
  const assets = new Map<string, () => Asset>();
  const cached = (load: () => Asset) => {
    let a: Asset | undefined;
    return () => (a ??= load());
  };
  const own = (file: string, type: string) =>
    cached(() => {
      const body = readFileSync(path.join(HERE, file));
      return { body, gzip: gzipSync(body), type, cache: 'no-cache' };
    });
  assets.set('chat.js', own('chat.js', 'text/javascript; charset=utf-8'));
  assets.set('chat.css', own('chat.css', 'text/css; charset=utf-8'));
  assets.set('paw.svg', own('paw.svg', 'image/svg+xml'));
  assets.set(
    'webchat.js',
    cached(() => {
      const body = readFileSync(webChatBundlePath());
      return { body, gzip: gzipSync(body, { level: 6 }), type: 'text/javascript; charset=utf-8', cache: 'public, max-age=86400' };
    }),
  );

  const page = (_req: Request, res: Response) => {
    const nonce = randomBytes(18).toString('base64');
    securityHeaders(res);
    res.setHeader(
      'Content-Security-Policy',
      [
        "default-src 'none'",
        "script-src 'self'",
        `style-src 'self' 'nonce-${nonce}'`,
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "media-src 'self' data: blob:",
        "connect-src 'self'",
        "manifest-src 'self'",
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
    res.type('html').send(template.replaceAll('{{NONCE}}', nonce).replaceAll('{{DEMO}}', options.demoMode ? 'true' : 'false'));
  };
  resource(router, '/', { get: page });

  resource(router, '/chat/assets/:file', {
    get: (req, res) => {
      const load = assets.get(String(req.params.file));
      if (!load) throw notFound('There is no such file.');
      const asset = load();
      securityHeaders(res);
      res.setHeader('Cache-Control', asset.cache);
      res.setHeader('Vary', 'Accept-Encoding');
      res.type(asset.type);
      if (asset.gzip && /\bgzip\b/.test(req.get('accept-encoding') ?? '')) {
        res.setHeader('Content-Encoding', 'gzip');
        return void res.send(asset.gzip);
      }
      res.send(asset.body);
    },
  });
  return router;
}
