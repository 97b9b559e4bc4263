import assert from 'node:assert/strict';
import { isBackOut } from '../../bot/dialogs/backOut';
import { readConsent } from '../../bot/dialogs/consent';
import { isCorrection } from '../../bot/dialogs/correction';
import { matchChoice } from '../../bot/dialogs/matchChoice';
import { splitRequests } from '../../bot/routing/splitRequests';
import { countedQuantity, statedEntities } from '../../skills/shared/statedEntities';
import { extractEntities } from '../../nlu/extractEntities';

/** The dialog layer's readings of what customers write, table-driven. */
describe('dialog language: consent, back-outs, typed choices, several requests, stated values', () => {
  const consent: [string, 'yes' | 'no' | undefined][] = [
    ['yes', 'yes'], ['Yes!', 'yes'], ['yep go ahead', 'yes'], ['yes please do it', 'yes'], ['sure, thanks', 'yes'], ['ok', 'yes'],
    ['sounds good', 'yes'], ['yeah do it', 'yes'], ['go for it!', 'yes'], ['that works', 'yes'],
    ['no', 'no'], ['nope', 'no'], ['nah', 'no'], ['no thanks', 'no'], ["no, don't", 'no'],
    ['is that ok for kittens?', undefined], ['sure, but will it still come on friday?', undefined], ['fine but why is it so expensive', undefined],
    ['ok wait', undefined], ['ok wait, what day does it restart?', undefined], ['no, I meant the cat litter', undefined], ['no, 500 points', undefined],
    ['hmm, make that 5 weeks instead', undefined], ['yes but make it 5 weeks', undefined], ['not sure', undefined], ['maybe', undefined],
    ['okay so how long will that take', undefined], ['sure?', undefined],
  ];
  for (const [text, expected] of consent) it(`consent: "${text}" → ${expected ?? 'not an answer'}`, () => assert.equal(readConsent(text), expected));

  // At "Pause … until …?": the question's own verb is an answer; anything more is not.
  const withVerb: [string, 'yes' | 'no' | undefined][] = [
    ['yes pause it', 'yes'], ['pause it please', 'yes'], ['yep, pause that', 'yes'], ["don't pause it", 'no'], ['no dont pause it', 'no'],
    ['pause it for 5 weeks', undefined], ['yes cancel it', undefined], ['skip it', undefined], ['no pause it', undefined], ['pause it?', undefined],
    ['ok fine, go ahead and pause it', 'yes'], ['yes that one too', 'yes'], ['yes and pause it', 'yes'],
  ];
  // At "Turn 1,200 points into $12.00 of store credit?" the redemption's own verbs count too.
  for (const [text, expected] of [['alright then yes redeem them', 'yes'], ['use them', 'yes'], ["don't redeem them", 'no'], ['yes cancel it', undefined]] as const) {
    it(`consent to "Turn … points into …?" (rewards.redeem): "${text}" → ${expected ?? 'not an answer'}`, () => assert.equal(readConsent(text, 'Turn', 'redeem', 'use', 'spend'), expected));
  }
  for (const [text, expected] of withVerb) it(`consent to "Pause …?": "${text}" → ${expected ?? 'not an answer'}`, () => assert.equal(readConsent(text, 'Pause'), expected));

  const backOuts: [string, boolean][] = [
    ['forget it', true], ["never mind, I'll do it later", true], ['not now', true], ['I changed my mind', true], ['nah leave it', true],
    ['no thanks', true], ['cancel', true], ['stop', true], ['leave it for now', true], ['actually, forget about it', true], ['nvm', true],
    ['cancel my subscription', false], ["don't cancel it", false], ['skip it', false], ['we are moving', false], ['stop my dog food deliveries', false],
    ['never mind?', false], ['hmm not now, i cant find the pin', true], ['sorry, not right now', true], ['not now?', false],
  ];
  for (const [text, expected] of backOuts) it(`back-out: "${text}" → ${expected}`, () => assert.equal(isBackOut(text), expected));

  const subs = [{ title: 'Grain-Free Salmon Dog Food 24 lb' }, { title: 'Flea & Tick Chews 6-pack' }];
  const reasons = [{ title: 'Too expensive', synonyms: ['pricey', 'cost'] }, { title: "I'm moving", synonyms: ['relocating'] }, { title: 'Something else' }];
  const orders = [{ title: 'PS-10040 (out for delivery)' }, { title: 'PS-10036 (exception)' }];
  const choices: [string, { title: string; synonyms?: string[] }[], ReturnType<typeof matchChoice>][] = [
    ['the salmon one', subs, { kind: 'one', index: 0 }],
    ['flea stuff', subs, { kind: 'one', index: 1 }],
    ['the second one', subs, { kind: 'one', index: 1 }],
    ['2', subs, { kind: 'one', index: 1 }],
    ['the last one', subs, { kind: 'one', index: 1 }],
    ['dog fod', subs, { kind: 'one', index: 0 }],
    ['6 weeks', subs, { kind: 'none' }],
    ['we are moving', reasons, { kind: 'one', index: 1 }],
    ["it's way too pricey", reasons, { kind: 'one', index: 0 }],
    ['PS-10036', orders, { kind: 'one', index: 1 }],
    ['10036', orders, { kind: 'one', index: 1 }],
    ['the hamster wheel', subs, { kind: 'none' }],
    ['chews', [{ title: 'Dental Chews' }, { title: 'Flea Chews' }], { kind: 'several', indexes: [0, 1] }],
  ];
  for (const [text, options, expected] of choices) it(`choice: "${text}"`, () => assert.deepEqual(matchChoice(text, options), expected));

  const splits: [string, string[]][] = [
    ["skip my next litter delivery, and what's my points balance?", ['skip my next litter delivery', "what's my points balance?"]],
    ['where is my order? also how many points do I have', ['where is my order?', 'how many points do I have']],
    ['skip my next delivery and then redeem 200 points', ['skip my next delivery', 'redeem 200 points']],
    // Split here; the bot keeps it one request because "flea chews" alone is no request (see twoRequests.test.ts).
    ['pause my dog food and flea chews', ['pause my dog food', 'flea chews']],
    ['I want to cancel my subscription because we are moving', ['I want to cancel my subscription because we are moving']],
  ];
  for (const [text, expected] of splits) it(`requests: "${text}"`, () => assert.deepEqual(splitRequests(text), expected));

  const now = new Date('2026-11-26T12:00:00Z');
  const stated: [string, string[]][] = [
    ['change it to every 3 weeks instead of 4', ['frequency']],
    ['for 6 weeks not 4', ['duration']],
    ['change one of them', []],
    ['the salmon one', []],
    ['send one bag each time', ['quantity']],
    ['make it 2 bags', ['quantity']],
  ];
  for (const [text, types] of stated)
    it(`stated values: "${text}" → ${types.join(', ') || 'none'}`, () => assert.deepEqual(statedEntities({ text, entities: extractEntities(text, now) }).map((e) => e.type), types));

  const counted: [string, number | undefined][] = [
    ['could i get 3 of the dental chews each time instead of 2?', 3], ['send 2 bags', 2], ['change one of them', undefined], ['every 3 weeks', undefined],
  ];
  for (const [text, n] of counted)
    it(`how many: "${text}" → ${n ?? 'no count'}`, () => assert.equal(countedQuantity({ text, entities: extractEntities(text, now) }), n));

  const corrections: [string, boolean][] = [
    ['no, I meant the cat litter', true], ['no sorry, I meant the flea chews', true], ['oh I meant the flea chews', true], ['I mean the dog food', true],
    ['wrong one, the dog food', true], ['not that one', true],
    ['what do you mean?', false], ['the cat litter', false], ['I want to pause it', false], ['3 weeks', false],
  ];
  for (const [text, expected] of corrections) it(`correction: "${text}" → ${expected}`, () => assert.equal(isCorrection(text), expected));
});
