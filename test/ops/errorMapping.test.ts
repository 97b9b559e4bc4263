import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { loadConfig } from '../../bin/config';
import { createLogger } from '../../platform/logger';
import { startSandbox } from '../../bin/startSandbox';
import { privateRedis } from '../support/redisServer';
import { SANDBOX_TOKEN } from '../support/sandboxServer';
import { startOpsServer, type RunningOpsServer } from './support/opsTestServer';

/** The one problem+json handler on each HTTP surface: the bot's server and the internal APIs (sandbox). */
describe('error mapping on every HTTP surface', function () {
  this.timeout(60_000);

  describe("the bot's server (chat, consoles, ops)", () => {
    let srv: RunningOpsServer;
    before(async () => (srv = await startOpsServer()));
    after(async () => srv?.close());

    it('answers 405 with Allow on known paths and 404 on unknown ones, as problem+json', async () => {
      for (const [method, path, allow] of [
        ['GET', '/v3/directline/conversations', 'POST'],
        ['DELETE', '/api/chat/token', 'POST'],
        ['POST', '/', 'GET, HEAD'],
        ['GET', '/auth/login', 'POST'],
      ] as const) {
        const res = await fetch(srv.url + path, { method });
        assert.equal(res.status, 405, `${method} ${path}`);
        assert.equal(res.headers.get('allow'), allow);
        assert.match(res.headers.get('content-type')!, /^application\/problem\+json/);
      }
      const nf = await fetch(`${srv.url}/no/such/thing`);
      assert.equal(nf.status, 404);
      assert.equal(((await nf.json()) as { code: string }).code, 'not_found');
      const bad = await fetch(`${srv.url}/admin/log-level`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, body: '{nope' });
      assert.equal(bad.status, 400, 'malformed JSON is a client mistake');
    });
  });

  describe('the internal APIs (sandbox), with its Redis gone', () => {
    it('maps the store outage to 503 with Retry-After and a correlation id, logged as a warning naming the cause, leaking nothing', async () => {
      const redis = await privateRedis();
      const lines: Record<string, any>[] = [];
      const destination = new Writable({ write: (c, _e, cb) => void (String(c).split('\n').filter(Boolean).forEach((l) => lines.push(JSON.parse(l))), cb()) });
      const sandbox = await startSandbox(loadConfig({}, { NODE_ENV: 'test', STORE: 'redis', REDIS_URL: redis.url, SANDBOX_TOKEN }), createLogger({ destination }));
      const server = http.createServer(sandbox.app);
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        await redis.stop();
        const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/customers`, { headers: { authorization: `Bearer ${SANDBOX_TOKEN}`, 'x-request-id': 'sbx-corr-1' } });
        assert.equal(res.status, 503);
        assert.ok(Number(res.headers.get('retry-after')) > 0);
        const body = (await res.json()) as Record<string, unknown>;
        assert.equal(body.code, 'store_unavailable');
        assert.equal(body.correlationId, 'sbx-corr-1');
        assert.doesNotMatch(JSON.stringify(body), /redis|ECONN|MaxRetries|\.ts:\d+/i);
        const logged = lines.find((l) => l.requestId === 'sbx-corr-1' && l.level === 'warn');
        assert.ok(logged?.cause, `logged with its cause: ${JSON.stringify(lines.filter((l) => l.requestId === 'sbx-corr-1'))}`);
      } finally {
        await redis.start();
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
        await sandbox.close();
        await redis.stop();
      }
    });
  });
});
