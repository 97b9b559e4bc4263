import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { RedisStorage } from '../../../bot/state/redisStorage';
import { startBotHarness, transcript, type BotHarness } from '../../support/botHarness';
import { testRedis } from '../../support/redisServer';
import { state } from './sandboxState';

/** The pending change, a side question and a queued request survive the bot state kept in Redis between turns. */
describe('twists: the flow policy with bot state in Redis', function () {
  this.timeout(60_000);
  let h: BotHarness;
  afterEach(async () => h?.close());

  it('two requests, a side question and a correction, then one yes per change', async () => {
    const storage = new RedisStorage((await testRedis()).client(), `t:${randomUUID()}:`, 60);
    h = await startBotHarness({ customerId: 'cus-ava', storage });
    await transcript(h, [
      ['skip my flea chews delivery and redeem 500 points', /Skip the \*\*Flea & Tick Chews 6-pack\*\*/],
      ['how many points do I have', /3,450 points[\s\S]*Skip the \*\*Flea & Tick Chews 6-pack\*\*/],
      ['no, I meant the dog food', /Skip the \*\*Grain-Free Salmon Dog Food 24 lb\*\* delivery on \*\*Tuesday, December 1\*\*\?/],
      ['yes', /Grain-Free Salmon Dog Food 24 lb delivery on Tuesday, December 1 is skipped[\s\S]*Turn \*\*500 points\*\*/],
      ['actually do 600', /Turn \*\*600 points\*\*/],
      ['yes', /600 points became/],
      ['yes', /already done/],
    ]);
    assert.equal((await state.subscription(h, 'cus-ava', 'sub-ava-1')).nextDeliveryDate, '2026-12-29');
    assert.equal((await state.subscription(h, 'cus-ava', 'sub-ava-2')).version, 1);
    assert.equal(await state.points(h, 'cus-ava'), 2850);
  });
});
