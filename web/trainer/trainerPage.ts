import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { HANDOFF_REASON_LABELS } from '../../bot/handoff/handoffReasonLabels';
import { resource } from '../../platform/http/resource';
import { REVIEW_REASON_LABELS, REVIEW_STATUS_LABELS } from '../../training/review/reviewLabels';
import { CSS, kitAssets, scriptsIn, sendPage, serveAssets, strictCsp, withPageData } from '../shared/pageAssets';
import type { TrainerPageData } from './trainerViews';

const HERE = __dirname;
const CSP = strictCsp({ 'img-src': ['data:'] }, { 'form-action': "'self'" });

/**
 * The trainer page at `/trainer` (it signs people in itself through `/auth/*`; the data needs
 * the trainer or admin role), its modules under `/trainer/assets/` and the page kit under
 * `/trainer/kit/`. Strict CSP: scripts and styles only from this server; everything shown is
 * set as text by the scripts; the labels come from the server's constants (`#page-data`).
 */
export function trainerPageRouter(): Router {
  const router = Router();
  const data: TrainerPageData = { reviewReasons: REVIEW_REASON_LABELS, reviewStatuses: REVIEW_STATUS_LABELS, handoffReasons: HANDOFF_REASON_LABELS };
  const html = withPageData(readFileSync(path.join(HERE, 'index.html'), 'utf8'), data);
  resource(router, '/trainer', { get: (_req, res) => sendPage(res, html, CSP) });
  serveAssets(router, '/trainer/assets', {
    ...scriptsIn(HERE),
    'trainer.css': { file: path.join(HERE, 'trainer.css'), type: CSS },
  });
  serveAssets(router, '/trainer/kit', kitAssets());
  return router;
}
