import { createHash, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { serviceUnavailable, unauthorized, unprocessable } from '../../platform/errors';
import { resource } from '../../platform/http/resource';
import { parseInput } from '../../platform/http/validate';
import type { DirectLineChannel } from './directLine/directLineChannel';
import { bearerToken } from './directLine/directLineTokens';

/** A customer the demo page offers. */
export interface DemoCustomer {
  id: string;
  name: string;
}

export interface ChatApiOptions {
  channel: DirectLineChannel;
  /** Bearer secret of the host site's server. */
  apiSecret: string;
  /** Offer `/api/demo/*` (customer picker and tokens for anyone). */
  demoMode: boolean;
  /** The demo customers (the sandbox's `GET /v1/customers`). */
  listCustomers?: () => Promise<DemoCustomer[]>;
}

const customerId = z.string().trim().min(1).max(128);
const tokenBody = z.object({ customerId: customerId.nullish(), name: z.string().trim().min(1).max(100).optional() }).strict();
const demoTokenBody = z.object({ customerId: customerId.nullish() }).strict();
const customerList = z.array(z.object({ id: z.string().min(1).max(128), name: z.string().max(200) }).loose()).max(500);

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Where chat tokens come from.
 * - `POST /api/chat/token` (Bearer = the host site's API secret, `{customerId?, name?}`): the shop's
 *   server asks for a token for its logged-in customer, or for an anonymous visitor.
 * - Demo mode only: `GET /api/demo/customers` and `POST /api/demo/token {customerId?}`, so the
 *   page at `/` can play any demo customer. Absent (404) when demo mode is off.
 * Both answer `{conversationId, token, expires_in}`.
 */
export function chatApiRouter(options: ChatApiOptions): Router {
  const router = Router();
  const secret = digest(options.apiSecret);
  const noStore = Router().use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  router.use('/api/chat', noStore);
  router.use('/api/demo', noStore);

  resource(router, '/api/chat/token', {
    post: async (req, res) => {
      const given = bearerToken(req.get('authorization'));
      if (!given || !timingSafeEqual(digest(given), secret)) throw unauthorized('Send the chat API secret as "Authorization: Bearer <secret>".');
      const body = parseInput(tokenBody, req.body ?? {});
      res.json(await options.channel.openConversation({ customerId: body.customerId ?? null, ...(body.name ? { name: body.name } : {}) }));
    },
  });

  if (!options.demoMode) return router;

  const customers = async (): Promise<DemoCustomer[]> => {
    if (!options.listCustomers) return [];
    try {
      return customerList.parse(await options.listCustomers()).map((c) => ({ id: c.id, name: c.name }));
    } catch (err) {
      options.channel.logger.warn({ err }, 'demo customer list unavailable');
      throw serviceUnavailable('The demo customer list is unavailable right now; chat anonymously or retry.');
    }
  };

  resource(router, '/api/demo/customers', {
    get: async (_req, res) => {
      res.json({ customers: await customers() });
    },
  });

  resource(router, '/api/demo/token', {
    post: async (req, res) => {
      const body = parseInput(demoTokenBody, req.body ?? {});
      await options.channel.limitNewConversations(req.ip ?? 'unknown');
      if (!body.customerId) return void res.json(await options.channel.openConversation({ customerId: null }));
      const customer = (await customers()).find((c) => c.id === body.customerId);
      if (!customer) throw unprocessable('There is no such demo customer.', [{ path: 'customerId', message: 'is not a demo customer' }]);
      res.json(await options.channel.openConversation({ customerId: customer.id, ...(customer.name ? { name: customer.name } : {}) }));
    },
  });

  return router;
}
