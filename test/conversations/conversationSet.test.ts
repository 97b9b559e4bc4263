import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConversationSet, type LoadedConversation } from '../../bench/conversations/scriptedConversation';
import { fixedClock } from '../support/sandboxServer';
import { DEMO_CUSTOMERS } from '../../sandbox/customers/demoCustomers';
import { demoGiftCards } from '../../sandbox/giftCards/giftCardSeed';
import { demoOrders } from '../../sandbox/shipping/shippingSeed';
import { SEED_SUBSCRIPTIONS } from '../../sandbox/subscriptions/subscriptionSeed';

/** The scripted conversations of `npm run bench:conversations` (the benchmark itself is not run here). */
describe('scripted conversation set (test/conversations)', () => {
  let set: LoadedConversation[];
  before(() => {
    set = loadConversationSet();
  });

  it('has at least 60 conversations, at least half of them with a twist, in one file per theme', () => {
    assert.ok(set.length >= 60, `only ${set.length} conversations`);
    const twisted = set.filter((c) => c.twists.length > 0).length;
    assert.ok(twisted * 2 >= set.length, `only ${twisted} of ${set.length} have a twist`);
    const files = new Set(set.map((c) => c.file));
    for (const theme of ['subscriptions', 'shipping', 'giftCards', 'rewards', 'knowledge', 'anonymous', 'handoff']) assert.ok(files.has(`${theme}.json`), `no ${theme}.json`);
  });

  it('covers every twist issue 11 lists', () => {
    const seen = new Set(set.flatMap((c) => c.twists));
    for (const t of ['correction', 'question-at-confirmation', 'backing-out', 'typed-choice', 'two-requests', 'side-question', 'ineligible-subscription', 'order-by-product', 'wrong-pin', 'negation', 'holiday-date']) {
      assert.ok(seen.has(t as never), `no conversation with the twist ${t}`);
    }
  });

  it('names only customers, subscriptions, orders and gift cards of the sandbox seed', () => {
    const customers = new Set(DEMO_CUSTOMERS.map((c) => c.id));
    const subOwner = new Map(SEED_SUBSCRIPTIONS.map((s) => [s.id, s.customerId]));
    const orders = new Set(demoOrders(fixedClock()).map((o) => o.id));
    const cards = new Set(demoGiftCards(fixedClock()).map((g) => g.number));
    for (const c of set) {
      if (c.customer !== null) assert.ok(customers.has(c.customer), `${c.id}: no demo customer ${c.customer}`);
      for (const e of c.expect.changes) {
        if (e.kind === 'subscription') assert.equal(subOwner.get(e.id), c.customer, `${c.id}: ${e.id} is not a subscription of ${c.customer}`);
        else if (e.kind === 'giftCardRedeemed') assert.ok(cards.has(e.number), `${c.id}: no seeded gift card ${e.number}`);
        // An anonymous visitor has no account to change.
        if (c.customer === null) assert.fail(`${c.id}: an anonymous conversation cannot expect an account change`);
      }
      const typed = c.turns.map((t) => (typeof t === 'string' ? t : 'say' in t ? t.say : '')).join('\n');
      for (const id of typed.match(/\bPS-\d+/g) ?? []) assert.ok(orders.has(id), `${c.id}: no seeded order ${id}`);
      for (const digits of typed.match(/\b\d{4} ?\d{4} ?\d{4} ?\d{4}\b/g) ?? []) assert.ok(cards.has(digits.replace(/ /g, '')), `${c.id}: no seeded gift card ${digits}`);
    }
  });

  it('refuses a malformed conversation file, naming the file and the problem', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paw-conversations-'));
    try {
      const bad = { theme: 'bad', conversations: [{ id: 'Not Kebab', title: 'x', customer: 'cus-ava', turns: [], expect: { changes: [{ kind: 'subscription', id: 'sub-ava-1', status: 'asleep' }] } }] };
      writeFileSync(path.join(dir, 'bad.json'), JSON.stringify(bad));
      assert.throws(() => loadConversationSet(dir), (err: Error) => /bad\.json/.test(err.message) && /kebab-case/.test(err.message) && /turns/.test(err.message) && /status/.test(err.message));
      writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ theme: 'x', conversations: [{ id: 'a', title: 'abc', customer: null, turns: ['hi'], expect: { replies: { must: ['(unclosed'] } } }] }));
      assert.throws(() => loadConversationSet(dir), /not a regular expression/);
      const ok = { id: 'same', title: 'abc', customer: null, turns: ['hi'], expect: {} };
      writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ theme: 'x', conversations: [ok, ok] }));
      assert.throws(() => loadConversationSet(dir), /"same" is used twice/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
