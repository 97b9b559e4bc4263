import assert from 'node:assert/strict';
import { judgeConversation } from '../../bench/conversations/judgeConversation';
import type { SandboxState } from '../../bench/conversations/sandboxState';
import { ScriptedConversation } from '../../bench/conversations/scriptedConversation';

const TODAY = '2026-12-01';

function state(): SandboxState {
  return {
    accounts: {
      'cus-ava': {
        subscriptions: { 'sub-ava-1': { status: 'active', pausedUntil: null, nextDeliveryDate: '2026-12-06', frequencyWeeks: 4, quantity: 1, cancelReason: null } },
        points: 3450,
        lifetimePoints: 6450,
        storeCreditCents: 0,
        rewardsTransactions: 20,
        orders: { 'PS-10042': 'in_transit' },
      },
      'cus-ben': {
        subscriptions: { 'sub-ben-1': { status: 'active', pausedUntil: null, nextDeliveryDate: '2026-12-04', frequencyWeeks: 2, quantity: 2, cancelReason: null } },
        points: 1240,
        lifetimePoints: 2140,
        storeCreditCents: 0,
        rewardsTransactions: 8,
        orders: {},
      },
    },
    giftCards: { '6006491234561001': { balanceCents: 5000, status: 'active' } },
  };
}

const conversation = (expect: object, turns: unknown[] = ['hi']) => ScriptedConversation.parse({ id: 'c', title: 'a test', customer: 'cus-ava', turns, expect });
const reply = (...bot: string[]) => [{ customer: 'hi', bot, suggestions: [] }];

/** The benchmark's judge: sandbox state before and after, handoff, reply facts. */
describe('judgeConversation', () => {
  it('passes a pause that ends on the expected date, with the dates that move with it', () => {
    const after = state();
    after.accounts['cus-ava']!.subscriptions['sub-ava-1'] = { ...after.accounts['cus-ava']!.subscriptions['sub-ava-1']!, status: 'paused', pausedUntil: '2026-12-22', nextDeliveryDate: '2026-12-22' };
    const v = judgeConversation(conversation({ changes: [{ kind: 'subscription', id: 'sub-ava-1', status: 'paused', pausedUntil: 'today+21' }] }), { before: state(), after, turns: reply('Done'), handoff: false, today: TODAY });
    assert.deepEqual(v, { pass: true, reasons: [], wrongChanges: [], unwantedHandoff: false });
  });

  it('counts a pause to another date as an account changed wrongly, and a missing one only as a failure', () => {
    const after = state();
    after.accounts['cus-ava']!.subscriptions['sub-ava-1'] = { ...after.accounts['cus-ava']!.subscriptions['sub-ava-1']!, status: 'paused', pausedUntil: '2026-12-29', nextDeliveryDate: '2026-12-29' };
    const expect = { changes: [{ kind: 'subscription', id: 'sub-ava-1', status: 'paused', pausedUntil: 'today+35' }] };
    const wrong = judgeConversation(conversation(expect), { before: state(), after, turns: reply('Done'), handoff: false, today: TODAY });
    assert.equal(wrong.pass, false);
    assert.equal(wrong.wrongChanges.length, 1);
    assert.match(wrong.wrongChanges[0]!, /pausedUntil became "2026-12-29"/);

    const missing = judgeConversation(conversation(expect), { before: state(), after: state(), turns: reply('Okay'), handoff: false, today: TODAY });
    assert.equal(missing.pass, false);
    assert.deepEqual(missing.wrongChanges, []);
    assert.match(missing.reasons.join(), /status stayed "active"/);
  });

  it('flags any change to any account that nobody asked for, and accepts a conversation that changed nothing', () => {
    const after = state();
    after.accounts['cus-ben']!.subscriptions['sub-ben-1']!.quantity = 1;
    const v = judgeConversation(conversation({ changes: [] }), { before: state(), after, turns: reply('Okay'), handoff: false, today: TODAY });
    assert.deepEqual(v.wrongChanges, ['cus-ben.subscriptions.sub-ben-1.quantity changed from 2 to 1, which nobody asked for']);
    assert.equal(judgeConversation(conversation({}), { before: state(), after: state(), turns: reply('Okay'), handoff: false, today: TODAY }).pass, true);
  });

  it('wants exactly the points redeemed, as store credit, and the whole gift card balance', () => {
    const after = state();
    const ava = after.accounts['cus-ava']!;
    Object.assign(ava, { points: 2650, rewardsTransactions: 21, storeCreditCents: 800 + 5000 });
    after.giftCards['6006491234561001'] = { balanceCents: 0, status: 'empty' };
    const both = conversation({ changes: [{ kind: 'pointsRedeemed', points: 800 }, { kind: 'giftCardRedeemed', number: '6006491234561001' }] });
    assert.equal(judgeConversation(both, { before: state(), after, turns: reply('Done'), handoff: false, today: TODAY }).pass, true);
    const fiveHundred = conversation({ changes: [{ kind: 'pointsRedeemed', points: 500 }, { kind: 'giftCardRedeemed', number: '6006491234561001' }] });
    const v = judgeConversation(fiveHundred, { before: state(), after, turns: reply('Done'), handoff: false, today: TODAY });
    assert.equal(v.pass, false);
    assert.match(v.wrongChanges.join('\n'), /points became 2650/);
  });

  it('fails an unwanted handoff, a missing wanted one, and reply facts per conversation and per turn', () => {
    const unwanted = judgeConversation(conversation({}), { before: state(), after: state(), turns: reply('queue'), handoff: true, today: TODAY });
    assert.equal(unwanted.unwantedHandoff, true);
    assert.equal(unwanted.pass, false);
    assert.match(judgeConversation(conversation({ handoff: true }), { before: state(), after: state(), turns: reply('hi'), handoff: false, today: TODAY }).reasons.join(), /did not hand off/);

    const facts = conversation({ replies: { must: ['3,?450'], mustNot: ['1Z9A7W\\d+'] } }, [{ say: 'points?', replies: { must: ['gold'] } }]);
    assert.equal(judgeConversation(facts, { before: state(), after: state(), turns: reply('You have **3,450** points (gold).'), handoff: false, today: TODAY }).pass, true);
    const v = judgeConversation(facts, { before: state(), after: state(), turns: reply('You have 3,000 points. Tracking 1Z9A7W4303'), handoff: false, today: TODAY });
    assert.deepEqual(v.reasons, ['the replies lack /3,?450/', 'the replies contain /1Z9A7W\\d+/ ("1Z9A7W4303")', 'the replies to turn 1 lack /gold/']);
  });
});
