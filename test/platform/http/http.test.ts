import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { AppError } from '../../../platform/errors';
import { createHttpApp, jsonDepthExceeds, MAX_JSON_DEPTH } from '../../../platform/http/createHttpApp';
import { finishHttpApp } from '../../../platform/http/finishHttpApp';
import { resource } from '../../../platform/http/resource';
import { parseInput } from '../../../platform/http/validate';
import { silentLogger } from '../../../platform/logger';

describe('HTTP foundation: one problem+json error mapping', () => {
  let server: Server;
  let base: string;
  before(async () => {
    const logger = silentLogger();
    const app = createHttpApp({ logger, bodyLimit: '1kb' });
    resource(app, '/things', {
      get: (_req, res) => void res.json({ ok: true }),
      post: (req, res) => void res.status(201).json(parseInput(z.object({ name: z.string().min(1), n: z.number().int() }).strict(), req.body)),
    });
    resource(app, '/boom', { get: () => { throw new Error('secret internal detail /etc/passwd'); } });
    resource(app, '/teapot', { get: () => { throw new AppError(429, 'slow_down', 'Slow down.', { headers: { 'Retry-After': '7' } }); } });
    finishHttpApp(app, logger);
    server = createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  const send = async (method: string, path: string, body?: string, type = 'application/json') => {
    const res = await fetch(base + path, { method, body, headers: body === undefined ? {} : { 'content-type': type } });
    return { status: res.status, type: res.headers.get('content-type'), headers: res.headers, body: await res.json().catch(() => null) };
  };

  const cases: [string, string, string | undefined, string | undefined, number, string][] = [
    ['malformed JSON', 'POST', '{"name":', undefined, 400, 'malformed_json'],
    ['schema violation', 'POST', '{"name":"","n":"x"}', undefined, 422, 'validation_failed'],
    ['unknown field', 'POST', '{"name":"a","n":1,"x":1}', undefined, 422, 'validation_failed'],
    ['oversize body', 'POST', JSON.stringify({ name: 'a'.repeat(2000), n: 1 }), undefined, 413, 'payload_too_large'],
    ['wrong content type', 'POST', 'name=a', 'application/x-www-form-urlencoded', 415, 'unsupported_media_type'],
    ['wrong method', 'DELETE', undefined, undefined, 405, 'method_not_allowed'],
    ['JSON nested 400 deep', 'POST', '['.repeat(400) + ']'.repeat(400), undefined, 400, 'bad_request'],
    ['an object nested 100 deep', 'POST', '{"a":'.repeat(100) + '1' + '}'.repeat(100), undefined, 400, 'bad_request'],
  ];
  for (const [name, method, body, type, status, code] of cases) {
    it(`${name} → ${status} ${code}`, async () => {
      const r = await send(method, '/things', body, type);
      assert.equal(r.status, status);
      assert.match(r.type ?? '', /^application\/problem\+json/);
      assert.equal(r.body.code, code);
      assert.equal(r.body.status, status);
      assert.equal(typeof r.body.detail, 'string');
    });
  }

  it('checks depth without recursing itself, up to 100,000 levels', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    assert.equal(jsonDepthExceeds(deep, MAX_JSON_DEPTH), true);
    assert.equal(jsonDepthExceeds({ a: [{ b: [1, 2, { c: null }] }] }, MAX_JSON_DEPTH), false);
  });

  it('405 carries Allow', async () => assert.equal((await send('PUT', '/things', '{}')).headers.get('allow'), 'GET, HEAD, POST'));
  it('422 lists the failing fields', async () => {
    const r = await send('POST', '/things', '{"name":"","n":"x"}');
    assert.deepEqual(r.body.errors.map((e: { path: string }) => e.path).sort(), ['n', 'name']);
  });
  it('unknown route → 404 problem', async () => {
    const r = await send('GET', '/nope');
    assert.equal(r.status, 404);
    assert.equal(r.body.code, 'not_found');
  });
  it('a fault of ours → 500 with a correlation id and no internals', async () => {
    const r = await send('GET', '/boom');
    assert.equal(r.status, 500);
    assert.equal(r.body.correlationId, r.headers.get('x-request-id'));
    assert.ok(!JSON.stringify(r.body).includes('passwd'));
  });
  it('typed errors keep their headers', async () => {
    const r = await send('GET', '/teapot');
    assert.equal(r.status, 429);
    assert.equal(r.headers.get('retry-after'), '7');
  });
  it('a valid request passes', async () => assert.equal((await send('POST', '/things', '{"name":"a","n":1}')).status, 201));
});
