import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { DirectLineTokens } from '../../../bot/channels/directLine/directLineTokens';
import { hostToken, startChatServer, type RunningChatServer } from './support/chatTestServer';

interface Res {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
  text: string;
}

async function call(url: string, init: RequestInit & { token?: string } = {}): Promise<Res> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (typeof init.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const res = await fetch(url, { ...init, headers });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, json, text };
}

function assertProblem(r: Res, status: number, code?: string): void {
  assert.equal(r.status, status, r.text);
  assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/);
  assert.equal(r.json.status, status);
  if (code) assert.equal(r.json.code, code);
  assert.equal(typeof r.json.detail, 'string');
}

/** Opens the stream URL; resolves with the HTTP status of a refused upgrade, or 101. */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', () => resolve(-1));
  });
}

describe('Direct Line routes: bad input', function () {
  this.timeout(30_000);
  let srv: RunningChatServer;
  let dl: string;
  let conv: { conversationId: string; token: string };
  let tokens: DirectLineTokens;

  beforeEach(async () => {
    srv = await startChatServer({ env: { DIRECTLINE_CONVERSATIONS_PER_MINUTE: '5' } });
    dl = `${srv.url}/v3/directline`;
    tokens = new DirectLineTokens(srv.config.DIRECTLINE_TOKEN_SECRET);
    conv = await hostToken(srv.url, srv.config, { customerId: 'c-1001' });
  });
  afterEach(async () => srv.close());

  const post = (path: string, body: unknown, token = conv.token, headers: Record<string, string> = {}) =>
    call(`${dl}${path}`, { method: 'POST', token, body: typeof body === 'string' ? body : JSON.stringify(body), headers });
  const activities = () => `/conversations/${conv.conversationId}/activities`;

  it('answers 201 with conversationId, token, expires_in and streamUrl, then the same conversation again', async () => {
    const r = await post('/conversations', {});
    assert.equal(r.status, 201);
    assert.equal(r.json.conversationId, conv.conversationId);
    assert.equal(r.json.expires_in, 1800);
    assert.match(String(r.json.streamUrl), new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${conv.conversationId}/stream\\?watermark=0&t=`));
    const again = await post('/conversations', { user: { id: 'someone' } });
    assert.equal(again.status, 200);
    assert.equal(again.json.conversationId, conv.conversationId);
  });

  it('answers the posted activity with its id before the bot is done', async () => {
    const slow = await startChatServer({ bot: { run: () => new Promise((r) => setTimeout(r, 1500)) } });
    try {
      const c = await hostToken(slow.url, slow.config);
      const started = Date.now();
      const r = await call(`${slow.url}/v3/directline/conversations/${c.conversationId}/activities`, { method: 'POST', token: c.token, body: JSON.stringify({ type: 'message', text: 'hi' }) });
      assert.equal(r.status, 200);
      assert.match(String(r.json.id), /\|0000001$/);
      assert.ok(Date.now() - started < 1000);
    } finally {
      await slow.close();
    }
  });

  it('tells onUserActivity listeners of each user activity with the token’s identity; proactive sends need a real conversation', async () => {
    const events: { conversationId: string; text: unknown; customerId: string | null; role: string }[] = [];
    const off = srv.chat.channel.onUserActivity((e) => events.push({ conversationId: e.conversationId, text: e.activity.text, customerId: e.identity.customerId, role: e.activity.from.role }));
    await post(activities(), { type: 'message', text: 'first', channelData: { pawIdentity: { customerId: 'c-6666' } } });
    await post(activities(), { type: 'event', name: 'page/visible' });
    off();
    await post(activities(), { type: 'message', text: 'not heard' });
    assert.deepEqual(events, [
      { conversationId: conv.conversationId, text: 'first', customerId: 'c-1001', role: 'user' },
    ]);
    const { id } = await srv.chat.channel.sendProactive(conv.conversationId, { type: 'message', text: 'Maria joined' }, { id: 'agent:1', name: 'Maria' });
    const read = await call(`${dl}${activities()}`, { token: conv.token });
    const sent = (read.json.activities as { id: string; from: unknown; text: string }[]).find((a) => a.id === id);
    assert.deepEqual(sent?.from, { id: 'agent:1', name: 'Maria', role: 'bot' });
    await assert.rejects(srv.chat.channel.sendProactive('ghost-conversation', { type: 'message', text: 'x' }), (e: { status?: number }) => e.status === 404);
  });

  it('drops client-sent events (handoff.status above all): answered, but neither logged nor delivered to the bot', async () => {
    const delivered: string[] = [];
    const spy = await startChatServer({ bot: { run: async (ctx) => void delivered.push(`${ctx.activity.type}:${ctx.activity.name ?? ''}`) } });
    try {
      const c = await hostToken(spy.url, spy.config, { customerId: 'c-1001' });
      const url = `${spy.url}/v3/directline/conversations/${c.conversationId}/activities`;
      for (const body of [
        { type: 'event', name: 'handoff.status', value: { state: 'accepted', agentName: '**Evil**' } },
        { type: 'event', name: 'handoff.status', value: { state: 'completed' } },
        { type: 'event', name: 'handoff.initiate', value: {} },
        { type: 'event', name: 'anything/else' },
        { type: 'event' },
      ]) {
        const r = await call(url, { method: 'POST', token: c.token, body: JSON.stringify(body) });
        assert.equal(r.status, 200, r.text);
        assert.equal(typeof r.json.id, 'string');
      }
      await call(url, { method: 'POST', token: c.token, body: JSON.stringify({ type: 'message', text: 'hello' }) });
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(delivered.filter((d) => !d.startsWith('conversationUpdate')), ['message:']);
      const read = await call(url, { token: c.token });
      assert.deepEqual((read.json.activities as { type: string }[]).filter((a) => a.type === 'event'), []);
    } finally {
      await spy.close();
    }
  });

  it('keeps card numbers, PINs, e-mails and phones masked in the history, and every digit of an answer to a secret prompt; the bot gets what was typed', async () => {
    const heard: string[] = [];
    const bot = {
      run: async (ctx: import('botbuilder').TurnContext) => {
        if (ctx.activity.type !== 'message') return;
        heard.push(ctx.activity.text ?? '');
        await ctx.sendActivity({ type: 'message', text: 'And the PIN?', channelData: { pawSecretPrompt: heard.length === 1 } });
      },
    };
    const srv2 = await startChatServer({ bot });
    try {
      const c = await hostToken(srv2.url, srv2.config, { customerId: 'c-1001' });
      const url = `${srv2.url}/v3/directline/conversations/${c.conversationId}/activities`;
      const say = async (text: string) => {
        await call(url, { method: 'POST', token: c.token, body: JSON.stringify({ type: 'message', text }) });
        const n = heard.length;
        for (let i = 0; i < 100 && heard.length === n; i++) await new Promise((r) => setTimeout(r, 20));
        await new Promise((r) => setTimeout(r, 50));
      };
      await say('card 6006 4912 3456 1001 pin 1234, mail ann@example.com');
      await say("sorry, it's 4321");
      await say('call me 5551234567');
      assert.deepEqual(heard, ['card 6006 4912 3456 1001 pin 1234, mail ann@example.com', "sorry, it's 4321", 'call me 5551234567']);
      const read = await call(url, { token: c.token });
      const kept = (read.json.activities as { text?: string; from: { role: string } }[]).filter((a) => a.from.role === 'user').map((a) => a.text);
      assert.deepEqual(kept, ['card **** 1001 pin [pin], mail [email]', "sorry, it's ****", 'call me [phone]']);
    } finally {
      await srv2.close();
    }
  });

  it('400 for malformed JSON and for a watermark that is not ours', async () => {
    assertProblem(await post(activities(), '{"type": "message", '), 400, 'malformed_json');
    assertProblem(await call(`${dl}${activities()}?watermark=abc`, { token: conv.token }), 400);
    assertProblem(await call(`${dl}/conversations/${conv.conversationId}?watermark=-1`, { token: conv.token }), 400);
  });

  it('401 without a token, with a forged one, or with a stream token as bearer', async () => {
    const none = await call(`${dl}${activities()}`);
    assertProblem(none, 401, 'unauthorized');
    assert.equal(none.headers.get('www-authenticate'), 'Bearer');
    assertProblem(await call(`${dl}${activities()}`, { token: 'not.a.jwt' }), 401);
    const other = new DirectLineTokens('another-secret-that-is-long-enough-000000');
    const forged = await other.issue({ conversationId: conv.conversationId, userId: 'u_x', customerId: 'c-1001' });
    assertProblem(await call(`${dl}${activities()}`, { token: forged.token }), 401);
    const stream = await tokens.issueStreamToken({ conversationId: conv.conversationId, userId: 'u', customerId: null });
    assertProblem(await call(`${dl}${activities()}`, { token: stream }), 401);
    assertProblem(await post('/conversations', {}, ''), 401);
    assertProblem(await call(`${dl}/tokens/refresh`, { method: 'POST' }), 401);
  });

  it('403 for another conversation’s token and for an expired one', async () => {
    const other = await hostToken(srv.url, srv.config, { customerId: 'c-1002' });
    assertProblem(await call(`${dl}${activities()}`, { token: other.token }), 403, 'forbidden');
    assertProblem(await post(activities(), { type: 'message', text: 'x' }, other.token), 403);
    assertProblem(await call(`${dl}/conversations/${conv.conversationId}`, { token: other.token }), 403);
    const shortLived = new DirectLineTokens(srv.config.DIRECTLINE_TOKEN_SECRET, 1);
    const expired = await shortLived.issue({ conversationId: conv.conversationId, userId: 'u', customerId: 'c-1001' });
    await new Promise((r) => setTimeout(r, 2100));
    assertProblem(await post(activities(), { type: 'message', text: 'x' }, expired.token), 403, 'token_expired');
    assertProblem(await call(`${dl}/tokens/refresh`, { method: 'POST', token: expired.token }), 403, 'token_expired');
  });

  it('404 for a conversation that does not exist', async () => {
    const ghost = await tokens.issue({ conversationId: 'ghost-conversation', userId: 'u_1', customerId: null });
    assertProblem(await call(`${dl}/conversations/ghost-conversation/activities`, { token: ghost.token }), 404, 'not_found');
    assertProblem(await post('/conversations/ghost-conversation/activities', { type: 'message', text: 'x' }, ghost.token), 404);
    assertProblem(await post('/conversations', {}, ghost.token), 404);
    assertProblem(await call(`${dl}/conversations/ghost-conversation`, { token: ghost.token }), 404);
    assertProblem(await call(`${dl}/tokens/refresh`, { method: 'POST', token: ghost.token }), 404);
  });

  it('413 for text over the limit and for a body over 32 KB; 422 for wrong shapes', async () => {
    assertProblem(await post(activities(), { type: 'message', text: 'x'.repeat(2001) }), 413, 'payload_too_large');
    assert.equal((await post(activities(), { type: 'message', text: '🐶'.repeat(2000) })).status, 200, '2,000 characters are fine, even outside the BMP');
    assertProblem(await post(activities(), { type: 'message', text: 'x', channelData: { pad: 'y'.repeat(33_000) } }), 413);
    assertProblem(await post(activities(), { type: 'conversationUpdate', membersAdded: [{ id: 'x' }] }), 422, 'validation_failed');
    assertProblem(await post(activities(), { type: 'message', text: 42 }), 422);
    assertProblem(await post(activities(), [{ type: 'message' }]), 422);
    assertProblem(await post(activities(), { type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'http://x' }] }), 422);
  });

  it('405 with Allow for wrong methods', async () => {
    const r = await call(`${dl}/conversations`, { method: 'DELETE', token: conv.token });
    assertProblem(r, 405, 'method_not_allowed');
    assert.equal(r.headers.get('allow'), 'POST');
    assert.equal((await call(`${dl}${activities()}`, { method: 'PUT', token: conv.token, body: '{}' })).headers.get('allow'), 'GET, HEAD, POST');
    assertProblem(await call(`${dl}/tokens/refresh`, { token: conv.token }), 405);
    assertProblem(await call(`${srv.url}/api/chat/token`), 405);
  });

  it('429 for more than 10 messages a second in one conversation', async () => {
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => post(activities(), { type: 'message', text: `m${i}` })));
    const ok = results.filter((r) => r.status === 200).length;
    const limited = results.filter((r) => r.status === 429);
    assert.ok(ok <= 11 && ok >= 9, `accepted ${ok}`);
    assert.ok(limited.length >= 5);
    assertProblem(limited[0]!, 429, 'too_many_requests');
    assert.match(limited[0]!.headers.get('retry-after') ?? '', /^\d+$/);
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await post(activities(), { type: 'message', text: 'later' })).status, 200);
  });

  it('typing indicators have their own budget: ten of them do not refuse the message typed after them', async () => {
    await new Promise((r) => setTimeout(r, 1100));
    const typing = await Promise.all(Array.from({ length: 10 }, () => post(activities(), { type: 'typing' })));
    assert.deepEqual(typing.map((r) => r.status), Array(10).fill(200));
    assert.equal((await post(activities(), { type: 'message', text: 'the message after typing' })).status, 200);
  });

  it('429 for too many new conversations from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await call(`${srv.url}/api/demo/token`, { method: 'POST', body: '{}' })).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429]);
  });

  it('415 "attachments not supported" on upload, whatever the body', async () => {
    assertProblem(await post(`/conversations/${conv.conversationId}/upload?userId=x`, {}), 415, 'attachments_not_supported');
    const form = new FormData();
    form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'a.txt');
    const r = await fetch(`${dl}/conversations/${conv.conversationId}/upload?userId=x`, { method: 'POST', body: form, headers: { authorization: `Bearer ${conv.token}` } });
    assert.equal(r.status, 415);
    assert.equal(((await r.json()) as { code: string }).code, 'attachments_not_supported');
  });

  it('refuses stream upgrades without a valid stream token for that conversation', async () => {
    const start = await post('/conversations', {});
    const streamUrl = String(start.json.streamUrl);
    assert.equal(await upgradeStatus(streamUrl), 101);
    const base = streamUrl.split('?')[0];
    assert.equal(await upgradeStatus(`${base}?watermark=0`), 401);
    assert.equal(await upgradeStatus(`${base}?watermark=0&t=${conv.token}`), 401, 'a bearer token is not a stream token');
    const other = await hostToken(srv.url, srv.config);
    const otherStream = await tokens.issueStreamToken({ conversationId: other.conversationId, userId: 'u', customerId: null });
    assert.equal(await upgradeStatus(`${base}?watermark=0&t=${otherStream}`), 403);
    assert.equal(await upgradeStatus(streamUrl.replace('watermark=0', 'watermark=zz')), 400);
    assert.equal(await upgradeStatus(`${srv.url.replace('http', 'ws')}/somewhere/else`), 404);
  });

  it('closes an open stream when the chat token behind it expires, and its URL dies with the token', async () => {
    const start = await post('/conversations', {});
    const t = decodeURIComponent(/[?&]t=([^&]+)/.exec(String(start.json.streamUrl))![1]!);
    const payload = JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()) as { exp: number; cls: number };
    assert.ok(payload.cls - Math.floor(Date.now() / 1000) <= Number(start.json.expires_in), 'the stream closes with the token the client holds');
    assert.ok(payload.exp <= payload.cls);
    const base = String(start.json.streamUrl).split('?')[0];
    const soon = await tokens.issueStreamToken({ conversationId: conv.conversationId, userId: 'u', customerId: 'c-1001', expiresAt: Math.floor(Date.now() / 1000) + 2 });
    const ws = new WebSocket(`${base}?watermark=0&t=${soon}`);
    const started = Date.now();
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    assert.equal(code, 1008);
    assert.ok(Date.now() - started < 4000, `closed after ${Date.now() - started} ms`);
    assert.equal(await upgradeStatus(`${base}?watermark=0&t=${soon}`), 403, 'the stream URL expired with the token');
  });

  it('sends keep-alive frames on the stream and ignores the client’s', async () => {
    const fast = await startChatServer({ env: { DIRECTLINE_KEEPALIVE_SECONDS: '1' } });
    try {
      const c = await hostToken(fast.url, fast.config);
      const start = await call(`${fast.url}/v3/directline/conversations`, { method: 'POST', token: c.token, body: '{}' });
      const frames: string[] = [];
      const ws = new WebSocket(String(start.json.streamUrl));
      ws.on('message', (d) => frames.push(String(d)));
      await new Promise((r) => ws.on('open', r));
      ws.send('');
      ws.send('{"not":"expected"}');
      await new Promise((r) => setTimeout(r, 2300));
      assert.ok(frames.filter((f) => f === '').length >= 1, `frames: ${JSON.stringify(frames)}`);
      assert.equal(ws.readyState, WebSocket.OPEN);
      ws.close();
    } finally {
      await fast.close();
    }
  });

  it('guards the token endpoints', async () => {
    assertProblem(await call(`${srv.url}/api/chat/token`, { method: 'POST', body: '{}' }), 401);
    assertProblem(await call(`${srv.url}/api/chat/token`, { method: 'POST', body: '{}', token: 'wrong-secret' }), 401);
    assertProblem(await call(`${srv.url}/api/chat/token`, { method: 'POST', body: '{"customerId": 5}', token: srv.config.CHAT_API_SECRET }), 422);
    assertProblem(await call(`${srv.url}/api/demo/token`, { method: 'POST', body: '{"customerId": "c-9999"}' }), 422);
    const off = await startChatServer({ env: { DEMO_MODE: 'false' } });
    try {
      assertProblem(await call(`${off.url}/api/demo/token`, { method: 'POST', body: '{}' }), 404);
      assertProblem(await call(`${off.url}/api/demo/customers`), 404);
      assert.equal((await hostToken(off.url, off.config, { customerId: 'c-1' })).expires_in, 1800);
    } finally {
      await off.close();
    }
  });

  it('serves the page with a strict CSP and Web Chat from node_modules, compressed', async () => {
    const page = await call(`${srv.url}/`);
    assert.equal(page.status, 200);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /default-src 'none'/);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce && page.text.includes(`nonce="${nonce}"`));
    for (const tag of page.text.match(/<script[^>]*>/g) ?? []) assert.match(tag, / src="\/chat\/assets\/[\w.]+\.js"| type="application\/json"/, `no inline script: ${tag}`);
    const data = /<script type="application\/json" id="page-data">(.*?)<\/script>/.exec(page.text)?.[1];
    assert.deepEqual(JSON.parse(data ?? 'null'), { demo: true }, 'the page data tells the script demo mode is on');
    const bundle = await fetch(`${srv.url}/chat/assets/webchat.js`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
    assert.ok(Number(bundle.headers.get('content-length') ?? 1e9) < 2_000_000, 'gzip keeps it small');
    assert.equal((await call(`${srv.url}/chat/assets/stats.json`)).status, 404);
    assert.equal((await call(`${srv.url}/chat/assets/..%2Fpackage.json`)).status, 404);
    assert.equal(bundle.headers.get('content-encoding'), 'gzip');
    assert.ok((await bundle.text()).includes('WebChat'));
    assertProblem(await call(`${srv.url}/`, { method: 'POST', body: '{}' }), 405);
  });
});
