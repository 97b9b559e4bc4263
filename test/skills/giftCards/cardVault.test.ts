import assert from 'node:assert/strict';
import { CARD_SEAL_TTL_MS, CardVault } from '../../../skills/giftCards/cardVault';

describe('skills: gift card details sealed between turns', () => {
  const card = { number: '6006491234561001', pin: '1234' };
  const key = 'a-card-state-key-of-at-least-32-characters';

  it('opens what it sealed; the sealed text holds neither number nor PIN, and differs every time', () => {
    const vault = new CardVault(key);
    const a = vault.seal(card);
    const b = vault.seal(card);
    assert.notEqual(a, b);
    for (const s of [a, b]) {
      assert.doesNotMatch(s, /6006491234561001|1234|1001/);
      assert.deepEqual(vault.open(s), card);
    }
    assert.deepEqual(vault.open(vault.seal({ number: card.number })), { number: card.number });
  });

  it('forgets after the time limit', () => {
    let now = new Date('2026-11-26T12:00:00Z');
    const vault = new CardVault(key, () => now);
    const sealed = vault.seal(card);
    now = new Date(now.getTime() + CARD_SEAL_TTL_MS - 1000);
    assert.deepEqual(vault.open(sealed), card);
    now = new Date(now.getTime() + 2000);
    assert.equal(vault.open(sealed), undefined);
  });

  it('refuses an altered blob, another key, and anything that is not a sealed blob', () => {
    const vault = new CardVault(key);
    const sealed = vault.seal(card);
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.at(-1);
    assert.equal(vault.open(flipped), undefined);
    assert.equal(new CardVault('another-key-of-at-least-32-characters!!').open(sealed), undefined);
    assert.equal(new CardVault(undefined).open(sealed), undefined, 'a random per-process key');
    assert.deepEqual(new CardVault(key).open(sealed), card, 'the same key on another instance opens it');
    for (const junk of [undefined, null, 42, '', 'gc1.', 'gc1.!!!', JSON.stringify(card)]) assert.equal(vault.open(junk), undefined);
  });
});
