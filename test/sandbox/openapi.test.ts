import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startTestSandbox, type TestSandbox } from '../support/sandboxServer';

/** Every operation of the contract (the table), as `METHOD path`. */
const CONTRACT = [
  'GET /v1/customers',
  'GET /v1/customers/{customerId}/subscriptions',
  'GET /v1/customers/{customerId}/subscriptions/{subscriptionId}',
  'PATCH /v1/customers/{customerId}/subscriptions/{subscriptionId}',
  'POST /v1/customers/{customerId}/subscriptions/{subscriptionId}/pause',
  'POST /v1/customers/{customerId}/subscriptions/{subscriptionId}/resume',
  'POST /v1/customers/{customerId}/subscriptions/{subscriptionId}/skip',
  'POST /v1/customers/{customerId}/subscriptions/{subscriptionId}/cancel',
  'GET /v1/customers/{customerId}/orders',
  'GET /v1/customers/{customerId}/orders/{orderId}/tracking',
  'POST /v1/carriers/{carrier}/webhooks',
  'POST /v1/customers/{customerId}/gift-cards/balance',
  'POST /v1/customers/{customerId}/gift-cards/redemptions',
  'GET /v1/customers/{customerId}/rewards',
  'GET /v1/customers/{customerId}/rewards/transactions',
  'POST /v1/customers/{customerId}/rewards/redemptions',
  'POST /v1/orders/lookup',
  'POST /v1/gift-cards/balance',
];

/** The account-changing writes of subscriptions and rewards: idempotent, subscription ones versioned. */
const WRITES = CONTRACT.filter((op) => /^(POST|PATCH) .*\/(subscriptions|rewards)\//.test(op));

type Operation = {
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
  security?: unknown[];
  requestBody?: { content: Record<string, unknown> };
};

describe('sandbox OpenAPI document', () => {
  let sb: TestSandbox;
  let doc: { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };
  before(async () => {
    sb = await startTestSandbox();
    const res = await fetch(`${sb.url}/openapi.json`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    doc = await res.json();
  });
  after(async () => sb.close());

  const operations = () => Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
  const op = (key: string): Operation => {
    const [method, path] = key.split(' ') as [string, string];
    return doc.paths[path]![method.toLowerCase()]!;
  };

  it('is a valid OpenAPI 3.1 document', async () => {
    assert.equal(doc.openapi, '3.1.0');
    const result = await new Validator().validate(doc as unknown as Record<string, unknown>);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
  });

  it('the validator does reject a broken document', async () => {
    const broken = structuredClone(doc) as { paths: Record<string, unknown> };
    broken.paths['/v1/broken'] = { get: { responses: 'none' } };
    assert.equal((await new Validator().validate(broken)).valid, false);
  });

  it('lists every operation of the contract', () => {
    const missing = CONTRACT.filter((o) => !operations().includes(o));
    assert.deepEqual(missing, [], `missing from /openapi.json: ${missing.join(', ')}`);
  });

  it('documents the anonymous order lookup: token, body schema, the one 404 for no match, 429', () => {
    const lookup = op('POST /v1/orders/lookup');
    assert.ok(lookup.security?.length, 'service token');
    assert.ok(lookup.requestBody?.content['application/json']);
    assert.ok(lookup.responses['200']!.content!['application/json']!.schema.$ref?.endsWith('/OrderLookupResult'));
    for (const status of ['404', '422', '429']) assert.ok(lookup.responses[status]?.content?.['application/problem+json'], status);
    assert.ok(doc.components.schemas.OrderLookupRequest);
  });

  it('documents Idempotency-Key on every write, and If-Match on every subscription write', () => {
    for (const w of WRITES) {
      const names = (op(w).parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
      assert.ok(names.includes('Idempotency-Key'), `${w} lacks Idempotency-Key`);
      if (w.includes('/subscriptions/')) assert.ok(names.includes('If-Match'), `${w} lacks If-Match`);
    }
  });

  it('documents each subscriptions and rewards operation: token, success schema, problem errors', () => {
    for (const o of CONTRACT.filter((c) => /\/(subscriptions|rewards)/.test(c))) {
      const operation = op(o);
      assert.deepEqual(operation.security, [{ serviceToken: [] }], o);
      const success = Object.keys(operation.responses).find((s) => s.startsWith('2'));
      const ref = operation.responses[success!]!.content!['application/json']!.schema.$ref;
      assert.ok(ref && doc.components.schemas[ref.replace('#/components/schemas/', '')], `${o}: success schema ${ref}`);
      const expected = ['401', '404', '422', ...(operation.requestBody ? ['400', '413', '415'] : [])];
      if (WRITES.includes(o)) expected.push('409');
      for (const status of expected) {
        assert.ok(operation.responses[status]?.content?.['application/problem+json'], `${o} does not document ${status} as a problem`);
      }
    }
  });

  it('names the contract schemas the clients use', () => {
    for (const name of ['Subscription', 'SubscriptionList', 'SkipResult', 'ModifySubscriptionRequest', 'PauseSubscriptionRequest', 'CancelSubscriptionRequest', 'Rewards', 'RewardsTransactionPage', 'RewardsRedemptionRequest', 'RewardsRedemption', 'Problem']) {
      assert.ok(doc.components.schemas[name], name);
    }
  });
});
