import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ConnectionStatus } from 'botframework-directlinejs';
import { RedisActivityLog } from '../../../bot/channels/redisActivityLog';
import { testRedis } from '../../support/redisServer';
import { connect, text, trackStreams, type Client, type Seen } from './support/directLineClient';
import { hostToken, startChatServer, type RunningChatServer } from './support/chatTestServer';
import { SUGGESTIONS } from './support/testBot';

const ID = /^[A-Za-z0-9_-]+\|\d{7}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function assertNoDuplicates(seen: Seen[]): void {
  const ids = seen.map((a) => a.id);
  assert.equal(new Set(ids).size, ids.length, `duplicate activities: ${ids.join(', ')}`);
}

for (const mode of ['websocket', 'polling'] as const) {
  describe(`Direct Line conformance with botframework-directlinejs (${mode})`, function () {
    this.timeout(60_000);
    let srv: RunningChatServer;
    const clients: Client[] = [];
    const open = (o: Parameters<typeof connect>[1]) => {
      const c = connect(srv.url, { webSocket: mode === 'websocket', ...o });
      clients.push(c);
      return c;
    };
    beforeEach(async () => {
      srv = await startChatServer();
    });
    afterEach(async () => {
      for (const c of clients.splice(0)) c.stop();
      await srv.close();
    });

    it('starts, welcomes, echoes with the clientActivityID and replies, with identity from the token only', async () => {
      const { token, conversationId } = await hostToken(srv.url, srv.config, { customerId: 'c-1001', name: 'Ada' });
      const c = open({ token });
      const welcome = await c.waitFor((a) => a.from.role === 'bot' && text(a).startsWith('Welcome'), 'the welcome');
      assert.equal(text(welcome), 'Welcome to PawSupport, Ada! [customer: c-1001]');
      assert.match(welcome.id, ID);
      assert.match(welcome.timestamp, ISO);
      assert.equal(c.status(), ConnectionStatus.Online);

      const id = await c.post({
        type: 'message',
        text: 'hello 🐾',
        from: { id: 'mallory', name: 'Mallory', role: 'bot' },
        conversation: { id: 'someone-elses' },
        channelData: { clientActivityID: 'cid-1', pawIdentity: { customerId: 'c-6666', name: 'Forged' } },
      });
      assert.match(id, ID);
      assert.ok(id.startsWith(`${conversationId}|`));
      const echo = await c.waitFor((a) => a.id === id, 'the echo');
      assert.equal(echo.from.role, 'user');
      assert.notEqual(echo.from.id, 'mallory');
      assert.equal(echo.from.name, 'Ada');
      assert.equal(echo.conversation?.id, conversationId);
      assert.equal(echo.channelData?.clientActivityID, 'cid-1');
      assert.equal(echo.channelData?.pawIdentity, undefined);
      assert.match(echo.timestamp, ISO);
      assert.equal(text(echo), 'hello 🐾');
      const reply = await c.waitFor((a) => a.from.role === 'bot' && a.replyToId === id && a.type === 'message', 'the reply');
      assert.equal(text(reply), 'You said: hello 🐾 [customer: c-1001]');

      const helpId = await c.post({ type: 'message', text: 'help', channelData: { clientActivityID: 'cid-2' } });
      const menu = await c.waitFor((a) => a.replyToId === helpId && a.type === 'message', 'the suggested actions');
      assert.deepEqual(menu.suggestedActions?.actions.map((x) => x.title), SUGGESTIONS);

      // Order is the log's: ids and sequence ids only grow, nothing twice.
      const seqs = c.seen.map((a) => a.channelData?.['webchat:sequence-id'] as number);
      assert.deepEqual(seqs, [...seqs].sort((x, y) => x - y));
      assertNoDuplicates(c.seen);
    });

    it('serves anonymous visitors, and the user id comes from the token', async () => {
      const { token } = await hostToken(srv.url, srv.config, {});
      const c = open({ token });
      await c.waitFor((a) => text(a) === 'Welcome to PawSupport, friend! [customer: anonymous]', 'the anonymous welcome');
      const id = await c.post({ type: 'message', text: 'hi', from: { id: 'c-1001' } });
      const echo = await c.waitFor((a) => a.id === id, 'the echo');
      assert.match(echo.from.id, /^a_/);
      await c.waitFor((a) => text(a) === 'You said: hi [customer: anonymous]', 'the reply');
    });

    it('refreshes the token, and the new one works', async () => {
      const { token } = await hostToken(srv.url, srv.config, { customerId: 'c-1002' });
      const c = open({ token });
      await c.waitFor((a) => text(a).startsWith('Welcome'), 'the welcome');
      const refreshed = (await (c.dl as unknown as { refreshToken(): { toPromise(): Promise<string> } }).refreshToken().toPromise()) as string;
      assert.equal(typeof refreshed, 'string');
      const res = await fetch(`${srv.url}/v3/directline/tokens/refresh`, { method: 'POST', headers: { authorization: `Bearer ${refreshed}` } });
      assert.equal(res.status, 200);
      const body = (await res.json()) as { conversationId: string; token: string; expires_in: number };
      assert.equal(body.expires_in, 1800);
      (c.dl as unknown as { token: string }).token = body.token;
      const id = await c.post({ type: 'message', text: 'after refresh' });
      await c.waitFor((a) => a.replyToId === id && a.type === 'message', 'the reply after refresh');
    });

    it('resumes a conversation from a watermark with a new client: no loss, no duplicates', async () => {
      const { token, conversationId } = await hostToken(srv.url, srv.config, { customerId: 'c-1001', name: 'Ada' });
      const a = open({ token });
      const id1 = await a.post({ type: 'message', text: 'one' });
      await a.waitFor((x) => x.replyToId === id1 && x.type === 'message', 'reply one');
      const watermark = String(a.seen[a.seen.length - 1]!.channelData?.['webchat:sequence-id']);
      const before = a.seen.length;
      a.stop();
      // While nobody listens, more happens.
      await srv.chat.channel.sendProactive(conversationId, { type: 'message', text: 'proactive while away' });
      const b = open({ token, conversationId, watermark });
      await b.waitFor((x) => text(x) === 'proactive while away', 'the missed activity');
      const id2 = await b.post({ type: 'message', text: 'two' });
      await b.waitFor((x) => x.replyToId === id2 && x.type === 'message', 'reply two');
      assert.ok(before >= 3);
      assert.ok(b.seen.every((x) => Number(x.channelData?.['webchat:sequence-id']) > Number(watermark)), 'nothing before the watermark is replayed');
      assertNoDuplicates(b.seen);
      const full = open({ token, conversationId });
      await full.waitFor((x) => x.replyToId === id2 && x.type === 'message', 'the full history');
      assert.equal(full.seen.length, before + b.seen.length);
      assertNoDuplicates(full.seen);
    });
  });
}

describe('Direct Line WebSocket reconnect with botframework-directlinejs', function () {
  this.timeout(60_000);
  let srv: RunningChatServer;
  let c: Client | undefined;
  beforeEach(async () => {
    srv = await startChatServer();
  });
  afterEach(async () => {
    c?.stop();
    await srv.close();
  });

  it('re-opens a dropped stream with the watermark: nothing lost, nothing twice', async () => {
    const streams = trackStreams(srv.server);
    const urls: string[] = [];
    srv.server.prependListener('request', (req) => urls.push(`${req.method} ${req.url}`));
    const { token, conversationId } = await hostToken(srv.url, srv.config, { customerId: 'c-1001', name: 'Ada' });
    c = connect(srv.url, { token, webSocket: true });
    const id1 = await c.post({ type: 'message', text: 'one' });
    await c.waitFor((a) => a.replyToId === id1 && a.type === 'message', 'reply one');
    const watermark = String(c.seen[c.seen.length - 1]!.channelData?.['webchat:sequence-id']);

    assert.equal(streams.drop(), 1);
    const id2 = await c.post({ type: 'message', text: 'two while the stream is down' });
    await srv.chat.channel.sendProactive(conversationId, { type: 'message', text: 'an agent writes' }, { id: 'agent:7', name: 'Maria' });
    await c.waitFor((a) => a.replyToId === id2 && a.type === 'message', 'reply two after the reconnect');
    const agent = await c.waitFor((a) => text(a) === 'an agent writes', 'the proactive message');
    assert.deepEqual(agent.from, { id: 'agent:7', name: 'Maria', role: 'bot' });
    assert.ok(urls.includes(`GET /v3/directline/conversations/${conversationId}?watermark=${watermark}`), urls.join('\n'));
    assertNoDuplicates(c.seen);
    const seqs = c.seen.map((a) => Number(a.channelData?.['webchat:sequence-id']));
    assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1), 'every activity exactly once, in order');
  });
});

describe('Direct Line across two server instances sharing Redis', function () {
  this.timeout(60_000);
  const servers: RunningChatServer[] = [];
  const clients: Client[] = [];
  const logs: RedisActivityLog[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.stop();
    for (const s of servers.splice(0)) await s.close();
    for (const l of logs.splice(0)) await l.close();
  });

  it('lets instance B serve a conversation started on A: same history, live both ways, no duplicates', async () => {
    const redis = await testRedis();
    const prefix = `test:${randomUUID()}:`;
    for (let i = 0; i < 2; i++) {
      const conn = redis.client();
      const log = new RedisActivityLog(conn, { prefix, retentionSeconds: 600, maxActivities: 1000 });
      const close = log.close.bind(log);
      log.close = async () => {
        await close();
        conn.disconnect();
      };
      logs.push(log);
      servers.push(await startChatServer({ activityLog: log }));
    }
    const [a, b] = servers as [RunningChatServer, RunningChatServer];
    const { token, conversationId } = await hostToken(a.url, a.config, { customerId: 'c-1001', name: 'Ada' });
    const onA = connect(a.url, { token, webSocket: true });
    clients.push(onA);
    const id1 = await onA.post({ type: 'message', text: 'via A' });
    await onA.waitFor((x) => x.replyToId === id1 && x.type === 'message', 'reply on A');

    const onB = connect(b.url, { token, conversationId, webSocket: true });
    clients.push(onB);
    await onB.waitFor((x) => x.replyToId === id1 && x.type === 'message', 'A’s history on B');
    const id2 = await onB.post({ type: 'message', text: 'via B' });
    await onB.waitFor((x) => x.replyToId === id2 && x.type === 'message', 'reply on B');
    await onA.waitFor((x) => x.id === id2, 'B’s message live on A');
    await onA.waitFor((x) => x.replyToId === id2 && x.type === 'message', 'B’s reply live on A');
    const polling = connect(b.url, { token, conversationId, webSocket: false });
    clients.push(polling);
    await polling.waitFor((x) => x.replyToId === id2 && x.type === 'message', 'history by polling on B');
    await new Promise((r) => setTimeout(r, 300));
    for (const c of [onA, onB, polling]) assertNoDuplicates(c.seen);
    assert.deepEqual(onA.seen.map((x) => x.id), onB.seen.map((x) => x.id));
    assert.equal(onA.seen.filter((x) => text(x).startsWith('Welcome')).length, 1, 'the bot welcomed once');
  });
});
