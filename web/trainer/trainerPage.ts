import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { resource } from '../../platform/http/resource';
import { CSS, JS, sendPage, serveAssets, strictCsp } from '../shared/pageAssets';

const HERE = __dirname;
const CSP = strictCsp({ 'img-src': ['data:'] }, { 'form-action': "'self'" });

/**
 * The trainer page at `/trainer` (it signs people in itself through `/auth/*`; the data needs
 * the trainer or admin role) and its assets under `/trainer/assets/`. Strict CSP: scripts and
 * styles only from this server; everything shown is set as text by the script.
 */
export function trainerPageRouter(): Router {
  const router = Router();
  const template = readFileSync(path.join(HERE, 'index.html'));
  resource(router, '/trainer', { get: (_req, res) => sendPage(res, template, CSP) });
  serveAssets(router, '/trainer/assets', {
    'trainer.js': { file: path.join(HERE, 'trainer.js'), type: JS },
    'trainer.css': { file: path.join(HERE, 'trainer.css'), type: CSS },
  });
  return router;
}
