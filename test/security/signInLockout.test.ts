import { startProduct, type ProductProcess } from '../support/productProcess';
import { isProblem, json, show } from './support/attackClient';
import { Attack } from './support/attackTally';
import { countBurst, signInBurst, wrongGuesses } from './support/signInBurst';

describe('security: the sign-in lockout holds under concurrent guesses', function () {
  this.timeout(180_000);
  let product: ProductProcess;
  before(async () => {
    product = await startProduct();
  });
  after(async () => product?.stop());

  it('50 concurrent wrong guesses for one account check at most 5 (401), the rest get 429 with Retry-After, and so does the right password just after', async () => {
    const attack = new Attack('sign-in lockout per account');
    countBurst(attack, await signInBurst(() => product.url, wrongGuesses('sam'), '203.0.113.10'), 5, 'concurrent guesses for sam');
    const right = await json(`${product.url}/auth/login`, 'POST', { username: 'sam', password: 'sam-demo-password' }, { 'x-forwarded-for': '203.0.113.10' });
    attack.check(isProblem(right, 429) && !('set-cookie' in right.headers), `the right password right after the burst: ${show(right)}`);
    attack.assertDefended();
  });

  it('one address: 60 concurrent attempts spread over many usernames (existing and not) check at most 20', async () => {
    const attack = new Attack('sign-in lockout per address');
    const names = ['riley', 'tara', 'ada', ...Array.from({ length: 27 }, (_, i) => `nobody-${i}`)];
    const attempts = names.flatMap((username) => [0, 1].map((k) => ({ username, password: `wrong-${k}-${username}` })));
    countBurst(attack, await signInBurst(() => product.url, attempts, '203.0.113.20'), 20, 'attempts from one address');
    // Another client address is not locked out by this one.
    const other = await json(`${product.url}/auth/login`, 'POST', { username: 'tara', password: 'tara-demo-password' }, { 'x-forwarded-for': '203.0.113.21' });
    attack.check(other.status === 200, `tara signing in from another address: ${show(other)}`);
    attack.assertDefended();
  });
});
