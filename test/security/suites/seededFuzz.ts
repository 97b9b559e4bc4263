import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { mulberry32 } from '../../../nlu/seededShuffle';
import { chatHeaders, hostChat, raw, say, show, upgrade } from '../support/attackClient';
import { attackContext, baseOf, credentials, pathOf, type AttackContext } from '../support/attackContext';
import { Attack } from '../support/attackTally';
import { SERVER_ROUTES, type ProductRoute } from '../support/productRoutes';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'] as const;
const ODD = ['', 'é', '🐶', '\u0000', '\u202e', 'ｆｕｌｌ', '٠١٢', '%ZZ', '../..', '__proto__', 'constructor', '${7*7}', "' OR 1=1 --", '<script>', 'a'.repeat(300), '\\', 'null'];
const KEYS = ['type', 'text', 'username', 'password', 'customerId', 'name', 'status', 'outcome', 'intent', 'action', 'module', 'level', 'ttlSeconds', 'points', 'pin', 'cardNumber', 'eventId', 'trackingNumber', 'value', 'channelData', '__proto__', 'constructor'];

/** A small random-input generator on a seeded PRNG, so a failing run replays with FUZZ_SEED. */
function generator(seed: number) {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const value = (depth = 0): unknown => {
    const k = int(depth > 2 ? 4 : 7);
    if (k === 0) return pick(ODD);
    if (k === 1) return pick([0, -1, 1e21, 2 ** 53 + 1, 0.5, Number.MAX_VALUE, -0]);
    if (k === 2) return pick([true, false, null]);
    if (k === 3) return pick(['2026-02-30', '1', 'online', 'resolved', 'accept', 'debug', 'cus-ava', 'ups', 'message', 'T-0000ABCD']);
    if (k === 4) return Array.from({ length: int(4) }, () => value(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = int(5); i > 0; i--) o[pick(KEYS)] = value(depth + 1);
    return o;
  };
  const body = (): Buffer => {
    const k = rnd();
    if (k < 0.6) return Buffer.from(JSON.stringify(value()) ?? 'null');
    if (k < 0.7) return Buffer.from(`{"text":"${'x'.repeat(int(80_000))}"}`);
    if (k < 0.8) return Buffer.from(Array.from({ length: 1 + int(40) }, () => int(256)));
    // Moderately nested only: 5,000+ levels are the deep-JSON test's (productionServer.test.ts).
    if (k < 0.9) return Buffer.from('['.repeat(int(400)) + ']'.repeat(int(400)));
    return Buffer.from(pick(['{', '{"a":1,"a":2}', '1e99999', '"\\ud800"', '{"__proto__":{"polluted":1}}', '']));
  };
  return { rnd, int, pick, value, body };
}

/** Registers the suite (run inside the describe block that owns its product). */
export function seededFuzzSuite(): void {
  describe('security: seeded fuzzing of every HTTP route and the WebSocket streams (production server)', function () {
    this.timeout(240_000);
    let ctx: AttackContext;
    before(async () => {
      ctx = await attackContext();
    });

    it('never answers 5xx and never crashes, whatever the method, path, query, headers and body', async () => {
      const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1e9);
      console.log(`      fuzz seed: FUZZ_SEED=${seed}`);
      const g = generator(seed);
      const attack = new Attack('seeded fuzz (HTTP)');
      const routes: ProductRoute[] = [...SERVER_ROUTES, ...ctx.sandboxRoutes];
      for (let i = 0; i < 700; i++) {
        const route = g.pick(routes);
        const method = g.rnd() < 0.7 ? route.method : g.pick(METHODS);
        const path = g.rnd() < 0.7 ? pathOf(route, ctx) : pathOf(route, ctx, encodeURIComponent(String(g.pick(ODD))));
        const query = g.rnd() < 0.5 ? '' : `?${g.pick(['watermark', 'limit', 'offset', 'status', 'from', 'to', 'days', 'q', 'sort', 't'])}=${encodeURIComponent(JSON.stringify(g.value(2)) ?? '')}${g.rnd() < 0.3 ? '&a[]=1&a[b]=2' : ''}`;
        const headers: Record<string, string> = { 'x-forwarded-for': `198.19.${g.int(256)}.${g.int(256)}` };
        const auth = g.rnd();
        if (auth < 0.5) Object.assign(headers, credentials(route, ctx, g.rnd() < 0.7));
        else if (auth < 0.7) headers.authorization = g.pick(['Bearer', 'Basic Zm9vOmJhcg==', `Bearer ${'a'.repeat(5000)}`, 'Bearer x.y.z', `Bearer ${ctx.other.token}`]);
        else if (auth < 0.85) headers.cookie = g.pick(['paw_session=', `paw_session=${'b'.repeat(120)}`, 'paw_session=abc; paw_session=def', '=;;=', `x=${'%'.repeat(10)}`]);
        let body: Buffer | undefined;
        if (!['GET', 'HEAD', 'OPTIONS'].includes(method) && g.rnd() < 0.9) {
          body = g.body();
          headers['content-type'] = g.pick(['application/json', 'application/json; charset=utf-8', 'application/problem+json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16']);
        }
        if (g.rnd() < 0.1) headers['x-request-id'] = g.pick(['../../etc', 'a'.repeat(200), '%00', 'ok-1']);
        const r = await raw(baseOf(route, ctx) + path + query, { method, headers, body });
        attack.check(r.status > 0 && r.status < 500, `${show(r)} ← ${method} ${path}${query} auth=${(headers.authorization ?? headers.cookie ?? '').slice(0, 20)} type=${headers['content-type']} body=${body?.subarray(0, 80).toString()}`);
      }
      attack.check(({} as Record<string, unknown>).polluted === undefined, 'prototype polluted');
      attack.check(ctx.product.child.exitCode === null && (await raw(`${ctx.url}/healthz`)).status === 200, 'the server stopped serving');
      attack.assertDefended();

      const streams = new Attack('seeded fuzz (WebSocket)');
      const ws = ctx.url.replace(/^http/, 'ws');
      for (let i = 0; i < 60; i++) {
        const which = g.rnd();
        const url =
          which < 0.5
            ? `${ws}/v3/directline/conversations/${g.pick([ctx.chat.conversationId, ctx.other.conversationId, '%ZZ', 'x', ''])}/stream?${g.pick(['', 't=', `t=${ctx.chat.token}`, 't=a.b.c', 't=%E0%A4%A', `watermark=${encodeURIComponent(JSON.stringify(g.value(2)) ?? '')}`])}`
            : which < 0.85
              ? `${ws}/agent/ws${g.pick(['', '?x=1', '/', '/../ws'])}`
              : `${ws}${g.pick(['/', '/v3/directline', '/admin', '/%ZZ', '/agent/ws%00'])}`;
        const headers: Record<string, string> = {};
        if (g.rnd() < 0.6) headers.cookie = g.pick([ctx.admin.cookie, 'paw_session=%zz', `paw_session=${'c'.repeat(90)}`, '']);
        if (g.rnd() < 0.3) headers.origin = g.pick(['http://evil.example', 'null', ctx.url, '%%']);
        const status = await upgrade(url, headers);
        streams.check(status === 101 || (status >= 400 && status < 500), `upgrade ${url.slice(0, 120)} ${JSON.stringify(headers).slice(0, 60)} → ${status}`);
      }
      // Frames an agent console should never send: the feed takes none, and drops oversize ones.
      const feed = new WebSocket(`${ws}/agent/ws`, { headers: { cookie: ctx.admin.cookie } });
      await new Promise<void>((resolve, reject) => (feed.once('open', () => resolve()), feed.once('error', reject)));
      feed.on('error', () => undefined);
      for (let i = 0; i < 40 && feed.readyState === feed.OPEN; i++) feed.send(g.rnd() < 0.5 ? g.body() : JSON.stringify(g.value()));
      feed.send(Buffer.alloc(5000, 7));
      await new Promise((r) => setTimeout(r, 300));
      feed.terminate();
      streams.check(ctx.product.child.exitCode === null && (await raw(`${ctx.url}/healthz`)).status === 200, 'the server stopped serving after the stream fuzz');
      streams.assertDefended();

      // Still serving customers: a whole exchange works.
      const fresh = await hostChat(ctx.url, ctx.env.CHAT_API_SECRET!, 'cus-ben', '198.18.3.3');
      assert.match(await say(ctx.url, fresh, 'how many points do I have'), /points/, 'the bot still answers');
      assert.equal((await raw(`${ctx.url}/v3/directline/conversations/${fresh.conversationId}/activities`, { headers: chatHeaders(fresh) })).status, 200);
    });
  });
}
