import type { RequestHandler, Router } from 'express';
import { methodNotAllowed } from '../errors';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type ResourceHandlers = Partial<Record<Method, RequestHandler | RequestHandler[]>>;

/**
 * Registers one path with its methods; any other method on that path answers 405 with
 * `Allow` (HEAD and OPTIONS follow GET as usual).
 */
export function resource(router: Router, path: string, handlers: ResourceHandlers): void {
  const route = router.route(path);
  const allow: string[] = [];
  for (const [method, h] of Object.entries(handlers) as [Method, RequestHandler | RequestHandler[]][]) {
    route[method](...(Array.isArray(h) ? h : [h]));
    allow.push(method.toUpperCase());
    if (method === 'get') allow.push('HEAD');
  }
  route.all((_req, _res, next) => next(methodNotAllowed(allow)));
}
