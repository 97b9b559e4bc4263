import assert from 'node:assert/strict';
import { buildBot } from '../../../bin/buildBot';
import { MemoryStorage } from 'botbuilder';
import { accessFor } from '../../../bot/access/accessFor';
import type { SkillIntent } from '../../../bot/dialogs/skill';
import { IN_SCOPE_INTENTS } from '../../../nlu/intents';
import { silentLogger } from '../../../platform/logger';
import { testRecognizer, testThresholds } from '../../support/testRecognizer';

/** Every intent the real skills serve, as the bot registers them. */
async function skillIntents(): Promise<Map<string, SkillIntent>> {
  const { bot } = buildBot({ api: { baseUrl: 'http://127.0.0.1:9', token: 't' }, recognizer: await testRecognizer(), thresholds: testThresholds, storage: new MemoryStorage(), logger: silentLogger() });
  return (bot as unknown as { intents: Map<string, SkillIntent> }).intents;
}

describe('bot: who may use what (accessFor)', function () {
  this.timeout(120_000);
  let intents: Map<string, SkillIntent>;
  before(async () => {
    intents = await skillIntents();
  });
  // intent → what a visitor who is not signed in gets (a signed-in customer always gets the skill's own dialog).
  const ANONYMOUS: Record<string, string> = {
    'subscription.list': 'sign in',
    'subscription.pause': 'sign in',
    'subscription.resume': 'sign in',
    'subscription.skip': 'sign in',
    'subscription.cancel': 'sign in',
    'subscription.modify': 'sign in',
    'shipping.track': 'shipping.trackByNumber',
    'shipping.problem': 'sign in',
    'order.list': 'sign in',
    'order.cancel': 'sign in',
    'giftcard.balance': 'giftcard.balance',
    'giftcard.redeem': 'sign in',
    'rewards.balance': 'sign in',
    'rewards.history': 'sign in',
    'rewards.redeem': 'sign in',
    'knowledge.hours': 'knowledge.answer',
    'knowledge.shipping': 'knowledge.answer',
    'knowledge.returns': 'knowledge.answer',
    'knowledge.points': 'knowledge.answer',
    'knowledge.autoship': 'knowledge.answer',
  };

  it('the table covers every intent a skill serves', () => {
    assert.deepEqual([...intents.keys()].sort(), Object.keys(ANONYMOUS).sort());
    for (const i of intents.keys()) assert.ok((IN_SCOPE_INTENTS as readonly string[]).includes(i), i);
  });

  for (const [intent, expected] of Object.entries(ANONYMOUS)) {
    it(`${intent}: anonymous → ${expected}; signed in → its own dialog`, () => {
      const skill = intents.get(intent)!;
      const anonymous = accessFor(skill, false);
      assert.deepEqual(anonymous, expected === 'sign in' ? { kind: 'signIn' } : { kind: 'dialog', dialogId: expected });
      assert.deepEqual(accessFor(skill, true), { kind: 'dialog', dialogId: skill.dialogId });
    });
  }
});
