import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Who may call a route. */
export type Access = 'public' | 'chat' | 'chatSecret' | 'demo' | 'staff' | 'agent' | 'trainer' | 'admin' | 'metrics' | 'sandbox';

/** One HTTP route the product serves (method + express path). */
export interface ProductRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  access: Access;
  /** Takes a JSON body. */
  json?: boolean;
  /** Calling it successfully would disturb the run (trains a model, publishes, signs out): never sent with valid credentials. */
  unsafe?: boolean;
}

const DL = '/v3/directline/conversations';

/**
 * Every route of the bot's server (the express apps of `bin/server.ts`: chat server, staff
 * sign-in, agent console, trainer, admin and ops), as the README and the routers define them.
 * {@link sourceRoutes} checks that this list stays complete. The sandbox's routes come from its
 * OpenAPI document at run time, plus {@link SANDBOX_FIXED}.
 */
export const SERVER_ROUTES: ProductRoute[] = [
  { method: 'GET', path: '/', access: 'public' },
  { method: 'GET', path: '/chat/assets/:file', access: 'public' },
  { method: 'GET', path: '/chat/kit/:file', access: 'public' },
  { method: 'POST', path: '/api/chat/token', access: 'chatSecret', json: true },
  { method: 'GET', path: '/api/chat/customers/:customerId/notifications', access: 'chatSecret' },
  { method: 'PATCH', path: '/api/chat/customers/:customerId/notifications', access: 'chatSecret', json: true },
  { method: 'GET', path: '/api/demo/customers', access: 'demo' },
  { method: 'POST', path: '/api/demo/token', access: 'demo', json: true },
  { method: 'POST', path: DL, access: 'chat', json: true },
  { method: 'GET', path: `${DL}/:conversationId`, access: 'chat' },
  { method: 'GET', path: `${DL}/:conversationId/activities`, access: 'chat' },
  { method: 'POST', path: `${DL}/:conversationId/activities`, access: 'chat', json: true },
  { method: 'POST', path: `${DL}/:conversationId/upload`, access: 'chat', json: true },
  { method: 'GET', path: `${DL}/:conversationId/stream`, access: 'chat' },
  { method: 'POST', path: '/v3/directline/tokens/refresh', access: 'chat', json: true },
  { method: 'POST', path: '/auth/login', access: 'public', json: true },
  { method: 'POST', path: '/auth/logout', access: 'staff', json: true, unsafe: true },
  { method: 'GET', path: '/auth/me', access: 'staff' },
  { method: 'GET', path: '/agent', access: 'public' },
  { method: 'GET', path: '/agent/assets/:file', access: 'public' },
  { method: 'GET', path: '/agent/kit/:file', access: 'public' },
  { method: 'GET', path: '/agent/api/state', access: 'agent' },
  { method: 'POST', path: '/agent/api/presence', access: 'agent', json: true },
  { method: 'GET', path: '/agent/api/queue', access: 'agent' },
  { method: 'GET', path: '/agent/api/chats', access: 'agent' },
  { method: 'GET', path: '/agent/api/conversations/:id', access: 'agent' },
  { method: 'POST', path: '/agent/api/conversations/:id/accept', access: 'agent', json: true },
  { method: 'POST', path: '/agent/api/conversations/:id/messages', access: 'agent', json: true },
  { method: 'POST', path: '/agent/api/conversations/:id/notes', access: 'agent', json: true },
  { method: 'POST', path: '/agent/api/conversations/:id/typing', access: 'agent', json: true },
  { method: 'POST', path: '/agent/api/conversations/:id/end', access: 'agent', json: true },
  { method: 'GET', path: '/agent/api/tickets', access: 'agent' },
  { method: 'POST', path: '/agent/api/tickets/:id/close', access: 'agent', json: true },
  { method: 'GET', path: '/trainer', access: 'public' },
  { method: 'GET', path: '/trainer/assets/:file', access: 'public' },
  { method: 'GET', path: '/trainer/kit/:file', access: 'public' },
  { method: 'GET', path: '/trainer/api/inbox', access: 'trainer' },
  { method: 'POST', path: '/trainer/api/inbox/:id', access: 'trainer', json: true },
  { method: 'GET', path: '/trainer/api/intents', access: 'trainer' },
  { method: 'GET', path: '/trainer/api/models', access: 'trainer' },
  { method: 'POST', path: '/trainer/api/models/train', access: 'trainer', json: true, unsafe: true },
  { method: 'GET', path: '/trainer/api/job', access: 'trainer' },
  { method: 'POST', path: '/trainer/api/models/:version/evaluate', access: 'trainer', json: true, unsafe: true },
  { method: 'POST', path: '/trainer/api/models/:version/check', access: 'trainer', json: true },
  { method: 'POST', path: '/trainer/api/models/:version/publish', access: 'trainer', json: true, unsafe: true },
  { method: 'POST', path: '/trainer/api/models/:version/rollback', access: 'trainer', json: true, unsafe: true },
  { method: 'GET', path: '/trainer/api/models/:version/report', access: 'trainer' },
  { method: 'GET', path: '/admin/model', access: 'trainer' },
  { method: 'GET', path: '/admin', access: 'admin' },
  { method: 'GET', path: '/admin/login', access: 'public' },
  { method: 'GET', path: '/admin/assets/:file', access: 'public' },
  { method: 'GET', path: '/admin/kit/:file', access: 'public' },
  { method: 'GET', path: '/admin/api/kpis', access: 'admin' },
  { method: 'GET', path: '/admin/api/kpis.csv', access: 'admin' },
  { method: 'GET', path: '/admin/api/conversations', access: 'admin' },
  { method: 'GET', path: '/admin/api/conversations.csv', access: 'admin' },
  { method: 'GET', path: '/admin/api/conversations/:id', access: 'admin' },
  // A server-sent event stream: with valid credentials it never ends.
  { method: 'GET', path: '/admin/api/live', access: 'admin', unsafe: true },
  { method: 'GET', path: '/admin/log-level', access: 'admin' },
  { method: 'PUT', path: '/admin/log-level', access: 'admin', json: true },
  { method: 'GET', path: '/api/agent/ratings', access: 'agent' },
  { method: 'GET', path: '/healthz', access: 'public' },
  { method: 'GET', path: '/readyz', access: 'public' },
  { method: 'GET', path: '/metrics', access: 'metrics' },
];

/** The sandbox's routes outside its OpenAPI document's paths. */
export const SANDBOX_FIXED: ProductRoute[] = [
  { method: 'GET', path: '/openapi.json', access: 'public' },
  { method: 'GET', path: '/healthz', access: 'public' },
  { method: 'GET', path: '/admin/faults', access: 'sandbox' },
  { method: 'PUT', path: '/admin/faults', access: 'sandbox', json: true, unsafe: true },
  { method: 'DELETE', path: '/admin/faults', access: 'sandbox', unsafe: true },
];

/** The sandbox's documented routes (`/openapi.json`), express-style paths. */
export function openApiRoutes(doc: { paths: Record<string, Record<string, unknown>> }): ProductRoute[] {
  const out: ProductRoute[] = [];
  for (const [p, ops] of Object.entries(doc.paths)) {
    for (const m of Object.keys(ops)) {
      const method = m.toUpperCase() as ProductRoute['method'];
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
      const carrier = p.includes('/carriers/');
      out.push({ method, path: p.replace(/\{(\w+)\}/g, ':$1'), access: carrier ? 'public' : 'sandbox', json: method !== 'GET' && method !== 'DELETE' });
    }
  }
  return out;
}

/** The staff routes that change state (CSRF-protected). */
export const stateChangingStaffRoutes = () => SERVER_ROUTES.filter((r) => r.method !== 'GET' && ['staff', 'agent', 'trainer', 'admin'].includes(r.access));

/** Every route needing a staff session. */
export const staffRoutes = () => SERVER_ROUTES.filter((r) => ['staff', 'agent', 'trainer', 'admin'].includes(r.access));

const ROOT = path.join(__dirname, '../../..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/**
 * The paths the source registers with `resource(…)` and `serveAssets(…)` (bot server apps, and
 * the sandbox's fixed ones), so a new route cannot escape the suite unnoticed.
 */
export function sourceRoutes(): { server: string[]; sandbox: string[] } {
  const server = new Set<string>();
  const sandbox = new Set<string>();
  for (const dir of ['bot', 'web', 'ops', 'platform', 'sandbox']) {
    for (const file of tsFiles(path.join(ROOT, dir))) {
      const src = readFileSync(file, 'utf8');
      const prefix = file.endsWith('directLineRouter.ts') ? '/v3/directline' : '';
      const into = file.startsWith(path.join(ROOT, 'sandbox')) ? sandbox : server;
      for (const m of src.matchAll(/\bresource\(\s*\w+\s*,\s*'([^']+)'/g)) into.add(prefix + m[1]);
      for (const m of src.matchAll(/\bserveAssets\(\s*\w+\s*,\s*'([^']+)'/g)) into.add(`${m[1]}/:file`);
    }
  }
  return { server: [...server].sort(), sandbox: [...sandbox].sort() };
}
