import { Router } from 'express';
import { serviceUnavailable } from '../../platform/errors';
import { resource } from '../../platform/http/resource';
import type { Readiness } from './readiness';

/**
 * `GET /healthz`: the process is alive (always 200 while it can answer).
 * `GET /readyz`: ready to serve customers (200 with each check), or 503 problem+json naming
 * the failing checks in `failing` (and all results in `checks`).
 */
export function healthRouter(readiness: Readiness): Router {
  const router = Router();
  resource(router, '/healthz', {
    get: (_req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
    },
  });
  resource(router, '/readyz', {
    get: async (_req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      const report = await readiness.run();
      if (!report.ready) {
        const failing = report.checks.filter((c) => !c.ok).map((c) => c.name);
        throw serviceUnavailable(`Not ready: ${failing.join(', ')}.`, { extensions: { failing, checks: report.checks }, headers: { 'Retry-After': '5' } });
      }
      res.json({ status: 'ready', checks: report.checks });
    },
  });
  return router;
}
