import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { testRedis } from '../../support/redisServer';
import { customer, deployment, signIn, startHandoffServer, until, type Agent, type Customer, type Deployment, type HandoffServer } from './support/handoffServer';

const ASK = 'I want to talk to a real person';

/** Ben reports a damaged parcel: the shipping dialog hands off with reason shipping_problem. */
async function reportDamagedParcel(c: Customer): Promise<void> {
  await c.say('my package arrived damaged');
  await c.expect(/Which order is it about\?/);
  // "arrived damaged" said what went wrong: only the description is asked.
  await c.say('PS-10036 (exception)');
  await c.expect(/describe it/);
  await c.say('the box was crushed and the kibble spilled everywhere');
}

for (const store of ['memory', 'redis'] as const) {
  describe(`handoff hub end to end (${store} store): queue, relay, back to the bot`, function () {
    this.timeout(60_000);
    let d: Deployment;
    let srv: HandoffServer;
    const open: { stop(): void }[] = [];
    const agents: Agent[] = [];

    beforeEach(async () => {
      d = await deployment(store, store === 'redis' ? (await testRedis()).url : undefined);
      srv = await startHandoffServer(d);
    });
    afterEach(async () => {
      for (const c of open.splice(0)) c.stop();
      for (const a of agents.splice(0)) a.close();
      await srv.close();
      await d.close();
    });
    const newCustomer = async (id?: string, name?: string) => {
      const c = await customer(srv, id, name);
      open.push(c);
      return c;
    };
    const newAgent = async (username: string, listen = true) => {
      const a = await signIn(srv.url, username);
      agents.push(a);
      if (listen) await a.listen();
      return a;
    };
    const eventNames = () => srv.events.map((e) => e.name).filter((n) => n !== 'queueLength');

    it('queues with the packet, keeps waiting messages from the classifier, relays both ways and gives the chat back to the bot', async () => {
      const sam = await newAgent('sam');
      const ava = await newCustomer();

      let mark = ava.mark();
      await ava.say(ASK);
      await ava.expect(/connecting you with a member of our support team/, mark);
      await ava.expect(/^You're next in the queue: a member of our team should be with you in a moment\.$/, mark);
      const snapshot = await sam.waitFeed((m) => m.type === 'queue' && m.queue.length === 1, 'the conversation in the queue');
      assert.equal(snapshot.queue[0].conversationId, ava.conversationId);
      assert.equal(snapshot.queue[0].reason, 'asked_for_agent');
      assert.equal(snapshot.queue[0].customerName, 'Ava Thompson');
      assert.match(snapshot.queue[0].summary, /real person/);
      assert.equal(snapshot.online, 1);

      // While waiting: kept for the agent (acknowledged once), never classified.
      mark = ava.mark();
      await ava.say('my card 4111 1111 1111 1111 was charged twice');
      await ava.expect(/added that for the agent.*number 1 in the queue/, mark);
      await ava.say('where is my order?');
      await ava.say('hello?');

      const accepted = await sam.call('POST', `/agent/api/conversations/${ava.conversationId}/accept`);
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      await ava.expect(/^Sam \(Support\) has joined the chat\.$/, mark);
      const waiting = ava.texts().slice(mark);
      assert.equal(waiting.filter((t) => /added that for the agent/.test(t)).length, 1, `acknowledged once: ${waiting.join(' | ')}`);
      assert.ok(!waiting.some((t) => /PS-100|order/i.test(t) && !/agent/.test(t)), `"where is my order?" was not answered by the bot: ${waiting.join(' | ')}`);

      const view = accepted.body;
      assert.equal(view.state, 'active');
      assert.ok(view.transcript.some((l: { role: string; text: string }) => l.role === 'customer' && l.text === ASK), 'the transcript so far');
      assert.deepEqual(view.packet.trail.map((t: { intent: string }) => t.intent), ['agent.request']);
      assert.deepEqual(view.lines.filter((l: { from: string }) => l.from === 'customer').map((l: { text: string }) => l.text), [
        'my card **** 1111 was charged twice',
        'where is my order?',
        'hello?',
      ], 'kept in order, card number masked');

      // Agent → customer, with the agent's name.
      mark = ava.mark();
      const said = await sam.call('POST', `/agent/api/conversations/${ava.conversationId}/messages`, { text: "Hi Ava, I'm looking at it now." });
      assert.equal(said.status, 201);
      const fromAgent = await ava.expect(/looking at it now/, mark);
      assert.equal(fromAgent.from.id, 'agent:sam');
      assert.equal(fromAgent.from.name, 'Sam (Support)');
      assert.match((fromAgent as { text?: string }).text!, /^\*\*Sam \\\(Support\\\):\*\* Hi Ava/);

      // Typing, both ways.
      assert.equal((await sam.call('POST', `/agent/api/conversations/${ava.conversationId}/typing`)).status, 204);
      await until(() => ava.client.seen.some((a) => a.type === 'typing' && a.from?.id === 'agent:sam'), 'agent typing at the customer');
      await ava.client.post({ type: 'typing' });
      await sam.waitFeed((m) => m.type === 'typing' && m.conversationId === ava.conversationId, 'customer typing at the agent');

      // Customer → agent, live, as typed (the console shows it as text).
      await ava.say('<img src=x onerror=alert(1)> thanks!');
      const line = await sam.waitFeed((m) => m.type === 'line' && m.line.from === 'customer' && /thanks/.test(m.line.text), 'the customer line');
      assert.equal(line.line.text, '<img src=x onerror=alert(1)> thanks!');
      assert.equal(line.conversationId, ava.conversationId);

      const note = await sam.call('POST', `/agent/api/conversations/${ava.conversationId}/notes`, { text: 'INTERNAL: refund approved by lead' });
      assert.equal(note.status, 201);

      mark = ava.mark();
      const ended = await sam.call('POST', `/agent/api/conversations/${ava.conversationId}/end`, { outcome: 'resolved', intent: 'shipping.problem' });
      assert.equal(ended.status, 200, JSON.stringify(ended.body));
      await ava.expect(/The agent has left the chat, and I'm back/, mark);
      assert.ok(!ava.texts().some((t) => /INTERNAL/.test(t)), 'notes never reach the customer');

      mark = ava.mark();
      await ava.say('how many points do I have');
      await ava.expect(/3,450 points/, mark);

      assert.deepEqual(eventNames(), ['queued', 'accepted', 'completed']);
      const completed = srv.events.find((e) => e.name === 'completed')!.payload;
      assert.equal(completed.agent, 'sam');
      assert.equal(completed.outcome, 'resolved');
      assert.equal(completed.labelledIntent, 'shipping.problem');
      assert.deepEqual(completed.customerUtterances, ['my card **** 1111 was charged twice', 'where is my order?', 'hello?', '<img src=x onerror=alert(1)> thanks!']);
      assert.ok((completed.handleMs as number) >= 0);
      assert.ok(srv.events.some((e) => e.name === 'queueLength' && e.payload.length === 1));
      assert.ok(srv.events.some((e) => e.name === 'queueLength' && e.payload.length === 0));
    });

    it('serves shipping problems first, and tells waiting customers their new position and wait', async () => {
      const casey = await newAgent('casey'); // one chat at a time: the estimate has something to wait for
      const ava = await newCustomer('cus-ava', 'Ava Thompson');
      const cleo = await newCustomer('cus-ava', 'Cleo');
      const ben = await newCustomer('cus-ben', 'Ben Okafor');

      await ava.say(ASK);
      await ava.expect(/^You're next in the queue: a member of our team should be with you in a moment\.$/);
      await cleo.say(ASK);
      await cleo.expect(/^You're number 2 in the queue\. Estimated wait: about 5 minutes\.$/);

      const avaMark = ava.mark();
      const cleoMark = cleo.mark();
      await reportDamagedParcel(ben);
      await ben.expect(/^You're next in the queue/);
      await ava.expect(/^Update: You're number 2 in the queue\. Estimated wait: about 5 minutes\.$/, avaMark);
      await cleo.expect(/^Update: You're number 3 in the queue\. Estimated wait: about 10 minutes\.$/, cleoMark);
      const snap = await casey.waitFeed((m) => m.type === 'queue' && m.queue.length === 3, 'three waiting');
      assert.deepEqual(snap.queue.map((q: { conversationId: string }) => q.conversationId), [ben.conversationId, ava.conversationId, cleo.conversationId]);

      const r = await casey.call('POST', `/agent/api/conversations/${ben.conversationId}/accept`);
      assert.equal(r.status, 200);
      await ava.expect(/^Update: You're next in the queue\. Estimated wait: about 5 minutes\.$/, avaMark);
      await cleo.expect(/^Update: You're number 2 in the queue\. Estimated wait: about 10 minutes\.$/, cleoMark);

      // Casey's capacity is one chat.
      const full = await casey.call('POST', `/agent/api/conversations/${ava.conversationId}/accept`);
      assert.equal(full.status, 409);
      assert.match(full.body.detail, /capacity/);
      assert.deepEqual(srv.events.filter((e) => e.name === 'queued').map((e) => e.payload.priority), [2, 2, 0]);
    });

    it('lets a waiting customer say "cancel" to leave the queue and talk to the bot again', async () => {
      const sam = await newAgent('sam');
      const ava = await newCustomer();
      await ava.say(ASK);
      await ava.expect(/next in the queue/);
      await sam.waitFeed((m) => m.type === 'queue' && m.queue.length === 1, 'queued');
      const mark = ava.mark();
      await ava.say('cancel');
      await ava.expect(/you've left the queue/i, mark);
      await sam.waitFeed((m) => m.type === 'queue' && m.queue.length === 0 && sam.feed.indexOf(m) > 1, 'the queue empty again');
      await ava.say('how many points do I have');
      await ava.expect(/3,450 points/, mark);
      assert.deepEqual(eventNames(), ['queued', 'cancelled']);
      const accept = await sam.call('POST', `/agent/api/conversations/${ava.conversationId}/accept`);
      assert.equal(accept.status, 409, 'no longer waiting');
    });

    it("follows the hub's store, the one owner of handoff state: a handoff the store no longer holds gives the chat back to the bot", async () => {
      const sam = await newAgent('sam');
      const ava = await newCustomer();
      await ava.say(ASK);
      await ava.expect(/next in the queue/);
      await sam.waitFeed((m) => m.type === 'queue' && m.queue.length === 1, 'queued');
      // The record is gone (expired, or a store emptied by hand) while the bot's copy still says "waiting".
      const key = `handoff:conv:${ava.conversationId}`;
      await srv.docs.transact([key], () => ({ writes: [{ key, value: null }], result: undefined }));
      const mark = ava.mark();
      await ava.say('how many points do I have');
      await ava.expect(/3,450 points/, mark);
      assert.ok(!ava.texts().slice(mark).some((t) => /added that for the agent/.test(t)), 'not kept for an agent the hub no longer has');
    });

    it('with no agent online, offers to leave a message and stores it as a follow-up ticket', async () => {
      const ava = await newCustomer();
      await ava.say(ASK);
      const offer = await ava.expect(/No one from our support team is online right now \(you're number 1 in the queue\)/);
      assert.deepEqual(offer.suggestedActions?.actions.map((a) => a.title), ['Leave a message', 'Keep waiting']);
      let mark = ava.mark();
      await ava.say('Keep waiting');
      await ava.expect(/you stay in the queue \(number 1\)/, mark);
      await ava.say('Leave a message');
      await ava.expect(/type your message for our support team/, mark);
      mark = ava.mark();
      await ava.say('Please email me at ava@example.com about order PS-10042');
      const done = await ava.expect(/saved for our support team as ticket (T-[0-9A-F]{8})/, mark);
      const ticketId = /T-[0-9A-F]{8}/.exec((done as { text?: string }).text!)![0];
      assert.deepEqual(eventNames(), ['queued', 'ticket']);

      const sam = await newAgent('sam', false);
      const { body } = await sam.call('GET', '/agent/api/tickets');
      assert.equal(body.tickets.length, 1);
      assert.equal(body.tickets[0].id, ticketId);
      assert.equal(body.tickets[0].message, 'Please email me at [email] about order PS-10042', 'stored masked');
      assert.equal(body.tickets[0].customerName, 'Ava Thompson');
      assert.equal((await sam.call('POST', `/agent/api/tickets/${ticketId}/close`)).status, 200);
      assert.deepEqual((await sam.call('GET', '/agent/api/tickets')).body.tickets, []);

      mark = ava.mark();
      await ava.say('how many points do I have');
      await ava.expect(/3,450 points/, mark);
    });

    it('enforces sign-in, the agent role, CSRF and assignment (401 / 403)', async () => {
      const sam = await newAgent('sam');
      const riley = await newAgent('riley');
      const ava = await newCustomer();
      await ava.say(ASK);
      await sam.waitFeed((m) => m.type === 'queue' && m.queue.length === 1, 'queued');
      const id = ava.conversationId;

      const anonymous = await sam.call('GET', '/agent/api/state', undefined, { cookie: false });
      assert.equal(anonymous.status, 401);
      assert.equal((await sam.call('POST', `/agent/api/conversations/${id}/accept`, undefined, { cookie: false })).status, 401);
      const trent = await signIn(srv.url, 'trent');
      assert.equal((await trent.call('GET', '/agent/api/queue')).status, 403, 'a trainer who is not an agent');
      const noCsrf = await sam.call('POST', `/agent/api/conversations/${id}/accept`, undefined, { csrf: false });
      assert.equal(noCsrf.status, 403);
      assert.match(noCsrf.body.detail, /CSRF/);
      assert.equal((await riley.call('GET', `/agent/api/conversations/${id}`)).status, 403, 'nobody has it yet');

      assert.equal((await sam.call('POST', `/agent/api/conversations/${id}/accept`)).status, 200);
      for (const [method, path, body] of [
        ['GET', '', undefined],
        ['POST', '/messages', { text: 'hi from riley' }],
        ['POST', '/notes', { text: 'riley note' }],
        ['POST', '/typing', undefined],
        ['POST', '/end', { outcome: 'resolved' }],
      ] as const) {
        const r = await riley.call(method, `/agent/api/conversations/${id}${path}`, body);
        assert.equal(r.status, 403, `${method} ${path} of another agent's conversation`);
      }
      assert.equal((await riley.call('POST', `/agent/api/conversations/${id}/accept`)).status, 409, 'taken already');
      assert.equal((await sam.call('GET', `/agent/api/conversations/${id}`)).status, 200);
      assert.equal((await sam.call('GET', '/agent/api/conversations/not%20an%20id')).status, 422);
      assert.equal((await sam.call('POST', `/agent/api/conversations/${id}/end`, { outcome: 'great' })).status, 422);
      assert.equal((await sam.call('POST', `/agent/api/conversations/${id}/messages`, { text: '   ' })).status, 422);
      assert.equal((await sam.call('DELETE', `/agent/api/conversations/${id}`)).status, 405);
      assert.ok(!ava.texts().some((t) => /riley/.test(t)), 'nothing from riley reached the customer');

      // The live feed: a session cookie and this site's origin, an agent.
      const status = (headers: Record<string, string>) =>
        new Promise<number>((resolve) => {
          const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/agent/ws`, { headers });
          ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
          ws.on('open', () => {
            ws.close();
            resolve(101);
          });
          ws.on('error', () => undefined);
        });
      assert.equal(await status({}), 401);
      assert.equal(await status({ cookie: sam.cookie, origin: 'https://evil.example' }), 403);
      assert.equal(await status({ cookie: trent.cookie, origin: srv.url }), 403);
      assert.equal(await status({ cookie: sam.cookie, origin: srv.url }), 101);
    });

    it('offers to leave a message once the wait passes the configured limit', async () => {
      await srv.close();
      srv = await startHandoffServer(d, { HANDOFF_MAX_WAIT_SECONDS: '1' });
      const casey = await newAgent('casey');
      const ben = await newCustomer('cus-ben', 'Ben Okafor');
      await reportDamagedParcel(ben);
      await ben.expect(/next in the queue/);
      assert.equal((await casey.call('POST', `/agent/api/conversations/${ben.conversationId}/accept`)).status, 200);
      const ava = await newCustomer();
      await ava.say(ASK);
      await ava.expect(/next in the queue\. Estimated wait: about 5 minutes/);
      const offer = await ava.expect(/taking longer than usual/, 0, 10_000);
      assert.deepEqual(offer.suggestedActions?.actions.map((a) => a.title), ['Leave a message', 'Keep waiting']);
      await new Promise((r) => setTimeout(r, 600));
      assert.equal(ava.texts().filter((t) => /taking longer than usual/.test(t)).length, 1, 'offered once');
    });
  });
}
