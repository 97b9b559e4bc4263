import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createHttpApp } from '../../platform/http/createHttpApp';
import { finishHttpApp } from '../../platform/http/finishHttpApp';
import { resource } from '../../platform/http/resource';
import { silentLogger } from '../../platform/logger';
import { MemoryDocStore } from '../../platform/store/memoryDocStore';
import { authRouter, requireUser } from '../../web/auth/auth';
import { hashPassword, verifyPassword } from '../../web/auth/passwords';
import { SessionStore } from '../../web/auth/sessionStore';
import { loadUsers } from '../../web/auth/users';

describe('staff sign-in: sessions, roles, CSRF', () => {
  let server: Server;
  let base: string;
  before(async () => {
    const logger = silentLogger();
    const docs = new MemoryDocStore();
    const sessions = new SessionStore(docs, 3600);
    const app = createHttpApp({ logger });
    app.use(authRouter({ users: loadUsers(path.join(__dirname, '../../web/auth/demoUsers.json')), sessions, docs, secureCookies: false, sessionTtlSeconds: 3600 }));
    resource(app, '/admin-only', { get: [requireUser(sessions, ['admin']), (_q, s) => void s.json({ ok: true })] });
    resource(app, '/agents', { post: [requireUser(sessions, ['agent']), (_q, s) => void s.json({ ok: true })] });
    finishHttpApp(app, logger);
    server = createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  const login = (username: string, password: string) =>
    fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
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

  it('locks an account for a minute after five failed sign-ins (429)', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await login('tara', 'bad')).status, 401);
    const res = await login('tara', 'tara-demo-password');
    assert.equal(res.status, 429);
    assert.ok(Number(res.headers.get('retry-after')) > 0);
  });
});
