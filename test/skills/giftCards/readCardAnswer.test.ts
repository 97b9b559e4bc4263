import assert from 'node:assert/strict';
import { readCardNumber, readPin } from '../../../skills/giftCards/readCardAnswer';

describe('skills: a card number or PIN in the words of a prompt answer', () => {
  const numbers: [string, string | undefined][] = [
    ['6006491234561001', '6006491234561001'],
    ['6006 4912 3456 1001', '6006491234561001'],
    ['6006-4912-3456-1005', '6006491234561005'],
    ['it is 6006.4912.3456.1005 thanks', '6006491234561005'],
    ['６００６４９１２３４５６１００１', '6006491234561001'],
    ['1234', undefined],
    ['600649123456100', undefined],
    ['60064912345610011', undefined],
  ];
  for (const [text, expected] of numbers) it(`number in "${text}" → ${expected}`, () => assert.equal(readCardNumber(text), expected));

  const pins: [string, string | undefined][] = [
    ['4321', '4321'],
    ["sorry, it's 4321", '4321'],
    ['oops, the pin is 1234', '1234'],
    ['PIN: 98765', '98765'],
    ['１２３４', '1234'],
    ['12345678', '12345678'],
    ['123', undefined],
    ['1234 or maybe 4321', undefined],
    ['I lost it', undefined],
    ['6006 4912 3456 1001 pin 5678', '5678'],
    ['6006491234561001', undefined],
  ];
  for (const [text, expected] of pins) it(`PIN in "${text}" → ${expected}`, () => assert.equal(readPin(text), expected));
});
