import type { Express } from 'express';
import type { Logger } from '../logger';
import { notFoundHandler, problemHandler } from './problemHandler';

/** Adds the 404 fallback and the one problem+json error handler; call after all routes. */
export function finishHttpApp(app: Express, logger: Logger): Express {
  app.use(notFoundHandler);
  app.use(problemHandler(logger));
  return app;
}
