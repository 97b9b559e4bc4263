import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { resource } from '../../platform/http/resource';
import { CSS, JS, sendPage, serveAssets, strictCsp, SVG } from '../shared/pageAssets';

const HERE = __dirname;

/**
 * The agent console page at `/agent` and its assets under `/agent/assets/`. The page is
 * public (it shows the sign-in form); its data comes from the signed-in API. Strict CSP:
 * scripts, styles and connections only from this server; the script builds every element
 * with `textContent`, so nothing a customer typed becomes markup.
 */
export function agentPageRouter(): Router {
  const router = Router();
  const html = readFileSync(path.join(HERE, 'index.html'));
  const csp = strictCsp();
  resource(router, '/agent', { get: (_req, res) => sendPage(res, html, csp) });
  serveAssets(router, '/agent/assets', {
    'console.js': { file: path.join(HERE, 'console.js'), type: JS },
    'console.css': { file: path.join(HERE, 'console.css'), type: CSS },
    'paw.svg': { file: path.join(HERE, '../chat/paw.svg'), type: SVG },
  });
  return router;
}
