import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startProduct, type ProductProcess } from '../support/productProcess';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(process.cwd(), 'artifacts', 'screenshots');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

/**
 * The customer's rating reaches the agent who handled the chat: the whole product as
 * `npm start` runs it (bot, hub, console, outcome store), with two Chromium pages.
 */
describe('customer satisfaction shown to the agent who handled the chat (Chromium, npm start)', function () {
  this.timeout(240_000);
  let product: ProductProcess;
  let browser: Browser;
  let customer: Page;
  let agent: Page;

  before(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
    mkdirSync(SHOTS, { recursive: true });
    product = await startProduct();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    customer = await (await browser.newContext({ viewport: { width: 900, height: 820 } })).newPage();
    agent = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  });

  after(async () => {
    await browser?.close();
    await product?.stop();
  });

  const bubble = (text: string | RegExp) => customer.locator('.webchat__basic-transcript__transcript .webchat__bubble__content', { hasText: text });
  const say = async (text: string) => {
    const box = customer.locator('[data-id="webchat-sendbox-input"]');
    await box.fill(text);
    await box.press('Enter');
  };

  it('asks the customer for a rating when the agent ends the chat, and shows it in that agent’s console', async () => {
    await agent.goto(`${product.url}/agent`);
    await agent.locator('#username').fill('riley');
    await agent.locator('#password').fill('riley-demo-password');
    await agent.locator('#sign-in-button').click();
    await agent.locator('#feed[data-state="live"]').waitFor({ timeout: 30_000 });
    await agent.locator('#ratings-empty:not([hidden])').waitFor();

    await customer.goto(`${product.url}/`);
    await customer.locator('button.customer', { hasText: 'Chloe Martin' }).click();
    await bubble(/PawSupport assistant/).waitFor({ timeout: 30_000 });
    await say('I want to talk to a real person');
    await agent.locator('#queue .item button.accept').click({ timeout: 30_000 });
    await bubble(/has joined the chat/).waitFor({ timeout: 30_000 });

    await agent.locator('#outcome').selectOption('resolved');
    await agent.locator('#end').click();
    await bubble(/How did our team do in this chat\?/).waitFor({ timeout: 30_000 });
    await customer.locator('.webchat__suggested-actions button', { hasText: '4 - Good' }).click();
    await bubble(/Anything you would like to tell us\?/).waitFor({ timeout: 30_000 });
    await say('Riley was quick <b>and</b> kind');
    await bubble(/Thanks for your feedback/).waitFor({ timeout: 30_000 });

    await agent.reload();
    const rating = agent.locator('#ratings li').first();
    await rating.waitFor({ timeout: 30_000 });
    assert.match((await rating.textContent()) ?? '', /★★★★☆.*Riley was quick <b>and<\/b> kind/s);
    assert.equal(await agent.locator('#ratings b').count(), 0, 'the comment is shown as text');
    assert.equal(await agent.locator('#ratings-average').textContent(), '4.0 / 5');
    await agent.screenshot({ path: path.join(SHOTS, 'agent-7-ratings.png') });
  });
});
