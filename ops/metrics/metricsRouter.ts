import { createHash, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import type { Registry } from 'prom-client';
import { unauthorized } from '../../platform/errors';
import { resource } from '../../platform/http/resource';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * `GET /metrics` in the Prometheus text format. With `token`, scrapers must send
 * `Authorization: Bearer <token>` (401 otherwise); without, it is open (keep it off the public
 * network, e.g. behind the proxy).
 */
export function metricsRouter(registry: Registry, token?: string): Router {
  const router = Router();
  const expected = token ? digest(token) : undefined;
  resource(router, '/metrics', {
    get: async (req, res) => {
      if (expected) {
        const m = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
        if (!m || !timingSafeEqual(digest(m[1]!), expected)) throw unauthorized('Send the metrics token as a bearer token.');
      }
      res.setHeader('Cache-Control', 'no-store');
      res.type(registry.contentType).send(await registry.metrics());
    },
  });
  return router;
}
