import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Deployment } from '../bot/handoff/support/handoffServer';
import { carrierWebhook, hoursAgo, proactiveDeployment, startProactiveInstance, type ProactiveInstance } from '../skills/proactive/support/proactiveServer';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(process.cwd(), 'artifacts', 'screenshots');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];
/** Ben's FedEx parcel (PS-10040), out for delivery. */
const BEN_FEDEX = '784392011540';

/** Proactive shipping updates in the real Web Chat page: shown at once while open, in the history on a later open. */
describe('proactive shipping updates in Chromium', function () {
  this.timeout(180_000);
  let d: Deployment;
  let srv: ProactiveInstance;
  let browser: Browser;
  const problems: string[] = [];

  before(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
    mkdirSync(SHOTS, { recursive: true });
    d = await proactiveDeployment('memory');
    srv = await startProactiveInstance(d);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  });
  after(async () => {
    await browser?.close();
    await srv?.close();
    await d?.close();
  });

  const open = async (): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: { width: 900, height: 820 } })).newPage();
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${srv.url}/`);
    return page;
  };
  const bubble = (page: Page, text: string | RegExp) => page.locator('.webchat__basic-transcript__transcript .webchat__bubble__content', { hasText: text });

  it('a signed carrier webhook appears in the open chat at once, with its buttons', async () => {
    const page = await open();
    await page.locator('button.customer', { hasText: 'Ava Thompson' }).click();
    await bubble(page, /PawSupport assistant/).waitFor();
    assert.equal((await carrierWebhook(d.sandbox.url, { status: 'delivered', description: 'Left at front door', occurredAt: hoursAgo(0.5) })).status, 200);
    await bubble(page, /PS-10042 was delivered\. The carrier.s last scan: Left at front door, Portland, OR/).waitFor({ timeout: 15_000 });
    await page.locator('.webchat__suggested-action', { hasText: /It.s not here/ }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'proactive-1-open-chat.png') });
    await page.context().close();
  });

  it('a customer who was not chatting finds the update in the history when they open the chat', async () => {
    await carrierWebhook(d.sandbox.url, { trackingNumber: BEN_FEDEX, status: 'attempt_failed', description: 'Delivery attempted; nobody available', location: 'Austin, TX', occurredAt: hoursAgo(0.2) }, 'fedex');
    for (let i = 0; !(await srv.proactive.conversations.latest('cus-ben'))?.unseen; i++) {
      if (i > 200) throw new Error('the update never reached a conversation');
      await new Promise((r) => setTimeout(r, 50));
    }
    const page = await open();
    await page.locator('button.customer', { hasText: 'Ben' }).click();
    await bubble(page, /problem with your order PS-10040: delivery attempted; nobody available/).waitFor({ timeout: 15_000 });
    await page.locator('.webchat__suggested-action', { hasText: 'Talk to a person' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'proactive-2-history.png') });
    await page.context().close();
    assert.deepEqual(problems, []);
  });
});
