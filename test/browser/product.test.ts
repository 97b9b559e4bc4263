import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startProduct, type ProductProcess } from '../support/productProcess';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(process.cwd(), 'artifacts', 'screenshots');

/** The customer's whole path in a real browser, against the product as `npm start` runs it. */
describe('product in Chromium: a demo customer asks where their order is', function () {
  this.timeout(240_000);
  let product: ProductProcess;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;

  before(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
    mkdirSync(SHOTS, { recursive: true });
    product = await startProduct();
    userDataDir = mkdtempSync(path.join(tmpdir(), 'paw-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
      viewport: { width: 1000, height: 860 },
    });
    page = context.pages()[0] ?? (await context.newPage());
  });

  after(async () => {
    await context?.close();
    await product?.stop();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  const transcript = () => page.locator('.webchat__basic-transcript__transcript');
  /** Rendered message paragraphs matching `re`. */
  const msg = (re: RegExp) => transcript().locator('p', { hasText: re });
  const say = async (text: string) => {
    const box = page.locator('[data-id="webchat-sendbox-input"]');
    await box.fill(text);
    await box.press('Enter');
  };

  it('picks Ava, gets her tracking answer, clicks a suggested action, and keeps the history after a reload', async () => {
    await page.goto(product.url + '/');
    await page.locator('button.customer', { hasText: 'Ava Thompson' }).click();
    await msg(/the PawSupport assistant/).waitFor({ timeout: 30_000 });

    await say('where is my order');
    await msg(/PS-10042/).first().waitFor({ timeout: 30_000 });
    assert.match(await msg(/PS-10042/).first().innerText(), /PS-10042[\s\S]*in transit[\s\S]*UPS/);
    await page.screenshot({ path: path.join(SHOTS, 'product-1-tracking.png') });

    // The tracking answer offers buttons; one of them hands the customer to a person.
    const button = page.locator('.webchat__suggested-actions button', { hasText: 'Talk to a person' });
    await button.waitFor({ timeout: 30_000 });
    await button.click();
    await msg(/connecting you with a member of our support team/).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(SHOTS, 'product-2-after-click.png') });

    await page.reload();
    await msg(/connecting you with a member of our support team/).waitFor({ timeout: 30_000 });
    const lines = (await transcript().locator('p').allInnerTexts()).join('\n');
    assert.equal(await msg(/the PawSupport assistant/).count(), 1, 'the welcome appears once after the reload');
    assert.match(lines, /where is my order[\s\S]*PS-10042[\s\S]*Talk to a person[\s\S]*support team/);
    await page.screenshot({ path: path.join(SHOTS, 'product-3-after-reload.png') });
  });
});
