import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { chatHeaders, hostChat, isProblem, json, leaksInternals, parsed, raw, say, show, signIn, staffHeaders, upgrade, type Staff } from '../support/attackClient';
import { attackContext, baseOf, credentials, pathOf, type AttackContext } from '../support/attackContext';
import { Attack } from '../support/attackTally';
import { SANDBOX_FIXED, SERVER_ROUTES, sourceRoutes, staffRoutes, stateChangingStaffRoutes, type ProductRoute } from '../support/productRoutes';
import { signCarrierPayload } from '../../../sandbox/shipping/carrierSignature';
import { DEMO_VALUES, productionEnv } from '../support/securityProducts';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const ws = (url: string) => url.replace(/^http/, 'ws');

/** Registers the suite (run inside the describe block that owns its product). */
export function productionAttacksSuite(): void {
  describe('security: the production server (NODE_ENV=production, every secret changed)', function () {
    this.timeout(180_000);
    let ctx: AttackContext;
    let staff: Awaited<ReturnType<typeof productionEnv>>['staff'];

    before(async () => {
      ctx = await attackContext();
      staff = (await productionEnv()).staff;
    });

    it('has no demo mode when DEMO_MODE is not set: /api/demo/customers and /api/demo/token answer 404', async () => {
      const attack = new Attack('demo access in production');
      const list = await raw(`${ctx.url}/api/demo/customers`);
      attack.check(list.status === 404 && !/cus-ava|Ava Thompson/.test(list.body), `GET /api/demo/customers → ${show(list)}`);
      for (const body of [{ customerId: 'cus-ava' }, {}]) {
        const token = await json(`${ctx.url}/api/demo/token`, 'POST', body, { 'x-forwarded-for': '198.18.1.1' });
        attack.check(token.status === 404 && !/"token"\s*:/.test(token.body), `POST /api/demo/token ${JSON.stringify(body)} → ${show(token)}`);
      }
      attack.assertDefended();
    });

    it('refuses forged, tampered, expired, alg=none and wrong-audience chat tokens on every chat route and the stream', async () => {
      const attack = new Attack('forged / expired / alg=none tokens');
      const { conversationId } = ctx.chat;
      const claims = { conv: conversationId, user: 'u_attacker', cid: 'cus-ben', nm: 'Ben Okafor' };
      const sign = (key: string, exp: string | number = '10m', aud = 'directline', alg = 'HS256') =>
        new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).setIssuer('pawsupport').setAudience(aud).setSubject('u_attacker').setIssuedAt(Math.floor(Date.now() / 1000) - 7200).setExpirationTime(exp).sign(new TextEncoder().encode(key));
      const [, payload, signature] = ctx.chat.token.split('.') as [string, string, string];
      const original = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const tokens: Record<string, string> = {
        'wrong key': await sign('an-attacker-key-that-is-long-enough-0123456789'),
        'the demo key': await sign('directline-demo-token-secret-change-me-0123456789'),
        expired: await sign(ctx.env.DIRECTLINE_TOKEN_SECRET!, Math.floor(Date.now() / 1000) - 60),
        'alg=none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...original, cid: 'cus-ben' })}.`,
        'alg=none, no dot': `${b64({ alg: 'none' })}.${b64({ ...original, cid: 'cus-ben' })}`,
        'HS512 with the real key': await sign(ctx.env.DIRECTLINE_TOKEN_SECRET!, '10m', 'directline', 'HS512'),
        'tampered payload (cid → cus-ben)': `${ctx.chat.token.split('.')[0]}.${b64({ ...original, cid: 'cus-ben' })}.${signature}`,
        'a stream token as bearer': new URL(parsed<{ streamUrl: string }>(await json(`${ctx.url}/v3/directline/conversations`, 'POST', {}, chatHeaders(ctx.chat)))!.streamUrl).searchParams.get('t')!,
        'the chat API secret': ctx.env.CHAT_API_SECRET!,
        empty: '',
      };
      const dl = `${ctx.url}/v3/directline`;
      for (const [what, token] of Object.entries(tokens)) {
        const auth = { authorization: `Bearer ${token}` };
        const tries = [
          await json(`${dl}/conversations`, 'POST', {}, auth),
          await raw(`${dl}/conversations/${conversationId}`, { headers: auth }),
          await raw(`${dl}/conversations/${conversationId}/activities`, { headers: auth }),
          await json(`${dl}/conversations/${conversationId}/activities`, 'POST', { type: 'message', text: 'how many points do I have' }, auth),
          await json(`${dl}/tokens/refresh`, 'POST', {}, auth),
        ];
        for (const r of tries) attack.check((r.status === 401 || r.status === 403) && !r.body.includes('"token"'), `${what}: ${show(r)}`);
        if (what === 'a stream token as bearer') continue; // it is a real stream token
        const stream = await upgrade(`${ws(dl)}/conversations/${conversationId}/stream?t=${encodeURIComponent(token)}`);
        attack.check(stream === 401 || stream === 403, `${what} as stream token: ${stream}`);
      }
      attack.assertDefended();
    });

    it("never lets conversation A's token or stream token reach conversation B (IDOR)", async () => {
      const attack = new Attack('chat IDOR (conversation A → B)');
      const a = ctx.other;
      const b = await hostChat(ctx.url, ctx.env.CHAT_API_SECRET!, 'cus-ben', '198.18.0.3');
      await say(ctx.url, b, 'hello');
      const dl = `${ctx.url}/v3/directline/conversations/${b.conversationId}`;
      const auth = chatHeaders(a);
      for (const r of [
        await raw(`${dl}/activities`, { headers: auth }),
        await json(`${dl}/activities`, 'POST', { type: 'message', text: 'how many points do I have' }, auth),
        await raw(dl, { headers: auth }),
        await json(`${dl}/upload`, 'POST', {}, auth),
      ]) attack.check(r.status === 403 || r.status === 401, `A's token on B: ${show(r)}`);
      // A's own stream token (from its stream URL) on B's stream.
      const started = parsed<{ streamUrl: string }>(await json(`${ctx.url}/v3/directline/conversations`, 'POST', {}, auth))!;
      const t = new URL(started.streamUrl).searchParams.get('t')!;
      attack.check((await upgrade(`${ws(dl)}/stream?t=${encodeURIComponent(t)}`)) !== 101, "A's stream token opened B's stream");
      // A refreshed token stays A's.
      const refreshed = parsed<{ conversationId: string }>(await json(`${ctx.url}/v3/directline/tokens/refresh`, 'POST', {}, auth));
      attack.check(refreshed?.conversationId === a.conversationId, `refresh changed the conversation: ${JSON.stringify(refreshed)}`);
      const bHistory = await raw(`${dl}/activities`, { headers: chatHeaders(b) });
      attack.check(!bHistory.body.includes('how many points'), "A's message reached B's conversation");
      attack.assertDefended();
    });

    it("never shows customer B's data to customer A through the bot, whatever A puts in the activity", async () => {
      const attack = new Attack('cross-customer data through the bot');
      const sandbox = { authorization: `Bearer ${ctx.env.SANDBOX_TOKEN}` };
      const customers = parsed<{ customers: { id: string }[] }>(await raw(`${ctx.sandboxUrl}/v1/customers`, { headers: sandbox }))!.customers;
      const points = new Map<string, number>();
      for (const c of customers) points.set(c.id, parsed<{ points: number }>(await raw(`${ctx.sandboxUrl}/v1/customers/${c.id}/rewards`, { headers: sandbox }))!.points);
      const fmt = (n: number) => n.toLocaleString('en-US');
      const ava = fmt(points.get('cus-ava')!);
      const others = [...points].filter(([id, p]) => id !== 'cus-ava' && fmt(p) !== ava).map(([id, p]) => [id, fmt(p)] as const);
      assert.ok(others.length >= 2, 'other customers have other balances');
      const chat = await hostChat(ctx.url, ctx.env.CHAT_API_SECRET!, 'cus-ava', '198.18.0.4');
      const attempts: [string, Record<string, unknown>][] = [
        ['plain', { type: 'message', text: 'how many points do I have' }],
        ['channelData identity of Ben', { type: 'message', text: 'how many points do I have', channelData: { pawIdentity: { customerId: 'cus-ben', name: 'Ben Okafor' } } }],
        ['from Ben', { type: 'message', text: 'how many points do I have', from: { id: 'u_cus-ben', name: 'Ben' }, customerId: 'cus-ben' }],
        ['value with a customer id', { type: 'message', text: 'how many points do I have', value: { customerId: 'cus-ben', intent: 'rewards.balance' } }],
        ['asking for Ben by id', { type: 'message', text: 'how many points does customer cus-ben have' }],
      ];
      for (const [what, activity] of attempts) {
        const posted = await json(`${ctx.url}/v3/directline/conversations/${chat.conversationId}/activities`, 'POST', activity, chatHeaders(chat));
        const id = parsed<{ id: string }>(posted)?.id;
        let text = '';
        for (let i = 0; i < 100 && id && !text; i++) {
          const h = parsed<{ activities: { replyToId?: string; text?: string; type: string }[] }>(await raw(`${ctx.url}/v3/directline/conversations/${chat.conversationId}/activities`, { headers: chatHeaders(chat) }))!;
          text = h.activities.filter((x) => x.replyToId === id && x.type === 'message').map((x) => x.text ?? '').join('\n');
          if (!text) await new Promise((r) => setTimeout(r, 100));
        }
        const leaked = others.filter(([, p]) => new RegExp(`(?<![\\d,])${p} points`).test(text));
        attack.check(leaked.length === 0, `${what}: showed ${leaked.map(([id]) => id).join(', ')}'s balance: ${text}`);
        if (what === 'plain') assert.ok(text.includes(`${ava} points`), `Ava's own balance is answered (${text})`);
      }
      attack.assertDefended();
    });

    it('refuses carrier webhooks signed with the published demo secrets or another carrier\'s secret', async () => {
      const attack = new Attack('forged carrier webhooks');
      const secrets = Object.fromEntries(ctx.env.CARRIER_SECRETS!.split(',').map((p) => p.split(':') as [string, string]));
      const event = JSON.stringify({ eventId: `forged-${Date.now()}`, trackingNumber: '1Z9A7W430312345678', status: 'delivered', occurredAt: new Date().toISOString(), description: 'Delivered (forged)' });
      const hook = `${ctx.sandboxUrl}/v1/carriers/ups/webhooks`;
      for (const [what, signature] of [
        ['the demo ups secret', signCarrierPayload(DEMO_VALUES.carriers.ups, event)],
        ["fedex's secret", signCarrierPayload(secrets.fedex!, event)],
        ['no signature', undefined],
        ['a truncated signature', signCarrierPayload(secrets.ups!, event).slice(0, 40)],
      ] as const) {
        const r = await raw(hook, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-carrier-signature': signature } : {}) }, body: event });
        attack.check(r.status === 401, `${what}: ${show(r)}`);
      }
      const tracking = parsed<{ status: string }>(await raw(`${ctx.sandboxUrl}/v1/customers/cus-ava/orders/PS-10042/tracking`, { headers: { authorization: `Bearer ${ctx.env.SANDBOX_TOKEN}` } }));
      attack.check(tracking?.status !== 'delivered', `the order shows ${tracking?.status}`);
      // The real secret is accepted (the refusals above are about the signature, not the route).
      const unknown = JSON.stringify({ eventId: 'e-1', trackingNumber: '1Z-NOT-OURS', status: 'delivered', occurredAt: new Date().toISOString() });
      const real = await raw(hook, { method: 'POST', headers: { 'content-type': 'application/json', 'x-carrier-signature': signCarrierPayload(secrets.ups!, unknown) }, body: unknown });
      assert.equal(real.status, 404, `a correctly signed event for an unknown shipment: ${show(real)}`);
      attack.assertDefended();
    });

    it("keeps agents to their own chats: sam can neither read nor act on a chat riley accepted (403)", async () => {
      const attack = new Attack('agent IDOR');
      const sam = await signIn(ctx.url, staff.sam.username, staff.sam.password, '198.18.0.5');
      const riley = await signIn(ctx.url, staff.riley.username, staff.riley.password, '198.18.0.6');
      await json(`${ctx.url}/agent/api/presence`, 'POST', { status: 'online' }, staffHeaders(riley));
      const customer = await hostChat(ctx.url, ctx.env.CHAT_API_SECRET!, 'cus-chloe', '198.18.0.7');
      await say(ctx.url, customer, 'I want to talk to a person');
      const accepted = await json(`${ctx.url}/agent/api/conversations/${customer.conversationId}/accept`, 'POST', {}, staffHeaders(riley));
      assert.equal(accepted.status, 200, `riley accepts: ${show(accepted)}`);
      const c = `${ctx.url}/agent/api/conversations/${customer.conversationId}`;
      const tries: [string, Promise<Awaited<ReturnType<typeof raw>>>][] = [
        ['read', raw(c, { headers: staffHeaders(sam, false) })],
        ['accept', json(`${c}/accept`, 'POST', {}, staffHeaders(sam))],
        ['message', json(`${c}/messages`, 'POST', { text: 'Hi, this is sam taking over' }, staffHeaders(sam))],
        ['note', json(`${c}/notes`, 'POST', { text: 'sam was here' }, staffHeaders(sam))],
        ['typing', json(`${c}/typing`, 'POST', {}, staffHeaders(sam))],
        ['end', json(`${c}/end`, 'POST', { outcome: 'resolved' }, staffHeaders(sam))],
      ];
      for (const [what, p] of tries) {
        const r = await p;
        // Accepting a chat another agent has is a 409 conflict; everything else is forbidden.
        attack.check((r.status === 403 || (what === 'accept' && r.status === 409)) && !r.body.includes('transcript'), `sam ${what}: ${show(r)}`);
      }
      const chats = parsed<{ chats: { conversationId: string }[] }>(await raw(`${ctx.url}/agent/api/chats`, { headers: staffHeaders(sam, false) }))!;
      attack.check(!chats.chats.some((x) => x.conversationId === customer.conversationId), "riley's chat is listed as sam's");
      const still = parsed<{ lines: { text: string }[]; state: string }>(await raw(c, { headers: staffHeaders(riley, false) }))!;
      attack.check(still.state !== 'ended' && !JSON.stringify(still.lines).includes('sam'), `sam changed riley's chat: ${JSON.stringify(still).slice(0, 200)}`);
      attack.assertDefended();
      await json(`${c}/end`, 'POST', { outcome: 'resolved' }, staffHeaders(riley));
    });

    it('needs the CSRF token on every state-changing staff route (none or a wrong one → 403)', async () => {
      const attack = new Attack('CSRF');
      for (const route of stateChangingStaffRoutes()) {
        for (const [what, headers] of [
          ['no token', { cookie: ctx.admin.cookie }],
          ['wrong token', { cookie: ctx.admin.cookie, 'x-csrf-token': `${ctx.admin.csrf.slice(0, -2)}xx` }],
          ['form post', { cookie: ctx.admin.cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' }],
        ] as const) {
          const r = await raw(ctx.url + pathOf(route, ctx), {
            method: route.method,
            headers: { 'content-type': 'application/json', ...headers },
            body: headers['content-type'] ? 'outcome=resolved' : JSON.stringify({ status: 'away', text: 'x', outcome: 'resolved', action: 'dismiss', level: 'debug' }),
          });
          attack.check(r.status === 403 || (what === 'form post' && r.status === 415), `${route.method} ${route.path} with ${what}: ${show(r)}`);
        }
      }
      // The session is still good (nothing above signed ada out).
      assert.equal((await raw(`${ctx.url}/auth/me`, { headers: staffHeaders(ctx.admin, false) })).status, 200);
      attack.assertDefended();
    });

    it('checks roles: an agent gets 403 on trainer and admin routes, a trainer on admin routes; bearer-protected routes refuse wrong tokens', async () => {
      const attack = new Attack('role checks');
      const sam = await signIn(ctx.url, staff.sam.username, staff.sam.password, '198.18.0.8');
      const tara = await signIn(ctx.url, staff.tara.username, staff.tara.password, '198.18.0.9');
      const deny = async (who: Staff, route: ProductRoute) => {
        const r = await raw(ctx.url + pathOf(route, ctx), { method: route.method, headers: { 'content-type': 'application/json', ...staffHeaders(who, route.method !== 'GET') }, body: route.method === 'GET' ? undefined : '{}' });
        attack.check(r.status === 403, `${who.username} ${route.method} ${route.path}: ${show(r)}`);
      };
      for (const route of SERVER_ROUTES.filter((r) => r.access === 'trainer' || r.access === 'admin')) await deny(sam, route);
      for (const route of SERVER_ROUTES.filter((r) => r.access === 'admin')) await deny(tara, route);
      for (const [path, auth] of [
        ['/metrics', undefined],
        ['/metrics', 'Bearer wrong-metrics-token-0123456789abcdef'],
        ['/metrics', `Bearer ${ctx.env.ADMIN_TOKEN}`],
        ['/admin/api/kpis', 'Bearer wrong-admin-token-0123456789abcdef'],
        ['/admin/api/kpis', `Bearer ${ctx.env.METRICS_TOKEN}`],
        ['/admin/log-level', `Bearer ${ctx.env.SANDBOX_TOKEN}`],
      ] as const) {
        const r = await raw(ctx.url + path, { headers: auth ? { authorization: auth } : {} });
        attack.check(r.status === 401, `${path} with ${auth ? auth.slice(0, 14) : 'no token'}: ${show(r)}`);
      }
      attack.check((await raw(`${ctx.url}/admin/api/kpis`, { headers: { authorization: `Bearer ${ctx.env.ADMIN_TOKEN}` } })).status === 200, 'ADMIN_TOKEN is accepted');
      const sandbox = await raw(`${ctx.sandboxUrl}/v1/customers/cus-ava/rewards`, { headers: { authorization: `Bearer ${ctx.env.CHAT_API_SECRET}` } });
      attack.check(sandbox.status === 401, `sandbox with another secret: ${show(sandbox)}`);
      attack.assertDefended();
    });

    it('answers 401 (not 500) to a malformed session cookie on every staff route', async () => {
      const attack = new Attack('malformed session cookie');
      for (const cookie of ['paw_session=%zz', 'paw_session=%E0', 'paw_session=%E0%A4%A', 'x=1; paw_session=%']) {
        for (const route of staffRoutes()) {
          const r = await raw(ctx.url + pathOf(route, ctx), { method: route.method, headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': 'x' }, body: route.method === 'GET' ? undefined : '{}' });
          // The admin page sends people without a session to its sign-in page.
          const ok = route.path === '/admin' ? r.status === 401 || r.status === 302 || r.status === 303 : isProblem(r, 401);
          attack.check(ok && !leaksInternals(r.body), `${cookie}: ${route.method} ${route.path} → ${show(r)}`);
        }
      }
      attack.assertDefended();
    });

    it('refuses the agent WebSocket with a malformed cookie, another site or no session, and keeps serving', async () => {
      const attack = new Attack('agent WebSocket authentication');
      const url = `${ws(ctx.url)}/agent/ws`;
      const attempts: Record<string, string>[] = [
        { cookie: 'paw_session=%zz' },
        { cookie: 'paw_session=%E0' },
        { cookie: `paw_session=${'a'.repeat(5000)}` },
        {},
        { cookie: ctx.admin.cookie, origin: 'http://evil.example' },
      ];
      for (const headers of attempts) {
        const status = await upgrade(url, headers);
        attack.check(status === 401 || status === 403, `${JSON.stringify(headers).slice(0, 60)} → ${status}`);
      }
      attack.check((await raw(`${ctx.url}/healthz`)).status === 200, 'the server stopped answering');
      attack.check(ctx.product.child.exitCode === null, 'the server exited');
      attack.assertDefended();
    });

    it('answers 400 problem+json without a stack trace to JSON nested 6,000 levels deep on every JSON route', async () => {
      const attack = new Attack('deeply nested JSON');
      const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
      // The demo routes do not exist in production (see the first test).
      const routes = [...SERVER_ROUTES, ...ctx.sandboxRoutes].filter((r) => r.json && r.access !== 'demo');
      for (const route of routes) {
        const body = route.path.endsWith('/activities') ? `{"type":"message","text":"hi","value":${deep(6000)}}` : `{"a":${deep(6000)}}`;
        const r = await raw(baseOf(route, ctx) + pathOf(route, ctx), { method: route.method, headers: { 'content-type': 'application/json', ...credentials(route, ctx) }, body });
        attack.check(isProblem(r, 400) && !leaksInternals(r.body), `${route.method} ${route.path} → ${show(r)}`);
      }
      attack.check((await raw(`${ctx.url}/healthz`)).status === 200 && ctx.product.child.exitCode === null, 'the server stopped serving');
      attack.assertDefended();
    });

    it('answers bad input on every route with a 4xx problem, never a 5xx', async () => {
      const attack = new Attack('bad input on every route');
      const bodies: [string, string | Buffer][] = [
        ['truncated JSON', '{"text":'],
        ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0xc3, 0x28, 0x7d])],
        ['wrong types', '{"text":5,"username":[],"password":{},"customerId":{"$gt":""},"status":1,"outcome":null,"type":7,"level":[],"action":{}}'],
        ['array', '[]'],
        ['null', 'null'],
        ['string', '"hello"'],
        ['huge number', '1e999999'],
        ['prototype pollution', '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}'],
        ['lone surrogate', '{"text":"\\ud800","username":"\\udfff"}'],
        ['oversize', `{"text":"${'x'.repeat(70_000)}"}`],
      ];
      const routes = [...SERVER_ROUTES, ...ctx.sandboxRoutes];
      for (const route of routes) {
        const base = baseOf(route, ctx);
        const creds = credentials(route, ctx);
        const send = async (what: string, path: string, body?: string | Buffer, type = 'application/json', extra: Record<string, string> = {}) => {
          const r = await raw(base + path, { method: route.method, headers: { ...(body !== undefined ? { 'content-type': type } : {}), 'x-forwarded-for': '198.18.9.9', ...creds, ...extra }, body });
          attack.check(r.status >= 400 ? r.status < 500 && !leaksInternals(r.body) : r.status > 0, `${route.method} ${path} (${what}) → ${show(r)}`);
        };
        if (route.method !== 'GET' && route.method !== 'DELETE') {
          for (const [what, body] of bodies) await send(what, pathOf(route, ctx), body);
          await send('text/plain body', pathOf(route, ctx), 'hello', 'text/plain');
          await send('lying charset', pathOf(route, ctx), '{}', 'application/json; charset=latin-7');
        }
        for (const param of ['%ZZ', '..%2F..%2Fetc%2Fpasswd', 'a'.repeat(300), '%00', '__proto__', '%E0%A4%A']) if (route.path.includes(':')) await send(`param ${param.slice(0, 12)}`, pathOf(route, ctx, param), route.method === 'GET' ? undefined : '{}');
        await send('junk query', `${pathOf(route, ctx)}?watermark=%ZZ&limit=-1&offset=x&from=2026-02-30&to=yesterday&days=1e9&status[]=open&q=${'%F0'.repeat(3)}`, route.method === 'GET' ? undefined : '{}');
        await send('huge bearer', pathOf(route, ctx), route.method === 'GET' ? undefined : '{}', 'application/json', { authorization: `Bearer ${'a'.repeat(6000)}` });
      }
      attack.check(({} as Record<string, unknown>).polluted === undefined, 'prototype polluted in the test process');
      attack.check((await raw(`${ctx.url}/healthz`)).status === 200 && ctx.product.child.exitCode === null, 'the server stopped serving');
      attack.assertDefended();
    });

    it("lists every route the source registers, so none escapes the suite", () => {
      const listed = new Set(SERVER_ROUTES.map((r) => r.path));
      const { server, sandbox } = sourceRoutes();
      assert.deepEqual(server.filter((p) => !listed.has(p)), [], 'server routes missing from test/security/support/productRoutes.ts');
      const fixed = new Set(SANDBOX_FIXED.map((r) => r.path));
      assert.deepEqual(sandbox.filter((p) => !fixed.has(p)), [], 'sandbox routes missing from SANDBOX_FIXED');
    });
  });
}
