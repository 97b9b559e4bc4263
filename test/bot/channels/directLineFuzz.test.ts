import assert from 'node:assert/strict';
import http from 'node:http';
import WebSocket from 'ws';
import { mulberry32 } from '../../../nlu/seededShuffle';
import { hostToken, startChatServer, type RunningChatServer } from './support/chatTestServer';

// Seeded, so a failing run can be replayed with FUZZ_SEED.
const prng = mulberry32;

/** A raw request (bodies fetch would refuse: invalid UTF-8, lying content types…). */
function raw(url: string, method: string, headers: Record<string, string>, body?: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: body ? { ...headers, 'content-length': String(body.length) } : headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('Direct Line fuzzing', function () {
  this.timeout(120_000);
  let srv: RunningChatServer;
  beforeEach(async () => {
    srv = await startChatServer({ env: { DIRECTLINE_MESSAGES_PER_SECOND: '1000' } });
  });
  afterEach(async () => srv.close());

  it('never answers 5xx to random bodies, types, sizes and unicode, and keeps serving', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1e9);
    const rnd = prng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const mine = await hostToken(srv.url, srv.config, { customerId: 'c-1001' });
    const other = await hostToken(srv.url, srv.config);
    const strings = [
      '', 'hello', 'x'.repeat(2001), 'é'.repeat(40_000), '🐶'.repeat(1500), '\u0000\u0001\u001f', '\ud800', '\udfff\ud800', '<script>alert(1)</script>',
      '../../etc/passwd', '%00', '${{7*7}}', 'null', '__proto__', 'constructor', '\u202e\u2066', 'ｆｕｌｌ', '𝕳𝖊𝖑𝖑𝖔', '٠١٢', 'a\nb\r\nc',
    ];
    const value = (depth: number): unknown => {
      switch (Math.floor(rnd() * (depth > 3 ? 5 : 8))) {
        case 0: return pick(strings);
        case 1: return Math.floor(rnd() * 2 ** 53) * (rnd() < 0.5 ? -1 : 1);
        case 2: return pick([true, false, null, 0, -0, 1e308, 0.1]);
        case 3: return pick(strings).slice(0, 50);
        case 4: return undefined;
        case 5: return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
        default: {
          const o: Record<string, unknown> = {};
          for (let i = Math.floor(rnd() * 5); i > 0; i--) o[pick(['type', 'text', 'from', 'channelData', 'value', 'attachments', 'entities', 'user', 'locale', 'customerId', 'name', '__proto__', 'constructor', 'id', 'conversation', pick(strings)])] = value(depth + 1);
          return o;
        }
      }
    };
    const activityLike = () => {
      const a: Record<string, unknown> = { type: pick(['message', 'typing', 'event', 'invoke', 'conversationUpdate', 5, null]) };
      for (const k of ['text', 'channelData', 'value', 'attachments', 'entities', 'from', 'locale', 'name', 'replyToId', 'suggestedActions'])
        if (rnd() < 0.4) a[k] = value(1);
      return a;
    };
    const c = mine.conversationId;
    const paths = [
      '/v3/directline/conversations', `/v3/directline/conversations/${c}`, `/v3/directline/conversations/${c}/activities`,
      `/v3/directline/conversations/${other.conversationId}/activities`, `/v3/directline/conversations/${c}/upload`,
      `/v3/directline/conversations/${c}/stream`, '/v3/directline/tokens/refresh', '/v3/directline/tokens/generate',
      '/v3/directline/conversations/%ZZ/activities', `/v3/directline/conversations/${'a'.repeat(300)}/activities`,
      '/api/chat/token', '/api/demo/token', '/api/demo/customers', '/', '/chat/assets/chat.js', '/chat/assets/%2e%2e',
    ];
    const auths = () => pick([undefined, `Bearer ${mine.token}`, `Bearer ${other.token}`, `Bearer ${srv.config.CHAT_API_SECRET}`, 'Bearer x.y.z', 'Basic abc', `Bearer ${'a'.repeat(5000)}`, 'Bearer']);
    const failures: string[] = [];
    for (let i = 0; i < 400; i++) {
      const path = pick(paths) + pick(['', '?watermark=', '?watermark=5', '?watermark=-1', '?watermark=99999999999999999999', '?watermark[]=1', '?userId=%F0%9F']);
      const method = pick(['GET', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
      const headers: Record<string, string> = {};
      const auth = auths();
      if (auth) headers.authorization = auth;
      let body: Buffer | undefined;
      if (method !== 'GET' && method !== 'HEAD' && rnd() < 0.9) {
        headers['content-type'] = pick(['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'multipart/form-data; boundary=x']);
        const kind = rnd();
        if (kind < 0.5) body = Buffer.from(JSON.stringify(activityLike()) ?? 'null');
        else if (kind < 0.75) body = Buffer.from(JSON.stringify(value(0)) ?? 'null');
        else if (kind < 0.85) body = Buffer.from('{"type":"message","text":"' + 'x'.repeat(Math.floor(rnd() * 70_000)) + '"}');
        else if (kind < 0.92) body = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0xc3, 0x28, 0x7d]);
        else body = Buffer.from(pick(['{', '[', '{"a":', 'nul', '"\\ud800"', '{"__proto__":{"polluted":1}}', '1e99999']));
      }
      const status = await raw(srv.url + path, method, headers, body);
      if (status >= 500 || status === 0) failures.push(`${status} ${method} ${path} auth=${auth?.slice(0, 20)} type=${headers['content-type']} body=${body?.subarray(0, 120).toString()}`);
    }
    // The stream endpoint, with random queries.
    for (let i = 0; i < 30; i++) {
      const q = pick(['', '?t=', `?t=${mine.token}`, '?t=a.b.c&watermark=1', `?watermark=${pick(strings).slice(0, 20)}`, '?t=%E0%A4%A']);
      const status = await new Promise<number>((resolve) => {
        const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/v3/directline/conversations/${pick([c, '%ZZ', 'x'])}/stream${q}`);
        ws.on('unexpected-response', (_q, r) => (resolve(r.statusCode ?? 0), ws.terminate()));
        ws.on('open', () => (resolve(101), ws.close()));
        ws.on('error', () => resolve(-1));
      });
      if (status >= 500 || status <= 0) failures.push(`stream ${status} ${q}`);
    }
    assert.deepEqual(failures, [], `seed ${seed}`);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);

    // Still serving: a whole exchange works.
    const fresh = await hostToken(srv.url, srv.config, { customerId: 'c-1002' });
    const dl = `${srv.url}/v3/directline/conversations/${fresh.conversationId}`;
    const auth = { authorization: `Bearer ${fresh.token}`, 'content-type': 'application/json' };
    const posted = (await (await fetch(`${dl}/activities`, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'message', text: 'still there?' }) })).json()) as { id: string };
    let reply: unknown;
    for (let i = 0; i < 50 && !reply; i++) {
      const r = (await (await fetch(`${dl}/activities`, { headers: auth })).json()) as { activities: { replyToId?: string; text?: string }[] };
      reply = r.activities.find((a) => a.replyToId === posted.id);
      if (!reply) await new Promise((res) => setTimeout(res, 50));
    }
    assert.ok(reply, 'the bot still answers');
    assert.equal((await fetch(`${srv.url}/`)).status, 200);
  });
});
