import assert from 'node:assert/strict';
import { ActivityHandler, EventFactory } from 'botbuilder';
import { hostToken, startChatServer, type RunningChatServer } from './support/chatTestServer';

/** A bot that hands off on "agent", the way PawBot does. */
class HandoffBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity('Connecting you with a person.');
      await context.sendActivity(EventFactory.createHandoffInitiation(context, { reason: 'asked_for_agent', trail: [{ text: 'internal trail' }] }));
      await next();
    });
  }
}

describe("what the bot sends, as the customer's client sees it", () => {
  let srv: RunningChatServer;
  before(async () => (srv = await startChatServer({ bot: new HandoffBot() })));
  after(async () => srv.close());

  it('keeps handoff events (the packet for agents) out of the customer-visible log', async () => {
    const { conversationId, token } = await hostToken(srv.url, srv.config, { customerId: 'cus-ava' });
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    await fetch(`${srv.url}/v3/directline/conversations`, { method: 'POST', headers: auth, body: '{}' });
    await fetch(`${srv.url}/v3/directline/conversations/${conversationId}/activities`, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'message', text: 'agent', from: { id: 'x' } }) });
    let activities: { type: string; name?: string; text?: string }[] = [];
    for (let i = 0; i < 50 && !activities.some((a) => a.text === 'Connecting you with a person.'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      activities = ((await (await fetch(`${srv.url}/v3/directline/conversations/${conversationId}/activities`, { headers: auth })).json()) as { activities: typeof activities }).activities;
    }
    assert.ok(activities.some((a) => a.text === 'Connecting you with a person.'));
    assert.deepEqual(activities.filter((a) => a.type === 'event'), []);
    assert.ok(!JSON.stringify(activities).includes('internal trail'));
  });

  it('sends proactive messages without pointing at an activity the client never saw', async () => {
    const { conversationId, token } = await hostToken(srv.url, srv.config, { customerId: 'cus-ava' });
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    await fetch(`${srv.url}/v3/directline/conversations`, { method: 'POST', headers: auth, body: '{}' });
    await srv.chat.channel.sendProactive(conversationId, { type: 'message', text: 'Sam: hello there' }, { id: 'agent:sam', name: 'Sam' });
    const { activities } = (await (await fetch(`${srv.url}/v3/directline/conversations/${conversationId}/activities`, { headers: auth })).json()) as {
      activities: { text?: string; replyToId?: string; from: { name?: string } }[];
    };
    const sent = activities.find((a) => a.text === 'Sam: hello there')!;
    assert.equal(sent.from.name, 'Sam');
    assert.equal(sent.replyToId, undefined);
  });
});
