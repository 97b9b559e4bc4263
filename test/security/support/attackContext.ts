import type { ProductProcess } from '../../support/productProcess';
import { hostChat, parsed, raw, signIn, type ChatSession, type Staff } from './attackClient';
import { openApiRoutes, SANDBOX_FIXED, type ProductRoute } from './productRoutes';
import { productionEnv, sharedProduct } from './securityProducts';

/** The production product with what an attacker's tests need: conversations, a signed-in admin, the secrets. */
export interface AttackContext {
  product: ProductProcess;
  url: string;
  sandboxUrl: string;
  env: Record<string, string>;
  /** A conversation of Ava's and an anonymous one (the attacker's own tokens). */
  chat: ChatSession;
  other: ChatSession;
  /** ada: admin, trainer and agent. */
  admin: Staff;
  sandboxRoutes: ProductRoute[];
}

let context: { of: Promise<ProductProcess>; ctx: Promise<AttackContext> } | undefined;

/** Built once per shared production product. */
export function attackContext(): Promise<AttackContext> {
  const of = sharedProduct('production');
  if (context?.of === of) return context.ctx;
  const ctx = (async () => {
    const product = await of;
    const { env, staff } = await productionEnv();
    const url = product.url;
    const chat = await hostChat(url, env.CHAT_API_SECRET!, 'cus-ava', '198.18.0.1');
    const other = await hostChat(url, env.CHAT_API_SECRET!, undefined, '198.18.0.1');
    const admin = await signIn(url, staff.ada.username, staff.ada.password, '198.18.0.2');
    const doc = parsed<{ paths: Record<string, Record<string, unknown>> }>(await raw(`${product.sandboxUrl}/openapi.json`));
    if (!doc) throw new Error('the sandbox has no OpenAPI document');
    return { product, url, sandboxUrl: product.sandboxUrl, env, chat, other, admin, sandboxRoutes: [...openApiRoutes(doc), ...SANDBOX_FIXED] };
  })();
  context = { of, ctx };
  return ctx;
}

const ASSET: Record<string, string> = { chat: 'chat.js', agent: 'console.js', trainer: 'trainer.js', admin: 'admin.js' };

/** A concrete path for a route: parameters filled with ids of the context (or `param` for every one). */
export function pathOf(route: ProductRoute, ctx: AttackContext, param?: string): string {
  return route.path.replace(/:(\w+)/g, (_m, name: string) => {
    if (param !== undefined) return param;
    switch (name) {
      case 'conversationId':
      case 'id':
        return route.path.startsWith('/agent/api/tickets') ? 'T-0000ABCD' : ctx.chat.conversationId;
      case 'file':
        return route.path.includes('/kit/') ? 'api.js' : (ASSET[route.path.split('/')[1] ?? ''] ?? 'chat.js');
      case 'version':
        return 'no-such-version';
      case 'customerId':
        return 'cus-ava';
      case 'carrier':
        return 'ups';
      default:
        return 'x-1';
    }
  });
}

/** Valid credentials for a route (none for unsafe ones), with the CSRF token unless told otherwise. */
export function credentials(route: ProductRoute, ctx: AttackContext, withCsrf = true): Record<string, string> {
  if (route.unsafe) return {};
  switch (route.access) {
    case 'chat':
      return { authorization: `Bearer ${ctx.chat.token}` };
    case 'chatSecret':
      return { authorization: `Bearer ${ctx.env.CHAT_API_SECRET}` };
    case 'metrics':
      return { authorization: `Bearer ${ctx.env.METRICS_TOKEN}` };
    case 'sandbox':
      return { authorization: `Bearer ${ctx.env.SANDBOX_TOKEN}` };
    case 'staff':
    case 'agent':
    case 'trainer':
    case 'admin':
      return { cookie: ctx.admin.cookie, ...(withCsrf && route.method !== 'GET' ? { 'x-csrf-token': ctx.admin.csrf } : {}) };
    default:
      return {};
  }
}

/** Base URL of the app serving a route. */
export const baseOf = (route: ProductRoute, ctx: AttackContext) => (ctx.sandboxRoutes.includes(route) ? ctx.sandboxUrl : ctx.url);
