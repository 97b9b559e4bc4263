import assert from 'node:assert/strict';
import { negatesIntent, withoutRefusedClauses } from '../../../bot/routing/negatedRequest';

describe('routing: a request not to do something never starts it', () => {
  const table: [intent: string, text: string, negated: boolean][] = [
    ['subscription.cancel', "don't cancel it", true],
    ['subscription.cancel', 'do not cancel my subscription', true],
    ['subscription.cancel', 'DO NOT cancel my subscription!!', true],
    ['subscription.cancel', 'pls dont cancel my dog food autoship', true],
    ['subscription.cancel', "I don't want to cancel, I just want to know when it comes", true],
    ['subscription.cancel', "please don’t cancel anything", true],
    ['subscription.cancel', 'I never asked you to cancel my litter', true],
    ['subscription.cancel', 'no need to cancel it anymore', true],
    ['subscription.cancel', "I'm not trying to cancel, just checking", true],
    ['subscription.pause', "don't pause my autoship", true],
    ['subscription.skip', 'do not skip my next delivery', true],
    ['rewards.redeem', "don't use my points yet", true],
    ['giftcard.redeem', "don't redeem the gift card, I only want the balance", true],
    ['order.cancel', "don't cancel my order", true],
    // Not negations: they do want it.
    ['subscription.cancel', 'cancel my subscription', false],
    ['subscription.cancel', "I can't cancel my subscription on the website", false],
    ['subscription.cancel', 'cannot figure out how to cancel my autoship', false],
    ['subscription.cancel', "I don't know how to cancel my subscription", false],
    ['subscription.cancel', "why doesn't the cancel button work", false],
    ['subscription.cancel', 'cancel it, I do not need it anymore', false],
    ['subscription.cancel', "cancel my cat litter, we don't need it", false],
    ['subscription.pause', 'pause it, not cancel it', false],
    ['subscription.skip', "skip next month's delivery, we won't be home", false],
    ['subscription.cancel', 'stop sending the cat food', false],
    // A negated other verb leaves this intent alone.
    ['subscription.skip', "don't cancel it, just skip the next one", false],
  ];
  for (const [intent, text, negated] of table) {
    it(`${intent}: "${text}" → ${negated ? 'negated' : 'wanted'}`, () => assert.equal(negatesIntent(intent, text), negated));
  }

  const rests: [text: string, rest: string | undefined][] = [
    ["don't cancel my dog food subscription, i just want to know when the next one comes", 'my dog food subscription, i just want to know when the next one comes'],
    ["don't cancel it, just skip the next one", 'it, just skip the next one'],
    ['do not pause anything. what is my points balance?', 'anything. what is my points balance?'],
    ["don't redeem my points yet, just tell me what they're worth", "my points yet, just tell me what they're worth"],
    ["don't cancel my subscription", undefined],
    ["don't cancel it, thanks", undefined],
    ['cancel my dog food, it is too expensive', undefined],
  ];
  for (const [text, rest] of rests) it(`what is left of "${text}" → ${rest ?? 'nothing to act on'}`, () => assert.equal(withoutRefusedClauses(text), rest));
});
