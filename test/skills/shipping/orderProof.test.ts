import assert from 'node:assert/strict';
import { extractEntities } from '../../../nlu/extractEntities';
import { readOrderProof, readProofOnly, type OrderProof } from '../../../skills/shipping/orderProof';

const NOW = new Date('2026-11-26T12:00:00Z');
const read = (text: string) => readOrderProof(text, { entities: extractEntities(text, NOW) });

describe('skills: reading an order number with its ZIP code or e-mail', () => {
  const TABLE: [string, OrderProof][] = [
    ['where is PS-10042', { orderId: 'PS-10042' }],
    ["where's my package? order PS-10042, zip 97205", { orderId: 'PS-10042', zip: '97205' }],
    ['zip code 97205, order number 10042', { orderId: 'PS-10042', zip: '97205' }],
    ['10042 97205', { orderId: 'PS-10042', zip: '97205' }],
    ['97205 is my zip and the order is #10042', { orderId: 'PS-10042', zip: '97205' }],
    ['track ps10036 my email is Ben@Example.com', { orderId: 'PS-10036', email: 'Ben@Example.com' }],
    ['order PS-10040, zip 78701-2345', { orderId: 'PS-10040', zip: '78701' }],
    ['has my order shipped?', {}],
    ['my zip is 97205', { zip: '97205' }],
  ];
  for (const [text, expected] of TABLE) it(`"${text}"`, () => assert.deepEqual(read(text), expected));

  it('reads the answer to "ZIP code or e-mail?" once the order is known', () => {
    assert.deepEqual(readProofOnly('97205', 'PS-10042'), { zip: '97205' });
    assert.deepEqual(readProofOnly("it's 97205-1111", 'PS-10042'), { zip: '97205' });
    assert.deepEqual(readProofOnly('ava@example.com', 'PS-10042'), { email: 'ava@example.com' });
    assert.deepEqual(readProofOnly('10042', 'PS-10042'), {}, 'the order number again is not a ZIP code');
    assert.deepEqual(readProofOnly('no idea', 'PS-10042'), {});
  });
});
