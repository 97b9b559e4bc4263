import assert from 'node:assert/strict';
import { mulberry32 } from '../../../nlu/seededShuffle';
import type { ProductProcess } from '../../support/productProcess';
import { demoChat, postActivity, repliesTo, show, signIn, sleep, waitForHistory, type ChatSession, type Staff } from '../support/attackClient';
import { Attack } from '../support/attackTally';
import { sharedProduct, staffOf } from '../support/securityProducts';
import { inboxItems } from '../support/staffViews';

const rnd = mulberry32(4242);
const LETTERS = 'bcdfghjklmnpqrstvwxz';
/** A line of consonant soup the bot cannot understand. */
const gibberish = () =>
  Array.from({ length: 3 }, () => Array.from({ length: 4 + Math.floor(rnd() * 4) }, () => LETTERS[Math.floor(rnd() * LETTERS.length)]).join('')).join(' ');

/**
 * One anonymous visitor's flood: `n` messages the bot does not understand, each followed by
 * "cancel" (which takes the visitor back from the queue after the bot hands over for not
 * understanding twice, so every gibberish line is classified), at most ~8 posts a second so the
 * per-conversation rate limit (10/s) never refuses one.
 */
async function flood(url: string, chat: ChatSession, n: number, address: string): Promise<void> {
  let last = '';
  for (let i = 0; i < n; i++) {
    for (const text of [gibberish(), 'cancel']) {
      const r = await postActivity(url, chat, { type: 'message', text }, address);
      assert.equal(r.status, 200, `message ${i}: ${show(r)}`);
      last = r.id!;
      await sleep(125);
    }
  }
  await waitForHistory(url, chat, (h) => repliesTo(h, last).length > 0, 30_000);
}

/** Registers the suite (run inside the describe block that owns its product). */
export function reviewInboxCapsSuite(): void {
  describe('security: one visitor cannot flood the review inbox', function () {
    this.timeout(180_000);
    let product: ProductProcess;
    let tara: Staff;

    before(async () => {
      product = await sharedProduct('demo');
      const staff = await staffOf('demo');
      tara = await signIn(product.url, staff.tara.username, staff.tara.password, '203.0.113.70');
    });

    it('keeps at most 20 captured utterances of one conversation (60 gibberish messages sent)', async () => {
      const attack = new Attack('review inbox flooding');
      const chat = await demoChat(product.url, undefined, '203.0.113.71');
      await flood(product.url, chat, 60, '203.0.113.71');
      await sleep(1000);
      const kept = (await inboxItems(product.url, tara)).filter((i) => i.conversationId === chat.conversationId).length;
      assert.ok(kept > 0, 'the flood was captured at all (the inbox works)');
      attack.count(60, Math.max(0, kept - 20), `one conversation left ${kept} items in the review inbox (at most 20)`);
      attack.assertDefended();
    });

    it('keeps at most 100 captured utterances per client address per hour (7 conversations × 16 gibberish messages)', async () => {
      const attack = new Attack('review inbox flooding');
      const address = '203.0.113.72';
      const chats = await Promise.all(Array.from({ length: 7 }, () => demoChat(product.url, undefined, address)));
      await Promise.all(chats.map((c) => flood(product.url, c, 16, address)));
      await sleep(1000);
      const ids = new Set(chats.map((c) => c.conversationId));
      const kept = (await inboxItems(product.url, tara)).filter((i) => ids.has(i.conversationId)).length;
      assert.ok(kept > 0, 'the flood was captured at all');
      attack.count(7 * 16, Math.max(0, kept - 100), `one address left ${kept} items in the review inbox (at most 100)`);
      attack.assertDefended();
    });
  });
}
