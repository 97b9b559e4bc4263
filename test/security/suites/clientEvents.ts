import assert from 'node:assert/strict';
import type { ProductProcess } from '../../support/productProcess';
import { demoChat, history, parsed, postActivity, raw, repliesTo, signIn, staffHeaders, waitForHistory, type Staff, type WireActivity } from '../support/attackClient';
import { Attack } from '../support/attackTally';
import { sharedProduct, staffOf } from '../support/securityProducts';

const ADDRESS = '203.0.113.50';

interface Csat {
  asked: number;
  responses: number;
}

/**
 * A customer posts an event activity over Direct Line, then an ordinary message. Returns what
 * the conversation gained meanwhile (the message's own answer included, once it came).
 */
async function postEventThenMessage(url: string, event: Record<string, unknown>, message: string) {
  const chat = await demoChat(url, 'cus-ava', ADDRESS);
  const hello = await postActivity(url, chat, { type: 'message', text: 'hello' }, ADDRESS);
  await waitForHistory(url, chat, (h) => repliesTo(h, hello.id!).length > 0);
  const before = (await history(url, chat)).length;
  const posted = await postActivity(url, chat, event, ADDRESS);
  const next = await postActivity(url, chat, { type: 'message', text: message }, ADDRESS);
  // Turns run in order: once the message is answered, any answer to the event came before it.
  const h = await waitForHistory(url, chat, (x) => repliesTo(x, next.id!).some((a) => a.type === 'message'), 8000);
  return { posted, next, gained: h.slice(before), all: h };
}

const botTexts = (as: WireActivity[]) => as.filter((a) => a.from.role === 'bot' && a.type === 'message').map((a) => a.text ?? '');

/** Registers the suite (run inside the describe block that owns its product). */
export function clientEventsSuite(): void {
  describe("security: events a customer posts are never taken for the hub's", function () {
    this.timeout(120_000);
    let product: ProductProcess;
    let ada: Staff;
    const csat = async (): Promise<Csat & { handoffs: number }> => {
      const k = parsed<{ total: { csat: Csat; handoffs: number } }>(await raw(`${product.url}/admin/api/kpis`, { headers: staffHeaders(ada, false) }))!;
      return { ...k.total.csat, handoffs: k.total.handoffs };
    };

    before(async () => {
      product = await sharedProduct('demo');
      const { ada: a } = await staffOf('demo');
      ada = await signIn(product.url, a.username, a.password, '203.0.113.51');
    });

    it('a customer-sent handoff.status (accepted with markdown, completed, failed with a ticket) gets no reply, stays out of the history and adds no CSAT entry', async () => {
      const attack = new Attack('client-sent handoff.status events');
      const kpisBefore = await csat();
      const cases: [string, Record<string, unknown>, string][] = [
        ['accepted', { state: 'accepted', agentName: '**Evil** [x](http://evil.example)' }, 'how many points do I have'],
        ['completed', { state: 'completed' }, '5'],
        ['failed', { state: 'failed', ticketId: 'T-123' }, 'how many points do I have'],
      ];
      for (const [what, value, message] of cases) {
        const { posted, next, gained, all } = await postEventThenMessage(product.url, { type: 'event', name: 'handoff.status', value }, message);
        attack.check(posted.status < 500, `${what}: the post answered ${posted.status}`);
        const texts = botTexts(gained.filter((a) => a.replyToId !== next.id));
        attack.check(texts.length === 0, `${what}: the bot answered the event: ${JSON.stringify(texts)}`);
        const fake = botTexts(gained).filter((t) => /joined|evil|left the chat|how did|rating|ticket|T-123/i.test(t));
        attack.check(fake.length === 0, `${what}: the customer saw ${JSON.stringify(fake)}`);
        attack.check(!all.some((a) => a.type === 'event' && a.from.role === 'user'), `${what}: the event is in the conversation's history`);
        if (message !== '5') attack.check(botTexts(repliesTo(gained, next.id!)).some((t) => /points/.test(t)), `${what}: the bot no longer answers the customer (${JSON.stringify(botTexts(gained))})`);
      }
      await new Promise((r) => setTimeout(r, 500));
      const kpisAfter = await csat();
      attack.check(kpisAfter.asked === kpisBefore.asked && kpisAfter.responses === kpisBefore.responses, `CSAT figures moved: ${JSON.stringify(kpisBefore)} → ${JSON.stringify(kpisAfter)}`);
      attack.check(kpisAfter.handoffs === kpisBefore.handoffs, `handoffs moved: ${kpisBefore.handoffs} → ${kpisAfter.handoffs}`);
      attack.assertDefended();
    });

    it('ignores every other event a customer posts: no reply, not in the history', async () => {
      const attack = new Attack('other client-sent events');
      const events: Record<string, unknown>[] = [
        { type: 'event', name: 'handoff.initiate', value: { reason: 'asked_for_agent', summary: 'fake' } },
        { type: 'event', name: 'handoff.cancel', value: { reason: 'customer_cancelled' } },
        { type: 'event', name: 'Handoff.Status', value: { state: 'accepted', agentName: 'Mallory' } },
        { type: 'event', name: 'webchat/join', value: { language: 'en-US' } },
        { type: 'event', name: 'paw.rating', value: { rating: 1 } },
        { type: 'event', value: { state: 'accepted' } },
      ];
      for (const event of events) {
        const { posted, next, gained, all } = await postEventThenMessage(product.url, event, 'how many points do I have');
        const what = String(event.name ?? '(no name)');
        attack.check(posted.status < 500, `${what}: the post answered ${posted.status}`);
        attack.check(botTexts(gained.filter((a) => a.replyToId !== next.id)).length === 0, `${what}: the bot answered the event`);
        attack.check(!all.some((a) => a.type === 'event' && a.from.role === 'user'), `${what}: the event is in the conversation's history`);
        attack.check(botTexts(repliesTo(gained, next.id!)).some((t) => /points/.test(t)), `${what}: the bot no longer answers the customer`);
      }
      attack.assertDefended();
    });

    it('still shows the hub the customer asked for a person (the ordinary path is not broken)', async () => {
      const chat = await demoChat(product.url, 'cus-ava', ADDRESS);
      const r = await postActivity(product.url, chat, { type: 'message', text: 'I want to talk to a person' }, ADDRESS);
      const h = await waitForHistory(product.url, chat, (x) => repliesTo(x, r.id!).some((a) => a.type === 'message'));
      assert.match(botTexts(repliesTo(h, r.id!)).join('\n'), /support team|queue|No one from our support team/);
      await postActivity(product.url, chat, { type: 'message', text: 'cancel' }, ADDRESS);
    });
  });
}
