import type { RequestHandler } from 'express';
import type { OpsMetrics } from './opsMetrics';

/** Counts responses with a 5xx status as `paw_errors_total{type="http_5xx"}` (not-ready probes excluded). */
export function httpErrorCounter(metrics: OpsMetrics): RequestHandler {
  return (req, res, next) => {
    res.on('finish', () => {
      if (res.statusCode >= 500 && req.path !== '/readyz') metrics.errors.inc({ type: 'http_5xx' });
    });
    next();
  };
}
