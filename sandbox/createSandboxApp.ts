import type { Express } from 'express';
import { z } from 'zod';
import { createHttpApp } from '../platform/http/createHttpApp';
import { finishHttpApp } from '../platform/http/finishHttpApp';
import { resource } from '../platform/http/resource';
import { parseInput } from '../platform/http/validate';
import { registerCustomerRoutes } from './customers/customerRoutes';
import { registerGiftCardRoutes } from './giftCards/giftCardRoutes';
import { EndpointRegistry } from './http/endpoints';
import { FaultInjector } from './http/faults';
import { serviceAuth } from './http/serviceAuth';
import { registerRewardsRoutes } from './rewards/rewardRoutes';
import type { SandboxContext } from './sandboxContext';
import { registerOrderLookupRoute } from './shipping/orderLookupRoute';
import { registerShippingRoutes } from './shipping/shippingRoutes';
import { registerSubscriptionRoutes } from './subscriptions/subscriptionRoutes';
import { registerUpcomingDeliveriesRoute } from './subscriptions/upcomingDeliveriesRoute';

export interface SandboxDeps extends Omit<SandboxContext, 'endpoints'> {
  token: string;
  faults: FaultInjector;
}

const FaultRules = z.record(
  z.string().regex(/^(\*|(GET|POST|PATCH|PUT|DELETE) \/\S+)$/i, 'keys are "*" or "<METHOD> <path template>"'),
  z.object({ latencyMs: z.number().int().min(0).max(60_000).default(0), errorRate: z.number().min(0).max(1).default(0), errorStatus: z.number().int().min(500).max(599).optional() }).strict(),
);

/**
 * The sandbox: a reference implementation of the shop's four internal APIs (subscriptions,
 * shipping, gift cards, rewards) under `/v1`, its OpenAPI 3.1 document at `/openapi.json`,
 * and fault injection at `/admin/faults`.
 */
export function createSandboxApp(deps: SandboxDeps): { app: Express; endpoints: EndpointRegistry } {
  const auth = serviceAuth(deps.token);
  const endpoints = new EndpointRegistry(deps.faults, auth);
  const ctx: SandboxContext = { ...deps, endpoints };
  registerCustomerRoutes(ctx);
  registerSubscriptionRoutes(ctx);
  registerUpcomingDeliveriesRoute(ctx);
  registerShippingRoutes(ctx);
  registerOrderLookupRoute(ctx);
  registerGiftCardRoutes(ctx);
  registerRewardsRoutes(ctx);

  const app = createHttpApp({ logger: deps.logger, bodyLimit: '64kb', keepRawBody: true });
  const doc = endpoints.document({
    title: 'PawSupport internal APIs (sandbox)',
    version: '1.0.0',
    description:
      'Subscriptions, shipping, gift cards and rewards: the contract a shop implements to plug its own systems into the bot. Errors are RFC 9457 application/problem+json.',
  });
  resource(app, '/openapi.json', { get: (_req, res) => void res.json(doc) });
  resource(app, '/healthz', {
    get: async (_req, res) => {
      const ok = await deps.store.ping();
      res.status(ok ? 200 : 503).json({ ok });
    },
  });
  resource(app, '/admin/faults', {
    get: [auth, (_req, res) => void res.json({ rules: deps.faults.list(), routes: endpoints.routes() })],
    put: [
      auth,
      (req, res) => {
        deps.faults.replace(parseInput(FaultRules, req.body));
        res.json({ rules: deps.faults.list() });
      },
    ],
    delete: [
      auth,
      (_req, res) => {
        deps.faults.clear();
        res.status(204).end();
      },
    ],
  });
  app.use(endpoints.router());
  return { app: finishHttpApp(app, deps.logger), endpoints };
}
