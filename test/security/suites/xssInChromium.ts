import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ProductProcess } from '../../support/productProcess';
import { Attack } from '../support/attackTally';
import { sharedProduct, staffOf } from '../support/securityProducts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Script a customer (or an agent) types, hoping a page runs it. Each sets `window.__xss` if it runs. */
const PAYLOADS = [
  '<img src=x onerror="window.__xss=1;alert(1)">',
  '<script>window.__xss=2;alert(2)</script>',
  '[click me](javascript:window.__xss=3)',
  '<svg onload="window.__xss=4"><circle r=1 /></svg>',
  '"><iframe src="javascript:parent.__xss=5"></iframe>',
  '![pic](x" onerror="window.__xss=6)',
  '<a href="javascript:window.__xss=7">link</a>',
  '[x](JaVaScRiPt:window.__xss=8) [y](data:text/html,<script>alert(8)</script>)',
  '<details open ontoggle="window.__xss=9">d</details>',
  '`<img src=x onerror=window.__xss=10>` **<b onmouseover=window.__xss=11>bold</b>**',
];

/** Elements or attributes that would mean customer text became markup. */
const INJECTED = 'img[src="x"], script:not([src]), svg[onload], iframe, [onerror], [onload], [ontoggle], [onmouseover], a[href^="javascript:" i], a[href^="data:" i], details[open]';

/** Registers the suite (run inside the describe block that owns its product). */
export function xssSuite(): void {
  describe('security: XSS payloads rendered in real Chromium (customer Web Chat, agent console, trainer inbox)', function () {
    this.timeout(240_000);
    let product: ProductProcess;
    let browser: Browser;
    let customer: Page;
    let agent: Page;
    let trainer: Page;
    const dialogs: string[] = [];

    before(async () => {
      if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
      product = await sharedProduct('demo');
      // launch() runs Chromium on a fresh temporary profile (user-data dir); each context is isolated.
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
      const open = async () => {
        const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
        page.on('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        return page;
      };
      customer = await open();
      agent = await open();
      trainer = await open();
    });
    after(async () => browser?.close());

    const transcript = () => customer.locator('.webchat__basic-transcript__transcript');
    const say = async (text: string) => {
      const box = customer.locator('[data-id="webchat-sendbox-input"]');
      await box.fill(text);
      await box.press('Enter');
    };
    const ran = (page: Page) => page.evaluate(() => (window as unknown as { __xss?: number }).__xss);

    it('runs no script a customer or an agent sends, in any of the pages', async () => {
      const attack = new Attack('XSS (Chromium)');
      const { sam } = await staffOf('demo');
      await agent.goto(`${product.url}/agent`);
      await agent.locator('#username').fill(sam.username);
      await agent.locator('#password').fill(sam.password);
      await agent.locator('#sign-in-button').click();
      await agent.locator('#feed[data-state="live"]').waitFor({ timeout: 30_000 });

      await customer.goto(`${product.url}/`);
      await customer.locator('button.customer', { hasText: 'Emma Schulz' }).click();
      await transcript().locator('p', { hasText: /PawSupport assistant/ }).waitFor({ timeout: 30_000 });
      // To the bot first (they end up in the transcript the agent reads), then to the agent live.
      for (const p of PAYLOADS) await say(p);
      await say('I want to talk to a real person');
      await transcript().locator('p', { hasText: /queue|support team/ }).first().waitFor({ timeout: 30_000 });
      const item = agent.locator('#queue .item', { hasText: 'Emma Schulz' });
      await item.locator('button.accept').click({ timeout: 30_000 });
      await agent.locator('#chat').waitFor();
      // One at a time, each seen by the agent (the channel takes 10 messages a second per conversation: a refused one is lost).
      for (const p of PAYLOADS) {
        await say(`live ${p}`);
        await agent.locator('#lines .line.customer', { hasText: `live ${p}` }).waitFor({ timeout: 30_000 });
      }
      await say('xss-done-customer');
      await agent.locator('#lines .line.customer', { hasText: 'xss-done-customer' }).waitFor({ timeout: 30_000 });
      // The agent's messages are shown to the customer as markdown after the agent's name.
      for (const p of PAYLOADS) {
        await agent.locator('#message').fill(p);
        await agent.locator('#message').press('Enter');
      }
      await agent.locator('#message').fill('xss-done-agent');
      await agent.locator('#message').press('Enter');
      await transcript().locator('.webchat__bubble__content', { hasText: 'xss-done-agent' }).waitFor({ timeout: 30_000 });
      await customer.waitForTimeout(500);

      for (const [name, page, root] of [
        ['customer Web Chat', customer, '.webchat__basic-transcript__transcript'],
        ['agent console', agent, '#lines'],
      ] as const) {
        const injected = await page.locator(`${root} :is(${INJECTED})`).count();
        const value = await ran(page);
        for (const p of PAYLOADS) attack.check(value === undefined && injected === 0, `${name}: ${p} → window.__xss=${value}, ${injected} injected element(s)`);
      }
      // The text itself arrived, shown as text.
      assert.ok((await agent.locator('#lines .line.customer', { hasText: '<script>window.__xss=2' }).count()) >= 1, 'the agent sees the script as text');
      // The agent ends with a label: the customer's messages join the review inbox the trainers read.
      await agent.locator('#outcome').selectOption('resolved');
      await agent.locator('#intent').selectOption('shipping.track');
      await agent.locator('#end').click();
      await agent.locator('#toast', { hasText: 'Chat ended' }).waitFor({ timeout: 30_000 });
      const { tara } = await staffOf('demo');
      await trainer.goto(`${product.url}/trainer`);
      await trainer.locator('#username').fill(tara.username);
      await trainer.locator('#password').fill(tara.password);
      await trainer.locator('#sign-in-form button[type=submit]').click();
      await trainer.locator('#items tr', { hasText: '<img src=x onerror=' }).first().waitFor({ timeout: 30_000 });
      await trainer.waitForTimeout(300);

      const inTrainer = await trainer.locator(`#items :is(${INJECTED})`).count();
      const trainerRan = await ran(trainer);
      for (const p of PAYLOADS.slice(0, 2)) attack.check(trainerRan === undefined && inTrainer === 0, `trainer review inbox: ${p} → window.__xss=${trainerRan}, ${inTrainer} injected element(s)`);
      for (const p of PAYLOADS) attack.check(dialogs.length === 0, `a dialog opened (${dialogs.join(', ')}) after ${p}`);
      attack.assertDefended();
    });
  });
}
