import assert from 'node:assert/strict';
import { call, startTestSandbox, type TestSandbox } from '../support/sandboxServer';

/**
 * The HTTP rules every subscriptions and rewards endpoint follows: service token, problem+json,
 * 400/404/405/413/415 — checked endpoint by endpoint so a new one cannot slip through.
 */
interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH';
  /** With `{c}` for the customer id. */
  path: string;
  /** A valid body for the happy path (writes). */
  body?: unknown;
  okStatus: number;
  /** Allow header of the path. */
  allow: string[];
  /** Whose resource the path names (default cus-ben). */
  customer?: string;
  /** The path names a customer-scoped id: asking for it as another customer must be a 404. */
  scoped?: boolean;
}

// Each write works on its own subscription: the sandbox is shared by the tests of a store.
const sub = (id: string) => `/v1/customers/{c}/subscriptions/${id}`;
const ENDPOINTS: Endpoint[] = [
  { method: 'GET', path: '/v1/customers/{c}/subscriptions', okStatus: 200, allow: ['GET', 'HEAD'] },
  { method: 'GET', path: sub('sub-ben-1'), okStatus: 200, allow: ['GET', 'HEAD', 'PATCH'], scoped: true },
  { method: 'PATCH', path: sub('sub-ben-1'), body: { quantity: 3 }, okStatus: 200, allow: ['GET', 'HEAD', 'PATCH'], scoped: true },
  { method: 'POST', path: `${sub('sub-ava-1')}/pause`, customer: 'cus-ava', body: { weeks: 2 }, okStatus: 200, allow: ['POST'], scoped: true },
  { method: 'POST', path: `${sub('sub-ben-2')}/resume`, body: {}, okStatus: 200, allow: ['POST'], scoped: true },
  { method: 'POST', path: `${sub('sub-emma-2')}/skip`, customer: 'cus-emma', body: {}, okStatus: 200, allow: ['POST'], scoped: true },
  { method: 'POST', path: `${sub('sub-chloe-1')}/cancel`, customer: 'cus-chloe', body: { reason: 'other' }, okStatus: 200, allow: ['POST'], scoped: true },
  { method: 'GET', path: '/v1/customers/{c}/rewards', okStatus: 200, allow: ['GET', 'HEAD'] },
  { method: 'GET', path: '/v1/customers/{c}/rewards/transactions', okStatus: 200, allow: ['GET', 'HEAD'] },
  { method: 'POST', path: '/v1/customers/{c}/rewards/redemptions', body: { points: 100 }, okStatus: 201, allow: ['POST'] },
];
const label = (e: Endpoint) => `${e.method} ${e.path.replace('{c}', '{customerId}')}`;
const WRONG_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function httpSuite(store: 'memory' | 'redis') {
  describe(`sandbox HTTP rules for subscriptions and rewards (${store} store)`, () => {
    let sb: TestSandbox;
    before(async () => {
      sb = await startTestSandbox({ store });
    });
    after(async () => sb.close());

    const isProblem = (r: { status: number; body: any; headers: Headers }, status: number, what: string) => {
      assert.equal(r.status, status, `${what}: ${JSON.stringify(r.body)}`);
      assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/, what);
      assert.equal(r.body.status, status, what);
      assert.equal(typeof r.body.title, 'string');
      assert.equal(typeof r.body.detail, 'string');
      assert.equal(typeof r.body.code, 'string');
      assert.equal(r.body.type, `/problems/${r.body.code}`);
    };

    for (const e of ENDPOINTS) {
      const at = (path: string, customer = e.customer ?? 'cus-ben') => path.replace('{c}', customer);
      describe(label(e), () => {
        it('answers 401 without a token, with a wrong token and with another scheme', async () => {
          const url = sb.url + at(e.path);
          const init = (headers: Record<string, string>): RequestInit => ({
            method: e.method,
            headers: { ...(e.body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
            body: e.body === undefined ? undefined : JSON.stringify(e.body),
          });
          for (const headers of [{}, { authorization: 'Bearer not-the-token' }, { authorization: `Basic ${sb.token}` }] as Record<string, string>[]) {
            const res = await fetch(url, init(headers));
            const r = { status: res.status, headers: res.headers, body: await res.json() };
            isProblem(r, 401, JSON.stringify(headers));
            assert.equal(r.body.code, 'unauthorized');
            assert.equal(res.headers.get('www-authenticate'), 'Bearer');
          }
        });

        it('answers 405 with Allow to the other methods', async () => {
          for (const m of WRONG_METHODS.filter((m) => !e.allow.includes(m))) {
            const r = await call(sb, m, at(e.path), m === 'GET' || m === 'DELETE' ? undefined : {});
            isProblem(r, 405, m);
            assert.deepEqual(r.headers.get('allow')?.split(', ').sort(), [...e.allow].sort(), m);
          }
        });

        it('answers 404 for an unknown customer', async () => {
          const r = await call(sb, e.method, at(e.path, 'cus-nobody'), e.body);
          isProblem(r, 404, 'unknown customer');
          assert.equal(r.body.code, 'not_found');
        });

        if (e.scoped) {
          it('answers 404 for another customer’s resource, as for a missing one', async () => {
            const other = e.customer === 'cus-ava' ? 'cus-ben' : 'cus-ava';
            const foreign = await call(sb, e.method, at(e.path, other), e.body);
            isProblem(foreign, 404, 'foreign');
            const missing = await call(sb, e.method, at(e.path).replace(/sub-[a-z]+-\d/, 'sub-none-99'), e.body);
            isProblem(missing, 404, 'missing');
          });
        }

        if (e.body !== undefined) {
          it('answers 400 for malformed JSON, 413 over 64 KB and 415 for another content type', async () => {
            isProblem(await call(sb, e.method, at(e.path), '{"quantity": 3,'), 400, 'malformed');
            const big = JSON.stringify({ ...(e.body as object), padding: 'x'.repeat(65 * 1024) });
            isProblem(await call(sb, e.method, at(e.path), big), 413, 'oversize');
            const text = await call(sb, e.method, at(e.path), 'points=100', { 'content-type': 'text/plain' });
            isProblem(text, 415, 'text/plain');
            const form = await call(sb, e.method, at(e.path), 'points=100', { 'content-type': 'application/x-www-form-urlencoded' });
            isProblem(form, 415, 'form');
          });

          it('answers 422 with the failing fields for a body of the wrong shape', async () => {
            const r = await call(sb, e.method, at(e.path), ['not', 'an', 'object']);
            isProblem(r, 422, 'array body');
            assert.ok(Array.isArray(r.body.errors) && r.body.errors.length > 0);
          });
        }

        it(`answers ${e.okStatus} on the happy path, as JSON`, async () => {
          const r = await call(sb, e.method, at(e.path), e.body);
          assert.equal(r.status, e.okStatus, JSON.stringify(r.body));
          assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
        });
      });
    }
  });
}

for (const store of ['memory', 'redis'] as const) httpSuite(store);
