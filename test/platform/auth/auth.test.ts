import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createHttpApp } from '../../../platform/http/createHttpApp';
import { finishHttpApp } from '../../../platform/http/finishHttpApp';
import { resource } from '../../../platform/http/resource';
import { silentLogger } from '../../../platform/logger';
import { MemoryDocStore } from '../../../platform/store/memoryDocStore';
import { MemoryRateLimiter } from '../../../platform/store/memoryRateLimiter';
import { RedisRateLimiter } from '../../../platform/store/redisRateLimiter';
import { authRouter, requireUser } from '../../../platform/auth/auth';
import { hashPassword, verifyPassword } from '../../../platform/auth/passwords';
import { SessionStore } from '../../../platform/auth/sessionStore';
import { loadUsers } from '../../../platform/auth/users';
import { testRedis } from '../../support/redisServer';

describe('staff sign-in: sessions, roles, CSRF', () => {
  let server: Server;
  let base: string;
  before(async () => {
    const logger = silentLogger();
    const docs = new MemoryDocStore();
    const sessions = new SessionStore(docs, 3600);
    const app = createHttpApp({ logger });
    app.use(authRouter({ users: loadUsers(path.join(__dirname, '../../../platform/auth/demoUsers.json')), sessions, rateLimiter: (limit) => new MemoryRateLimiter(limit), secureCookies: false, sessionTtlSeconds: 3600 }));
    resource(app, '/admin-only', { get: [requireUser(sessions, ['admin']), (_q, s) => void s.json({ ok: true })] });
    resource(app, '/agents', { post: [requireUser(sessions, ['agent']), (_q, s) => void s.json({ ok: true })] });
    finishHttpApp(app, logger);
    server = createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  /** `from`: the client address, through the proxy header the app trusts from loopback. */
  const login = (username: string, password: string, from?: string) =>
    fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...(from ? { 'x-forwarded-for': from } : {}) }, body: JSON.stringify({ username, password }) });
  const signIn = async (u: string, p: string) => {
    const res = await login(u, p);
    assert.equal(res.status, 200);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
  };

  it('hashes with scrypt and verifies only the right password', async () => {
    const h = await hashPassword('correct horse');
    assert.match(h, /^scrypt\$16384\$8\$1\$/);
    assert.equal(await verifyPassword('correct horse', h), true);
    assert.equal(await verifyPassword('wrong', h), false);
    assert.equal(await verifyPassword('x', 'not-a-hash'), false);
  });

  it('refuses a wrong password with 401 and sets no cookie', async () => {
    const res = await login('sam', 'nope');
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('set-cookie'), null);
  });

  it('sets an HttpOnly SameSite=Strict session cookie on success', async () => {
    const res = await login('sam', 'sam-demo-password');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('set-cookie')!, /^paw_session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Strict/);
    const body = (await res.json()) as Record<string, any>;
    assert.equal(body.user.username, 'sam');
    assert.equal(body.user.passwordHash, undefined);
  });

  it('401 without a session, 403 without the role', async () => {
    assert.equal((await fetch(`${base}/admin-only`)).status, 401);
    const { cookie } = await signIn('sam', 'sam-demo-password');
    assert.equal((await fetch(`${base}/admin-only`, { headers: { cookie } })).status, 403);
    const admin = await signIn('ada', 'ada-demo-password');
    assert.equal((await fetch(`${base}/admin-only`, { headers: { cookie: admin.cookie } })).status, 200);
  });

  it('401, not 500, for a malformed session cookie', async () => {
    for (const cookie of ['paw_session=%zz', 'paw_session=%E0', 'paw_session=%', 'other=1; paw_session=%E0%A4']) {
      const res = await fetch(`${base}/admin-only`, { headers: { cookie } });
      assert.equal(res.status, 401, cookie);
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
    }
  });

  it('403 on a state-changing request without the CSRF token, 200 with it', async () => {
    const { cookie, csrf } = await signIn('sam', 'sam-demo-password');
    const no = await fetch(`${base}/agents`, { method: 'POST', headers: { cookie } });
    assert.equal(no.status, 403);
    assert.match(((await no.json()) as { detail: string }).detail, /CSRF/);
    assert.equal((await fetch(`${base}/agents`, { method: 'POST', headers: { cookie, 'x-csrf-token': 'x'.repeat(csrf.length) } })).status, 403);
    assert.equal((await fetch(`${base}/agents`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } })).status, 200);
  });

  it('ends the session on logout', async () => {
    const { cookie, csrf } = await signIn('riley', 'riley-demo-password');
    assert.equal((await fetch(`${base}/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } })).status, 204);
    assert.equal((await fetch(`${base}/auth/me`, { headers: { cookie } })).status, 401);
  });

  it('locks an account after five failed sign-ins (429), and a failure takes a constant time', async () => {
    const started = Date.now();
    for (let i = 0; i < 5; i++) assert.equal((await login('tara', 'bad')).status, 401);
    assert.ok(Date.now() - started >= 5 * 240, 'each failure waits its constant delay');
    const res = await login('tara', 'tara-demo-password');
    assert.equal(res.status, 429);
    assert.ok(Number(res.headers.get('retry-after')) > 0);
  });

  it('checks at most five of 50 concurrent guesses, so a right password inside the burst does not sign in', async () => {
    const guesses = Array.from({ length: 50 }, (_, i) => (i === 49 ? 'riley-demo-password' : `guess-${i}`));
    const statuses = await Promise.all(guesses.map(async (p) => (await login('riley', p, '198.51.100.1')).status));
    const checked = statuses.filter((s) => s !== 429);
    assert.ok(checked.length <= 5, `checked ${checked.length}: ${statuses.join(',')}`);
    assert.equal(statuses.filter((s) => s === 200).length, 0);
    assert.equal((await login('riley', 'riley-demo-password', '198.51.100.2')).status, 429, 'still locked right after the burst');
  });

  it('limits attempts from one address across many accounts', async () => {
    const statuses = await Promise.all(Array.from({ length: 40 }, async (_, i) => (await login(['sam', 'ada'][i] ?? `nobody-${i}`, `x-${i}`, '203.0.113.7')).status));
    assert.equal(statuses.filter((s) => s === 401).length, 20, statuses.join(','));
    assert.equal(statuses.filter((s) => s === 429).length, 20);
    assert.equal((await login('ada', 'ada-demo-password', '203.0.113.8')).status, 200, 'another address still signs in');
  });
});

describe('staff sign-in limits shared by two instances (real Redis)', () => {
  const servers: Server[] = [];
  const bases: string[] = [];
  before(async () => {
    const redis = await testRedis();
    const prefix = `t:${randomUUID()}:`;
    for (let i = 0; i < 2; i++) {
      const logger = silentLogger();
      const sessions = new SessionStore(new MemoryDocStore(), 3600);
      const client = redis.client();
      const app = createHttpApp({ logger });
      app.use(authRouter({ users: loadUsers(path.join(__dirname, '../../../platform/auth/demoUsers.json')), sessions, rateLimiter: (limit, name) => new RedisRateLimiter(client, limit, `${prefix}${name}:`), secureCookies: false, sessionTtlSeconds: 3600 }));
      finishHttpApp(app, logger);
      const server = createServer(app);
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      servers.push(server);
      bases.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    }
  });
  after(() => servers.forEach((s) => s.close()));

  it('a burst split over both instances still checks at most five guesses', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const res = await fetch(`${bases[i % 2]}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'sam', password: `guess-${i}` }) });
        return res.status;
      }),
    );
    assert.equal(statuses.filter((s) => s === 401).length, 5, statuses.join(','));
    assert.equal(statuses.filter((s) => s === 429).length, 25);
  });
});
