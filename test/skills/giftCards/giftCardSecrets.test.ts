import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RedisStorage } from '../../../bot/state/redisStorage';
import { startBotHarness, transcript, type BotHarness, type TurnReplies } from '../../support/botHarness';
import { testRedis } from '../../support/redisServer';

/** Everything the bot keeps about conversations in Redis, as stored. */
async function storedState(redis: Redis, prefix: string): Promise<string> {
  const keys = await redis.keys(`${prefix}*`);
  assert.ok(keys.length > 0, 'the bot stored its state in Redis');
  const values = await Promise.all(keys.map(async (k) => JSON.stringify((await redis.type(k)) === 'hash' ? await redis.hgetall(k) : await redis.get(k))));
  return values.join('\n');
}

/** No card number (any grouping) and none of the PINs, as a word. */
function assertNoSecrets(text: string, pins: string[], where: string) {
  assert.doesNotMatch(text, /6006\D{0,3}4912\D{0,3}3456\D{0,3}100\d/, `card number in ${where}`);
  for (const pin of pins) assert.doesNotMatch(text, new RegExp(`(?<![\\w])${pin}(?![\\w])`), `PIN ${pin} in ${where}`);
}

describe('gift cards: a wrong PIN asks again; card data never at rest (transcripts)', function () {
  this.timeout(60_000);
  let h: BotHarness;
  let redis: Redis;
  let prefix: string;
  beforeEach(async () => {
    redis = (await testRedis()).client();
    prefix = `t${randomUUID().slice(0, 8)}:botstate:`;
  });
  afterEach(async () => h?.close());

  it('a wrong PIN re-asks for the PIN only, with the tries left; "sorry, it\'s 1234" is the PIN; Redis never holds number or PIN', async () => {
    h = await startBotHarness({ customerId: 'cus-ava', storage: new RedisStorage(redis, prefix, 3600) });
    const pins = ['4312', '1234'];
    const steps: [string, (r: TurnReplies) => void][] = [
      ['whats left on my gift card', (r) => assert.match(r.text, /16-digit number/)],
      ['6006 4912 3456 1001', (r) => assert.match(r.text, /And the PIN\?/)],
      ['4312', (r) => {
        assert.match(r.text, /don't match our records\. 4 tries left before the card is locked/);
        assert.match(r.text, /Please type the PIN of the card ending 1001 again/);
        assert.doesNotMatch(r.text, /16-digit number/, 'the number is kept, not asked again');
      }],
      ["sorry, it's 1234", (r) => {
        assert.match(r.text, /card ending 1001 has \*\*\$50\.00\*\* left, usable until Saturday, November 25, 2028\./);
      }],
    ];
    for (const [says, check] of steps) {
      const [r] = await transcript(h, [[says, check]]);
      assertNoSecrets(r!.text, pins, `the reply to "${says}"`);
      assertNoSecrets(await storedState(redis, prefix), pins, `the Redis bot state after "${says}"`);
    }
    const state = await storedState(redis, prefix);
    assert.match(state, /sorry, it's \*\*\*\*/, 'the PIN answer is kept masked in the transcript');
    assert.match(state, /\*\*\*\* 1001/, 'the agent still sees which card (last 4)');

    // The agent gets the transcript and trail of this conversation: masked too.
    const handoff = await h.send('can I talk to a real person please');
    const event = handoff.events.find((e) => e.name === 'handoff.initiate');
    assert.ok(event, 'handed off');
    assertNoSecrets(JSON.stringify(event), pins, 'the handoff packet and its transcript');
  });

  it('a PIN given without the word "pin" in the first message is used, and masked wherever the conversation is kept', async () => {
    h = await startBotHarness({ customerId: 'cus-ava', storage: new RedisStorage(redis, prefix, 3600) });
    await transcript(h, [
      ['my card is 6006491234561005 and the code 5678, whats on it', (r) => {
        assert.match(r.text, /card ending 1005 has \*\*\$25\.00\*\* left, usable until Friday, November 26, 2027\./);
        assertNoSecrets(r.text, ['5678'], 'the reply');
      }],
    ]);
    const state = await storedState(redis, prefix);
    assertNoSecrets(state, ['5678'], 'the Redis bot state');
    assert.match(state, /my card is \*\*\*\* 1005 and the code \[pin\]/);
    const handoff = await h.send('I want to talk to a person');
    assertNoSecrets(JSON.stringify(handoff.events), ['5678'], 'the handoff packet');
  });

  it('a card and PIN in a message that starts another skill never reach its saved dialog state', async () => {
    h = await startBotHarness({ customerId: 'cus-ava', storage: new RedisStorage(redis, prefix, 3600) });
    // Whatever skill a message with a card in it starts (here: pause, as if chosen), its options are saved.
    const r = await h.send('pause my autoship for now. my gift card is 6006 4912 3456 1001 pin 1234', { value: { pawIntent: 'subscription.pause' } });
    assert.match(r.text, /Which subscription would you like to pause\?/);
    assertNoSecrets(await storedState(redis, prefix), ['1234'], 'the Redis bot state while the pause dialog waits');
  });

  it('a redemption pending at its confirmation holds the card only sealed, and still redeems once on yes', async () => {
    h = await startBotHarness({ customerId: 'cus-diego', storage: new RedisStorage(redis, prefix, 3600) });
    await transcript(h, [
      ['redeem my gift card please', /16-digit number/],
      ['6006-4912-3456-1005', /And the PIN\?/],
      ['5678', /Add the \*\*\$25\.00\*\* on the card ending 1005 to your account as store credit\?/],
    ]);
    const pending = await storedState(redis, prefix);
    assertNoSecrets(pending, ['5678'], 'the Redis bot state while the confirmation is pending');
    assert.match(pending, /gc1\./, 'the card is sealed in dialog state');
    await transcript(h, [['yes', /\$25\.00 from the card ending 1005 is now store credit/]]);
    assertNoSecrets(await storedState(redis, prefix), ['5678'], 'the Redis bot state after the redemption');
    assert.doesNotMatch(await storedState(redis, prefix), /gc1\./, 'nothing sealed is left once done');
  });
});
