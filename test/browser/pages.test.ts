import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startProduct, type ProductProcess } from '../support/productProcess';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

/** What went wrong on a page: uncaught errors, console errors, CSP violations, scripts or styles that did not load. */
interface Watched {
  page: Page;
  context: BrowserContext;
  problems: string[];
  csp: () => Promise<string[]>;
}

/**
 * Every page's modules load and run in Chromium against the product as `npm start` runs it:
 * signed out and signed in, with no uncaught error, console error, CSP violation or missing
 * module; and the page kit's `api` turns a problem+json answer into a message a person reads.
 */
describe('pages in Chromium: every script loads, the kit reports server problems', function () {
  this.timeout(240_000);
  let product: ProductProcess;
  let browser: Browser;

  before(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
    product = await startProduct();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  });

  after(async () => {
    await browser?.close();
    await product?.stop();
  });

  const watch = async (): Promise<Watched> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`uncaught: ${String(e)}`));
    // A signed-out page asks /auth/me first: its 401 is expected.
    page.on('console', (m) => void (m.type() === 'error' && !/status of 401/.test(m.text()) && problems.push(`console: ${m.text()}`)));
    page.on('response', (r) => void (/\/(assets|kit)\//.test(r.url()) && r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`)));
    return { page, context, problems, csp: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp) };
  };

  const signIn = async (page: Page, username: string) => {
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(`${username}-demo-password`);
    await page.locator('#sign-in-button').click();
  };

  const SIGNED_OUT: [string, string][] = [
    ['/', 'button.customer'],
    ['/agent', '#sign-in:not([hidden]) #sign-in-form'],
    ['/trainer', '#sign-in:not([hidden]) #sign-in-form'],
    ['/admin/login', '#sign-in:not([hidden]) #sign-in-form'],
  ];
  for (const [url, ready] of SIGNED_OUT) {
    it(`${url}: the scripts run without an error (signed out)`, async () => {
      const w = await watch();
      try {
        await w.page.goto(product.url + url);
        // The element only the page's script shows: proof its modules loaded and ran.
        await w.page.locator(ready).first().waitFor({ timeout: 20_000 });
        await w.page.waitForLoadState('networkidle');
        assert.deepEqual(w.problems, []);
        assert.deepEqual(await w.csp(), []);
      } finally {
        await w.context.close();
      }
    });
  }

  const SIGNED_IN: [string, string, string][] = [
    ['/agent', 'sam', '#feed[data-state="live"]'],
    ['/trainer', 'tara', '#workspace:not([hidden]) #versions tr'],
    ['/admin/login', 'ada', 'body[data-loaded="true"]'],
  ];
  for (const [url, who, ready] of SIGNED_IN) {
    it(`${url}: the scripts run without an error (signed in as ${who})`, async () => {
      const w = await watch();
      try {
        await w.page.goto(product.url + url);
        await signIn(w.page, who);
        await w.page.locator(ready).first().waitFor({ timeout: 30_000 });
        await w.page.locator('#who-name:not(:empty)').waitFor();
        assert.deepEqual(w.problems, []);
        assert.deepEqual(await w.csp(), []);
      } finally {
        await w.context.close();
      }
    });
  }

  it("the kit's api turns a problem+json answer into a readable message and toast, with the failing fields", async () => {
    const w = await watch();
    try {
      await w.page.goto(`${product.url}/agent`);
      await signIn(w.page, 'sam');
      await w.page.locator('#console:not([hidden])').waitFor({ timeout: 30_000 });
      // The kit's own modules, as the console imports them (a string: evaluated by the page as written).
      const call = (method: string, path: string, body?: unknown) =>
        w.page.evaluate(`(async () => {
          const { api } = await import('/agent/kit/api.js');
          const { fail } = await import('/agent/kit/toast.js');
          try {
            await api(${JSON.stringify(method)}, ${JSON.stringify(path)}, ${body === undefined ? 'undefined' : JSON.stringify(body)});
            return null;
          } catch (err) {
            fail(err);
            return { name: err.name, status: err.status, message: err.message, details: err.details, toast: document.getElementById('toast').textContent };
          }
        })()`) as Promise<{ name: string; status: number; message: string; details: string[]; toast: string } | null>;

      const invalid = await call('POST', '/agent/api/conversations/no-such-chat/end', { outcome: 'bogus' });
      assert.ok(invalid, 'the call failed');
      assert.equal(invalid.name, 'ApiError');
      assert.equal(invalid.status, 422);
      assert.doesNotMatch(invalid.message, /^The server answered/, 'the message is the problem detail');
      assert.ok(invalid.details.some((d) => d.startsWith('outcome: ')), `the failing field is named: ${invalid.details.join(' | ')}`);
      assert.equal(invalid.toast, [invalid.message, ...invalid.details].join(' '));
      await w.page.locator('#toast[data-kind="error"]:not([hidden])', { hasText: invalid.message }).waitFor();

      const missing = await call('GET', '/agent/api/no-such-thing');
      assert.equal(missing?.status, 404);
      assert.equal(missing?.message, 'There is no GET /agent/api/no-such-thing here.');
      assert.equal(missing?.toast, missing?.message);

      // The CSRF token goes with every state-changing call: this one reaches the hub (404: not sam's chat).
      const unknown = await call('POST', '/agent/api/conversations/no-such-chat/end', { outcome: 'resolved' });
      assert.notEqual(unknown?.status, 403, `the CSRF token was sent: ${unknown?.message}`);
      assert.deepEqual(w.problems.filter((p) => !/status of 4(04|22)/.test(p)), []);
    } finally {
      await w.context.close();
    }
  });
});
