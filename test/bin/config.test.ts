import assert from 'node:assert/strict';
import { ConfigError, internalApi, loadConfig } from '../../bin/config';

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

  describe('in production', () => {
    const strong = (name: string) => `${name}-not-a-demo-value-0123456789abcdef`;
    const production: Record<string, string> = {
      NODE_ENV: 'production',
      USERS_FILE: 'users.json',
      DIRECTLINE_TOKEN_SECRET: strong('directline'),
      CHAT_API_SECRET: strong('chat'),
      SANDBOX_TOKEN: strong('sandbox'),
      CARRIER_SECRETS: `ups:${strong('ups')},fedex:${strong('fedex')}`,
    };
    const refuses = (env: Record<string, string>, message: RegExp) =>
      assert.throws(() => loadConfig({ ...production, ...env }), (e: unknown) => e instanceof ConfigError && message.test(e.message));

    it('starts with every secret changed, and demo mode is off unless asked for', () => {
      const c = loadConfig(production);
      assert.equal(c.DEMO_MODE, false);
      assert.equal(loadConfig({}).DEMO_MODE, true, 'npm start keeps its demo picker');
      assert.equal(loadConfig({}).ADMIN_TOKEN, 'admin-demo-token-change-me', "npm start has the README's demo admin token");
      assert.equal(loadConfig({ NODE_ENV: 'test' }).ADMIN_TOKEN, undefined, 'only development gets it');
      assert.equal(loadConfig({ ...production }).ADMIN_TOKEN, undefined, 'production has none unless set');
    });

    it('refuses demo mode, which would let anyone chat as any customer', () => refuses({ DEMO_MODE: 'true' }, /DEMO_MODE: must be off in production/));

    const demoValues: [Record<string, string>, RegExp][] = [
      [{ DIRECTLINE_TOKEN_SECRET: 'directline-demo-token-secret-change-me-0123456789' }, /DIRECTLINE_TOKEN_SECRET: must be changed from the demo value/],
      [{ CHAT_API_SECRET: 'chat-api-demo-secret-change-me' }, /CHAT_API_SECRET: must be changed from the demo value/],
      [{ SANDBOX_TOKEN: 'sandbox-demo-token-change-me' }, /SANDBOX_TOKEN: must be changed from the demo value/],
      [{ SANDBOX_TOKEN: '' }, /SANDBOX_TOKEN: must be changed from the demo value/],
      [{ CARRIER_SECRETS: `ups:${strong('ups')},fedex:fedex-demo-webhook-secret` }, /CARRIER_SECRETS: the fedex secret must be changed from the demo value/],
      [{ CARRIER_SECRETS: '' }, /CARRIER_SECRETS: the ups secret must be changed from the demo value/],
      [{ CHAT_API_SECRET: 'sixteen-chars-ok-but-short' }, /CHAT_API_SECRET: must be at least 32 bytes in production/],
      [{ ADMIN_TOKEN: 'a-short-admin-token' }, /ADMIN_TOKEN: must be at least 32 bytes/],
      [{ ADMIN_TOKEN: 'admin-demo-token-change-me' }, /ADMIN_TOKEN: must be changed from the demo value/],
      [{ METRICS_TOKEN: 'a-short-metrics-token' }, /METRICS_TOKEN: must be at least 32 bytes/],
      [{ INTERNAL_API_URL: 'https://api.shop.test', INTERNAL_API_TOKEN: 'short' }, /INTERNAL_API_TOKEN: must be at least 32 bytes/],
      [{ CARRIER_SECRETS: 'ups:tiny' }, /CARRIER_SECRETS: the ups secret must be at least 32 bytes/],
      [{ USERS_FILE: '' }, /USERS_FILE: is required in production/],
      [{ STORE: 'redis', REDIS_URL: 'redis://127.0.0.1:6379' }, /CARD_STATE_KEY: is required in production with STORE=redis/],
    ];
    for (const [env, message] of demoValues) it(`refuses ${JSON.stringify(env)}`, () => refuses(env, message));

    it('never prints a secret it refuses', () => {
      assert.throws(() => loadConfig({ ...production, CHAT_API_SECRET: 'sixteen-chars-ok-but-short' }), (e: unknown) => e instanceof ConfigError && !e.message.includes('sixteen-chars'));
    });
  });
});
