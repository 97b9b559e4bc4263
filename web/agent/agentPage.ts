import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { HANDOFF_REASON_LABELS } from '../../bot/handoff/handoffReasonLabels';
import { OUTCOME_LABELS } from '../../bot/handoff/outcomeLabels';
import { resource } from '../../platform/http/resource';
import { CSS, kitAssets, scriptsIn, sendPage, serveAssets, strictCsp, SVG, withPageData } from '../shared/pageAssets';
import type { ConsolePageData } from './consoleViews';

const HERE = __dirname;

/**
 * The agent console page at `/agent`, its modules under `/agent/assets/` and the page kit under
 * `/agent/kit/`. The page is public (it shows the sign-in form); its data comes from the
 * signed-in API, its labels from the server's constants (`#page-data`). Strict CSP: scripts,
 * styles and connections only from this server; the scripts build every element with
 * `textContent`, so nothing a customer typed becomes markup.
 */
export function agentPageRouter(): Router {
  const router = Router();
  const data: ConsolePageData = { reasons: HANDOFF_REASON_LABELS, outcomes: OUTCOME_LABELS };
  const html = withPageData(readFileSync(path.join(HERE, 'index.html'), 'utf8'), data);
  const csp = strictCsp();
  resource(router, '/agent', { get: (_req, res) => sendPage(res, html, csp) });
  serveAssets(router, '/agent/assets', {
    ...scriptsIn(HERE),
    'console.css': { file: path.join(HERE, 'console.css'), type: CSS },
    'paw.svg': { file: path.join(HERE, '../chat/paw.svg'), type: SVG },
  });
  serveAssets(router, '/agent/kit', kitAssets());
  return router;
}
