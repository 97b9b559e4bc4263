import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { quietUntil } from '../../../skills/proactive/notificationPreferences';
import { MemoryDocStore } from '../../../platform/store/memoryDocStore';
import { RedisDocStore } from '../../../platform/store/redisDocStore';
import { isSettingsRequest, readSettingsChange } from '../../../skills/notifications/readSettingsChange';
import { proactiveStoresContract } from '../../contracts/proactiveStores.contract';
import { testRedis } from '../../support/redisServer';

proactiveStoresContract('memory', async () => new MemoryDocStore());

const connections: Redis[] = [];
after(() => connections.forEach((r) => r.disconnect()));
proactiveStoresContract('redis', async () => {
  const redis = (await testRedis()).client();
  connections.push(redis);
  return new RedisDocStore(redis, `t${randomUUID().slice(0, 8)}:`);
});

describe('quiet hours', () => {
  const q = { from: '22:00', to: '07:00', timeZone: 'UTC' };
  it('across midnight: inside until the end, outside otherwise', () => {
    assert.equal(quietUntil(q, new Date('2026-12-02T23:30:00Z'))?.toISOString(), '2026-12-03T07:00:00.000Z');
    assert.equal(quietUntil(q, new Date('2026-12-03T06:59:00Z'))?.toISOString(), '2026-12-03T07:00:00.000Z');
    assert.equal(quietUntil(q, new Date('2026-12-03T07:00:00Z')), undefined);
    assert.equal(quietUntil(q, new Date('2026-12-03T12:00:00Z')), undefined);
    assert.equal(quietUntil(null, new Date('2026-12-03T23:00:00Z')), undefined);
  });
  it('in the customer’s time zone', () => {
    // 06:30 UTC is 22:30 in Los Angeles (PST, UTC-8): quiet until 07:00 there, 15:00 UTC.
    assert.equal(quietUntil({ ...q, timeZone: 'America/Los_Angeles' }, new Date('2026-12-03T06:30:00Z'))?.toISOString(), '2026-12-03T15:00:00.000Z');
  });
});

describe('reading a settings change', () => {
  const cases: [string, unknown][] = [
    ['stop sending me delivery updates', { shippingUpdates: false }],
    ['no more renewal reminders', { renewalReminders: false }],
    ['turn delivery updates back on', { shippingUpdates: true }],
    ['stop sending me messages', { shippingUpdates: false, renewalReminders: false }],
    ['quiet hours 10pm to 7am', { quietHours: { from: '22:00', to: '07:00', timeZone: 'UTC' } }],
    ['set quiet hours from 22:30 to 06:00', { quietHours: { from: '22:30', to: '06:00', timeZone: 'UTC' } }],
    ['remove my quiet hours', { quietHours: null }],
    ['notification settings', undefined],
  ];
  for (const [text, want] of cases) it(`"${text}"`, () => assert.deepEqual(readSettingsChange(text), want));
});

describe('which messages are settings requests', () => {
  for (const t of ['stop sending me delivery updates', 'no more renewal reminders', 'quiet hours 10pm to 7am', 'my notification settings', 'turn delivery notifications back on'])
    it(`"${t}" is`, () => assert.equal(isSettingsRequest(t), true));
  for (const t of ['stop my subscription', 'skip my next delivery', 'where is my order', 'cancel my order', 'pause the cat litter', 'I want to talk to a person'])
    it(`"${t}" is not`, () => assert.equal(isSettingsRequest(t), false));
});
