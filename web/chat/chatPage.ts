import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router, type Request, type Response } from 'express';
import { resource } from '../../platform/http/resource';
import { CSS, JS, kitAssets, scriptsIn, sendPage, serveAssets, strictCsp, SVG, withPageData } from '../shared/pageAssets';
import type { ChatPageData } from './chatViews';

export interface ChatPageOptions {
  /** Show the demo customer picker (`/api/demo/*` must be mounted). */
  demoMode: boolean;
}

const HERE = __dirname;

/** The official Web Chat UMD bundle (React included), never the 147 MB stats.json beside it. */
function webChatBundlePath(): string {
  return path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
}

/**
 * The chat page at `/`, its assets under `/chat/assets/` (our modules and style, and Web Chat
 * served from node_modules) and the page kit under `/chat/kit/`. The page gets a strict
 * Content-Security-Policy: scripts only from this server, styles from this server or carrying
 * the per-response nonce (Web Chat's CSS-in-JS uses it), connections only back to this server.
 */
export function chatPageRouter(options: ChatPageOptions): Router {
  const router = Router();
  const data: ChatPageData = { demo: options.demoMode };
  const template = withPageData(readFileSync(path.join(HERE, 'index.html'), 'utf8'), data);
  const page = (_req: Request, res: Response) => {
    const nonce = randomBytes(18).toString('base64');
    const csp = strictCsp({
      'style-src': [`'nonce-${nonce}'`],
      'img-src': ['data:', 'blob:'],
      'font-src': ["'self'", 'data:'],
      'media-src': ["'self'", 'data:', 'blob:'],
      'manifest-src': ["'self'"],
    });
    sendPage(res, template.replaceAll('{{NONCE}}', nonce), csp);
  };
  resource(router, '/', { get: page });

  serveAssets(router, '/chat/assets', {
    ...scriptsIn(HERE),
    'chat.css': { file: path.join(HERE, 'chat.css'), type: CSS },
    'paw.svg': { file: path.join(HERE, 'paw.svg'), type: SVG },
    'webchat.js': { file: webChatBundlePath(), type: JS, cache: 'public, max-age=86400' },
  });
  serveAssets(router, '/chat/kit', kitAssets());
  return router;
}
