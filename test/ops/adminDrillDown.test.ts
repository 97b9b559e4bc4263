import assert from 'node:assert/strict';
import { ADMIN_TOKEN, METRICS_TOKEN, openChat, startOpsServer, type RunningOpsServer } from './support/opsTestServer';

interface Row {
  conversationId: string;
  outcome: string;
  intents: string[];
  handoffReason: string | null;
  agent: string | null;
}

/** Reads server-sent events from a fetch body until `until` says stop. */
async function readEvents(res: Response, until: (events: Record<string, unknown>[]) => boolean, ms = 15_000): Promise<Record<string, unknown>[]> {
  const reader = res.body!.getReader();
  const events: Record<string, unknown>[] = [];
  let buffer = '';
  const timer = setTimeout(() => void reader.cancel(), ms);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended; events so far: ${JSON.stringify(events)}`);
      buffer += new TextDecoder().decode(value);
      let i: number;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const data = frame.split('\n').find((l) => l.startsWith('data: '));
        if (frame.includes('event: live') && data) events.push(JSON.parse(data.slice(6)) as Record<string, unknown>);
      }
      if (until(events)) return events;
    }
  } finally {
    clearTimeout(timer);
    await reader.cancel().catch(() => {});
  }
}

/**
 * The admin's drill-down on the composed server with a real handoff hub: real conversations
 * over the chat channel, then the conversation browser, transcripts, CSV exports and the live
 * feed, each admin-only.
 */
describe('admin drill-down: conversation browser, transcripts, CSV, live feed', function () {
  this.timeout(90_000);
  let srv: RunningOpsServer;
  let admin: { cookie: string; csrf: string };
  let agent: { cookie: string; csrf: string };
  const ids: Record<string, string> = {};

  const req = (path: string, init: RequestInit & { who?: { cookie: string; csrf?: string }; bearer?: string } = {}) => {
    const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
    if (init.who) headers.cookie = init.who.cookie;
    if (init.who?.csrf && init.method && init.method !== 'GET') headers['x-csrf-token'] = init.who.csrf;
    if (init.bearer) headers.authorization = `Bearer ${init.bearer}`;
    if (init.body) headers['content-type'] = 'application/json';
    return fetch(srv.url + path, { ...init, headers, redirect: 'manual' });
  };
  const json = async <T>(path: string): Promise<T> => {
    const res = await req(path, { bearer: ADMIN_TOKEN });
    assert.equal(res.status, 200, `${path}: ${res.status} ${res.status === 200 ? '' : await res.text()}`);
    return (await res.json()) as T;
  };

  before(async () => {
    srv = await startOpsServer({ withHub: true });
    admin = await srv.signIn('ada');
    agent = await srv.signIn('sam');
    const happy = await openChat(srv.url, srv.config);
    await happy.send('how many points do I have');
    await happy.waitFor(/3,450 points/);
    await happy.send('bye');
    await happy.waitFor(/how did we do/);
    ids.happy = happy.conversationId;

    const person = await openChat(srv.url, srv.config);
    await person.send('I want to talk to a real person, my card 4111 1111 1111 1111 was charged twice');
    await person.waitFor(/support team|agent|person/i);
    ids.person = person.conversationId;

    const lost = await openChat(srv.url, srv.config);
    await lost.send('blorp zizzle frumple');
    await lost.waitFor(/didn't understand/);
    ids.lost = lost.conversationId;
    await srv.ops.recorder.idle();
  });
  after(async () => srv?.close());

  const ROUTES = ['/admin/api/kpis.csv?table=intents', '/admin/api/conversations', '/admin/api/conversations.csv', '/admin/api/conversations/some-id', '/admin/api/live'];

  it('every drill-down route refuses anonymous callers (401), other roles (403) and wrong tokens (401)', async () => {
    for (const path of ROUTES) {
      for (const [who, status] of [[{}, 401], [{ who: agent }, 403], [{ bearer: METRICS_TOKEN }, 401], [{ bearer: 'x'.repeat(40) }, 401]] as const) {
        const res = await req(path, who);
        assert.equal(res.status, status, `${path} ${JSON.stringify(who).slice(0, 30)}`);
        assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
        await res.body?.cancel();
      }
    }
    const mine = await req('/admin/api/conversations', { who: admin });
    assert.equal(mine.status, 200, 'an admin session gets in');
  });

  it('lists the conversations behind each figure, with the same counts as the KPIs', async () => {
    const kpis = await json<{ total: { conversations: number; contained: number; handoffs: number; open: number; abandoned: number } }>('/admin/api/kpis');
    const all = await json<{ total: number; conversations: Row[] }>('/admin/api/conversations');
    assert.equal(all.total, kpis.total.conversations);
    assert.deepEqual(new Set(all.conversations.map((c) => c.conversationId)), new Set([ids.happy, ids.person, ids.lost]));
    for (const outcome of ['contained', 'handoff', 'open', 'abandoned'] as const) {
      const list = await json<{ total: number; conversations: Row[] }>(`/admin/api/conversations?outcome=${outcome}`);
      assert.equal(list.total, kpis.total[outcome === 'handoff' ? 'handoffs' : outcome], outcome);
      assert.ok(list.conversations.every((c) => c.outcome === outcome));
    }
    const handedOff = await json<{ conversations: Row[] }>('/admin/api/conversations?outcome=handoff&reason=asked_for_agent');
    assert.deepEqual(handedOff.conversations.map((c) => c.conversationId), [ids.person]);
    const byIntent = await json<{ conversations: Row[] }>('/admin/api/conversations?intent=rewards.balance');
    assert.deepEqual(byIntent.conversations.map((c) => c.conversationId), [ids.happy]);
    const paged = await json<{ total: number; conversations: Row[] }>('/admin/api/conversations?limit=1&offset=1');
    assert.equal(paged.total, 3);
    assert.equal(paged.conversations.length, 1);
    assert.equal(paged.conversations[0]!.conversationId, all.conversations[1]!.conversationId);
  });

  it('opens a conversation: masked transcript and routing trail', async () => {
    const d = await json<{ conversation: Row; trail: { text: string; intent: string; score: number; decision: string; detail: string }[]; transcript: { from: string; text: string }[] | null; handoff: { reason: string } }>(
      `/admin/api/conversations/${encodeURIComponent(ids.person!)}`,
    );
    assert.equal(d.conversation.outcome, 'handoff');
    assert.equal(d.handoff.reason, 'asked_for_agent');
    assert.equal(d.trail.length, 1);
    assert.equal(d.trail[0]!.decision, 'handoff');
    assert.equal(typeof d.trail[0]!.score, 'number');
    assert.ok(d.transcript && d.transcript.length >= 2, `a transcript: ${JSON.stringify(d.transcript)}`);
    const customer = d.transcript.find((l) => l.from === 'customer')!;
    assert.match(customer.text, /charged twice/);
    assert.match(customer.text, /1111/, 'the last four digits stay');
    const raw = JSON.stringify(d);
    assert.doesNotMatch(raw, /4111 1111 1111 1111|4111111111111111/, 'the card number is masked everywhere');
    assert.ok(d.transcript.some((l) => l.from === 'bot'));

    const happy = await json<{ trail: { intent: string; decision: string }[] }>(`/admin/api/conversations/${encodeURIComponent(ids.happy!)}`);
    assert.deepEqual(happy.trail.map((t) => [t.intent, t.decision]), [['rewards.balance', 'answer'], ['goodbye', 'answer']]);

    assert.equal((await req('/admin/api/conversations/not-a-conversation', { bearer: ADMIN_TOKEN })).status, 404);
    assert.equal((await req('/admin/api/conversations/bad%20id%3Cscript%3E', { bearer: ADMIN_TOKEN })).status, 422);
    assert.equal((await req('/admin/api/conversations?outcome=maybe', { bearer: ADMIN_TOKEN })).status, 422);
  });

  it('exports the conversation list and the KPI tables as CSV', async () => {
    const res = await req('/admin/api/conversations.csv?outcome=handoff', { bearer: ADMIN_TOKEN });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/csv/);
    assert.match(res.headers.get('content-disposition')!, /^attachment; filename="conversations-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await res.text()).split('\r\n');
    assert.equal(lines[0], 'conversation_id,started_at,ended_at,channel,customer_id,messages,fallbacks,intents,outcome,ended_how,handoff_reason,handoff_topic,agent,rating,comment');
    assert.equal(lines.length, 3, 'a header, one conversation, and the final line end');
    assert.ok(lines[1]!.startsWith(`${ids.person},`));
    assert.match(lines[1]!, /,handoff,,asked_for_agent,/);

    const kpis = await json<{ byIntent: { intent: string; conversations: number; contained: number }[] }>('/admin/api/kpis');
    const csv = await (await req('/admin/api/kpis.csv?table=intents', { bearer: ADMIN_TOKEN })).text();
    const [header, ...rows] = csv.trim().split('\r\n');
    assert.ok(header!.startsWith('intent,conversations,contained,containment_rate,handoffs,handoff_rate,abandoned,abandonment_rate,open,open_rate'));
    assert.deepEqual(rows.map((r) => r.split(',').slice(0, 3)), kpis.byIntent.map((i) => [i.intent, String(i.conversations), String(i.contained)]));
    assert.equal((await req('/admin/api/kpis.csv?table=secrets', { bearer: ADMIN_TOKEN })).status, 422);
  });

  it('log levels: unknown modules are refused with the known names; overrides show their expiry', async () => {
    const res = await req('/admin/log-level', { method: 'PUT', bearer: ADMIN_TOKEN, body: JSON.stringify({ module: 'skills.shiping', level: 'debug' }) });
    assert.equal(res.status, 400);
    const problem = (await res.json()) as { detail: string; knownModules: string[] };
    assert.ok(problem.knownModules.includes('skills.shipping'));
    assert.ok(problem.knownModules.includes('handoff'));
    assert.match(problem.detail, /skills\.shiping.*skills\.shipping/);
    const ok = await req('/admin/log-level', { method: 'PUT', bearer: ADMIN_TOKEN, body: JSON.stringify({ module: 'handoff', level: 'debug', ttlSeconds: 120 }) });
    const snapshot = (await ok.json()) as { known: string[]; overrides: { module: string; expiresAt: string }[] };
    const expiry = Date.parse(snapshot.overrides.find((o) => o.module === 'handoff')!.expiresAt);
    assert.ok(Math.abs(expiry - (Date.now() + 120_000)) < 5000, 'expires in two minutes');
    assert.ok(snapshot.known.includes('trainer'));
    await req('/admin/log-level', { method: 'PUT', bearer: ADMIN_TOKEN, body: JSON.stringify({ module: 'handoff', level: null }) });
  });

  it('the live feed follows the queue and the agents online by itself', async () => {
    const res = await req('/admin/api/live', { bearer: ADMIN_TOKEN });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/event-stream/);
    // The customer who asked for a person is waiting; nobody is online.
    const first = await readEvents(res, (e) => e.length >= 1);
    assert.equal(first[0]!.queueLength, 1);
    assert.ok(typeof first[0]!.longestWaitMs === 'number' && (first[0]!.longestWaitMs as number) >= 0);
    assert.deepEqual(first[0]!.agents, []);

    const stream = await req('/admin/api/live', { bearer: ADMIN_TOKEN });
    const online = await req('/agent/api/presence', { method: 'POST', who: agent, body: JSON.stringify({ status: 'online' }) });
    assert.equal(online.status, 200);
    const accept = await req(`/agent/api/conversations/${encodeURIComponent(ids.person!)}/accept`, { method: 'POST', who: agent, body: '{}' });
    assert.equal(accept.status, 200, await accept.clone().text());
    const events = await readEvents(stream, (e) => e.some((s) => s.queueLength === 0 && (s.agents as { load: number }[]).some((a) => a.load === 1)));
    const last = events.at(-1)!;
    assert.deepEqual(last.agents, [{ username: 'sam', displayName: 'Sam (Support)', load: 1, capacity: 3 }]);
    assert.equal(last.longestWaitMs, null);
  });
});
