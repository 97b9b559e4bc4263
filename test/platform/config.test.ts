import assert from 'node:assert/strict';
import { ConfigError, internalApi, loadConfig } from '../../platform/config';

describe('config', () => {
  it('has working defaults for npm start (memory store, embedded sandbox)', () => {
    const c = loadConfig({});
    assert.equal(c.PORT, 3978);
    assert.equal(c.SANDBOX_PORT, 3979);
    assert.equal(c.STORE, 'memory');
    assert.deepEqual(internalApi(c), { baseUrl: 'http://127.0.0.1:3979', token: c.SANDBOX_TOKEN, embedded: true });
  });

  const bad: [Record<string, string>, RegExp][] = [
    [{ PORT: 'abc' }, /PORT: .*number/],
    [{ PORT: '70000' }, /PORT:/],
    [{ STORE: 'postgres' }, /STORE:/],
    [{ STORE: 'redis' }, /REDIS_URL: is required when STORE=redis/],
    [{ SANDBOX_TOKEN: 'short' }, /SANDBOX_TOKEN: must be at least 16 characters \(got "\*\*\*"\)/],
    [{ CARRIER_SECRETS: 'ups' }, /CARRIER_SECRETS: "ups" is not of the form name:value/],
    [{ SANDBOX_FAULTS: '{nope' }, /SANDBOX_FAULTS: is not valid JSON/],
    [{ SANDBOX_FAULTS: '{"GET /v1/customers":{"errorRate":2}}' }, /SANDBOX_FAULTS/],
    [{ INTERNAL_API_URL: 'http://api.internal' }, /INTERNAL_API_TOKEN: is required/],
  ];
  for (const [env, message] of bad) {
    it(`refuses ${JSON.stringify(env)} naming the variable`, () => {
      assert.throws(() => loadConfig(env), (e: unknown) => e instanceof ConfigError && message.test(e.message));
    });
  }

  it('treats empty strings as unset and parses pairs', () => {
    const c = loadConfig({ PORT: '', CARRIER_SECRETS: 'UPS:abc, dhl:xyz' });
    assert.equal(c.PORT, 3978);
    assert.deepEqual(c.CARRIER_SECRETS, { ups: 'abc', dhl: 'xyz' });
  });

  it('uses configured internal APIs instead of the sandbox when given', () => {
    assert.deepEqual(internalApi(loadConfig({ INTERNAL_API_URL: 'https://api.shop.test/', INTERNAL_API_TOKEN: 't' })), {
      baseUrl: 'https://api.shop.test',
      token: 't',
      embedded: false,
    });
  });
});
