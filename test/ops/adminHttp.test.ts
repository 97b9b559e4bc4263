import assert from 'node:assert/strict';
import { Router } from 'express';
import { newOutcome } from '../../ops/outcomes/conversationOutcome';
import { metricValue } from './support/metricValue';
import { startOpsServer, ADMIN_TOKEN, METRICS_TOKEN, openChat, type RunningOpsServer } from './support/opsTestServer';

/** Every ops/admin HTTP surface on the composed server: authorization, errors, logs. */
describe('ops HTTP surfaces: authorization, problem+json, logs', function () {
  this.timeout(60_000);
  let srv: RunningOpsServer;
  let admin: { cookie: string; csrf: string };
  let agent: { cookie: string; csrf: string };
  const boom = Router();
  boom.get('/test/boom', () => {
    throw new Error('db password=hunter2 exploded');
  });

  before(async () => {
    srv = await startOpsServer({ env: { METRICS_TOKEN }, routers: [boom] });
    admin = await srv.signIn('ada');
    agent = await srv.signIn('sam');
  });
  after(async () => srv?.close());

  const req = (path: string, init: RequestInit & { who?: { cookie: string; csrf?: string }; csrf?: boolean; bearer?: string } = {}) => {
    const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
    if (init.who) headers.cookie = init.who.cookie;
    if (init.who && init.csrf) headers['x-csrf-token'] = init.who.csrf!;
    if (init.bearer) headers.authorization = `Bearer ${init.bearer}`;
    if (init.body) headers['content-type'] = 'application/json';
    return fetch(srv.url + path, { ...init, headers, redirect: 'manual' });
  };
  const problem = async (res: Response, status: number) => {
    assert.equal(res.status, status);
    assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
    return (await res.json()) as Record<string, any>;
  };

  const API_ROUTES: [string, string, string?][] = [
    ['GET', '/admin/api/kpis'],
    ['GET', '/admin/log-level'],
    ['PUT', '/admin/log-level', JSON.stringify({ module: 'bot', level: 'info' })],
  ];

  it('every admin API refuses anonymous callers (401), other roles (403), and wrong bearer tokens (401)', async () => {
    for (const [method, path, body] of API_ROUTES) {
      await problem(await req(path, { method, body }), 401);
      await problem(await req(path, { method, body, who: agent, csrf: true }), 403);
      await problem(await req(path, { method, body, bearer: 'not-the-admin-token-at-all' }), 401);
      await problem(await req(path, { method, body, bearer: METRICS_TOKEN }), 401);
    }
  });

  it('admins get in with their session (and the CSRF token on PUT) or with ADMIN_TOKEN', async () => {
    for (const [method, path, body] of API_ROUTES) {
      assert.equal((await req(path, { method, body, who: admin, csrf: true })).status, 200, `${method} ${path} as ada`);
      assert.equal((await req(path, { method, body, bearer: ADMIN_TOKEN })).status, 200, `${method} ${path} with the token`);
    }
    const noCsrf = await problem(await req('/admin/log-level', { method: 'PUT', body: JSON.stringify({ level: 'info' }), who: admin }), 403);
    assert.match(noCsrf.detail, /CSRF/);
  });

  it('the dashboard page: admins only; others are sent to sign in or refused', async () => {
    const anon = await req('/admin');
    assert.equal(anon.status, 303);
    assert.equal(anon.headers.get('location'), '/admin/login');
    await problem(await req('/admin', { who: agent }), 403);
    const page = await req('/admin', { who: admin });
    assert.equal(page.status, 200);
    const csp = page.headers.get('content-security-policy')!;
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|https?:/);
    assert.match(await page.text(), /<script src="\/admin\/assets\/chart\.umd\.js"/);
    assert.equal((await req('/admin/login')).status, 200);
    const chart = await req('/admin/assets/chart.umd.js');
    assert.equal(chart.status, 200);
    assert.match(await chart.text(), /Chart\.js v4/);
    await problem(await req('/admin/assets/../../package.json'), 404);
    await problem(await req('/admin/assets/secrets.txt'), 404);
  });

  it("the agents' own ratings: agents only", async () => {
    await problem(await req('/api/agent/ratings'), 401);
    const r = await req('/api/agent/ratings', { who: agent });
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { agent: 'sam', days: 30, average: null, ratings: [] });

    const at = new Date(Date.now() - 3_600_000).toISOString();
    await srv.ops.outcomes.update('rated-by-customer', () => ({
      ...newOutcome('rated-by-customer', 'directline', new Date(at), 'cus-ava'),
      messages: 3,
      handoff: { reason: 'asked_for_agent', at, intent: 'shipping.track', agent: 'sam', waitMs: 1000, acceptedAt: at, handleMs: 60_000, completedAt: at },
      endedAt: at,
      endedHow: 'agent',
      csat: { askedAt: at, trigger: 'agent', rating: 4, ratedAt: at, comment: 'Sam sorted it out' },
    }));
    const mine = (await (await req('/api/agent/ratings', { who: agent })).json()) as Record<string, unknown>;
    assert.deepEqual(mine, { agent: 'sam', days: 30, average: 4, ratings: [{ conversationId: 'rated-by-customer', endedAt: at, rating: 4, comment: 'Sam sorted it out' }] });
    const riley = await srv.signIn('riley');
    assert.deepEqual(((await (await req('/api/agent/ratings', { who: riley })).json()) as { ratings: unknown[] }).ratings, [], "another agent's ratings stay theirs");
  });

  it('validates input: 422 with field errors, 400 for an impossible period', async () => {
    const bad = await problem(await req('/admin/log-level', { method: 'PUT', body: JSON.stringify({ module: 'bot; rm -rf', level: 'loud' }), bearer: ADMIN_TOKEN }), 422);
    assert.deepEqual(bad.errors.map((e: { path: string }) => e.path).sort(), ['level', 'module']);
    await problem(await req('/admin/api/kpis?from=2026-13-45', { bearer: ADMIN_TOKEN }), 422);
    await problem(await req('/admin/api/kpis?from=2026-11-20&to=2026-11-01', { bearer: ADMIN_TOKEN }), 400);
    await problem(await req('/admin/api/kpis?from=2020-01-01&to=2026-11-01', { bearer: ADMIN_TOKEN }), 400);
    await problem(await req('/admin/api/kpis?evil=1', { bearer: ADMIN_TOKEN }), 422);
  });

  it('405 with Allow for a wrong method on a known path, 404 for unknown routes', async () => {
    for (const [method, path, allow] of [
      ['DELETE', '/admin/log-level', 'GET, HEAD, PUT'],
      ['POST', '/admin/api/kpis', 'GET, HEAD'],
      ['POST', '/metrics', 'GET, HEAD'],
      ['PUT', '/healthz', 'GET, HEAD'],
      ['POST', '/readyz', 'GET, HEAD'],
      ['POST', '/admin', 'GET, HEAD'],
    ] as const) {
      const res = await req(path, { method, bearer: ADMIN_TOKEN });
      await problem(res, 405);
      assert.equal(res.headers.get('allow'), allow, `${method} ${path}`);
    }
    const nf = await problem(await req('/admin/nothing-here', { bearer: ADMIN_TOKEN }), 404);
    assert.equal(nf.instance, '/admin/nothing-here');
  });

  it('a 500 carries a correlation id, leaks nothing, and is logged with its stack', async () => {
    const res = await req('/test/boom', { headers: { 'x-request-id': 'corr-12345' } });
    const body = await problem(res, 500);
    assert.equal(body.correlationId, 'corr-12345');
    assert.equal(res.headers.get('x-request-id'), 'corr-12345');
    const raw = JSON.stringify(body);
    assert.doesNotMatch(raw, /hunter2|exploded|\.ts:\d+|at /);
    const line = srv.logs.find((l) => l.requestId === 'corr-12345' && l.level === 'error');
    assert.ok(line, 'the failure is logged with the request id');
    assert.match(String((line!.err as { stack?: string }).stack), /exploded[\s\S]*adminHttp\.test\.ts/);
    assert.equal(await metricValue(srv.ops.registry, 'paw_errors_total', { type: 'http_5xx' }), 1, 'counted as an error');
  });

  it('/metrics needs the metrics token when one is set, and shows the model version', async () => {
    await problem(await req('/metrics'), 401);
    await problem(await req('/metrics', { bearer: ADMIN_TOKEN }), 401);
    const res = await req('/metrics', { bearer: METRICS_TOKEN });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/plain/);
    const text = await res.text();
    assert.match(text, /^paw_model_info\{version="[^"]+"\} 1$/m);
    assert.match(text, /^paw_process_resident_memory_bytes /m);
  });

  it('/healthz and /readyz answer without signing in', async () => {
    assert.equal((await req('/healthz')).status, 200);
    const ready = await req('/readyz');
    assert.equal(ready.status, 200);
    assert.deepEqual(((await ready.json()) as { checks: { name: string; ok: boolean }[] }).checks.map((c) => [c.name, c.ok]), [['model', true], ['store', true], ['apis', true]]);
  });

  it('log lines carry the request and conversation ids, module levels change at runtime, card numbers are masked', async () => {
    const put = await req('/admin/log-level', { method: 'PUT', body: JSON.stringify({ module: 'skills', level: 'debug' }), bearer: ADMIN_TOKEN });
    const snapshot = (await put.json()) as { overrides: { module: string; level: string }[] };
    assert.deepEqual(snapshot.overrides.find((o) => o.module === 'skills'), { module: 'skills', level: 'debug' });
    const chat = await openChat(srv.url, srv.config);
    await chat.send('how many points do I have');
    await chat.waitFor(/3,450 points/);
    const call = srv.logs.find((l) => l.msg === 'internal API call' && l.conversationId === chat.conversationId);
    assert.ok(call, `a debug line of skills.rewards with the conversation id; got ${JSON.stringify(srv.logs.slice(-5))}`);
    assert.equal(call!.module, 'skills.rewards');
    assert.equal(call!.level, 'debug');
    assert.equal(typeof call!.requestId, 'string');
    assert.ok((await metricValue(srv.ops.registry, 'paw_api_calls_total', { api: 'rewards', route: '/v1/customers/{customerId}/rewards', method: 'GET', status: '200' })) >= 1, 'API calls are counted');
    assert.ok((await metricValue(srv.ops.registry, 'paw_api_call_duration_seconds', { api: 'rewards' })) >= 1);
    assert.ok((await metricValue(srv.ops.registry, 'paw_nlu_duration_seconds')) >= 1, 'classifications are timed');
    assert.ok((await metricValue(srv.ops.registry, 'paw_messages_total', { channel: 'directline', direction: 'in' })) >= 1);
    await req('/admin/log-level', { method: 'PUT', body: JSON.stringify({ module: 'skills', level: null }), bearer: ADMIN_TOKEN });
    const before = srv.logs.length;
    await chat.send('how many points do I have');
    await chat.waitFor(/3,450 points[\s\S]*/);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(srv.logs.slice(before).filter((l) => l.msg === 'internal API call').length, 0, 'back to info: no debug lines');

    srv.ops.log('bot').info('customer pasted 4111 1111 1111 1111 in a message');
    const masked = srv.logs.at(-1)!;
    assert.equal(masked.module, 'bot');
    assert.doesNotMatch(String(masked.msg), /4111 1111 1111 1111/);
  });
});
