import assert from 'node:assert/strict';
import type { ProductProcess } from '../../support/productProcess';
import { agentFeed, demoChat, json, parsed, postActivity, raw, show, signIn, sleep, staffHeaders, waitForHistory, type ChatSession, type Staff } from '../support/attackClient';
import { Attack } from '../support/attackTally';
import { sharedProduct, staffOf } from '../support/securityProducts';
import { inboxItems, readableStrings } from '../support/staffViews';

const ADDRESS = '203.0.113.60';

/** What the customer types: a full-width card number, a code, a bare phone number, an e-mail in free text. */
const SECRETS = ['my gift card is ６００６４９１２３４５６１００１', 'the code is 5678', 'call me back on 5551234567', 'or write to diego.r+pets@example.com please'];

/** Each must never appear in what staff see. */
const UNMASKED: [string, RegExp][] = [
  ['card number (full-width)', /[０-９]{5,}/],
  ['card number (ASCII)', /6006\D?4912\D?3456\D?1001|600649123456/],
  ['code', /5678/],
  ['phone number', /555\D?123\D?4567/],
  ['e-mail address', /diego\.r\+pets@example\.com|r\+pets@/],
];

/** Registers the suite (run inside the describe block that owns its product). */
export function maskingSuite(): void {
  describe('security: what the customer typed is masked in every agent view and in the review inbox', function () {
    this.timeout(180_000);
    let product: ProductProcess;
    let sam: Staff;
    let tara: Staff;

    before(async () => {
      product = await sharedProduct('demo');
      const staff = await staffOf('demo');
      sam = await signIn(product.url, staff.sam.username, staff.sam.password, '203.0.113.61');
      tara = await signIn(product.url, staff.tara.username, staff.tara.password, '203.0.113.62');
    });

    const sayAll = async (chat: ChatSession, texts: string[]) => {
      for (const text of texts) {
        const r = await postActivity(product.url, chat, { type: 'message', text }, ADDRESS);
        assert.equal(r.status, 200, show(r));
        await sleep(300);
      }
    };

    it('a full-width card number, "the code is 5678", 5551234567 and an e-mail never reach the queue packet, transcript, lines or inbox unmasked', async () => {
      const attack = new Attack('masking in staff views');
      const feed = await agentFeed(product.url, sam);
      try {
        await json(`${product.url}/agent/api/presence`, 'POST', { status: 'online' }, staffHeaders(sam));
        const chat = await demoChat(product.url, 'cus-diego', ADDRESS);
        // To the bot, then waiting in the queue, then live with the agent.
        await sayAll(chat, SECRETS);
        await sayAll(chat, ['I want to talk to a person']);
        await waitForHistory(product.url, chat, (h) => h.some((a) => a.from.role === 'bot' && /queue|support team/i.test(a.text ?? '')));
        await sayAll(chat, SECRETS.map((s) => `${s} (while waiting)`));
        const queue = parsed<{ queue: unknown[] }>(await raw(`${product.url}/agent/api/queue`, { headers: staffHeaders(sam, false) }))!;
        const accepted = await json(`${product.url}/agent/api/conversations/${chat.conversationId}/accept`, 'POST', {}, staffHeaders(sam));
        assert.equal(accepted.status, 200, `sam accepts: ${show(accepted)}`);
        await sayAll(chat, SECRETS.map((s) => `${s} (to the agent)`));
        let view: Record<string, unknown> = {};
        for (let i = 0; i < 50; i++) {
          view = parsed(await raw(`${product.url}/agent/api/conversations/${chat.conversationId}`, { headers: staffHeaders(sam, false) }))!;
          if (JSON.stringify(view).includes('(to the agent)', JSON.stringify(view).lastIndexOf('write to'))) break;
          await sleep(100);
        }
        const { intents } = parsed<{ intents: string[] }>(await raw(`${product.url}/agent/api/state`, { headers: staffHeaders(sam, false) }))!;
        const ended = await json(`${product.url}/agent/api/conversations/${chat.conversationId}/end`, 'POST', { outcome: 'resolved', intent: intents.find((i) => /gift/i.test(i)) ?? intents[0] }, staffHeaders(sam));
        assert.equal(ended.status, 200, `sam ends the chat: ${show(ended)}`);
        await sleep(1500);
        const items = (await inboxItems(product.url, tara)).filter((i) => i.conversationId === chat.conversationId);

        const views: [string, string[]][] = [
          ['queue API', readableStrings(queue)],
          ['agent feed (WebSocket)', feed.messages.flatMap((m) => readableStrings(JSON.parse(m)))],
          ['conversation view (transcript, lines, packet)', readableStrings(view)],
          ['review inbox', readableStrings(items)],
        ];
        for (const [where, texts] of views) {
          for (const [what, re] of UNMASKED) {
            const shown = texts.filter((t) => re.test(t));
            attack.check(shown.length === 0, `${where} shows the ${what}: ${JSON.stringify(shown.slice(0, 2))}`);
          }
        }
        // The messages did reach those views (masked), so the checks above looked at real data.
        assert.ok(readableStrings(view).some((t) => /the code is/.test(t)), 'the agent sees the customer\'s messages');
        assert.ok(items.length > 0, 'the conversation left items in the review inbox');
        assert.ok(feed.messages.some((m) => m.includes(chat.conversationId)), 'the feed carried the queued conversation');
      } finally {
        feed.close();
      }
      attack.assertDefended();
    });
  });
}
