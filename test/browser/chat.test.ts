import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startChatServer, type RunningChatServer } from '../bot/channels/support/chatTestServer';
import { TestBot } from '../bot/channels/support/testBot';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(process.cwd(), 'artifacts', 'screenshots');

/**
 * The real page in a real browser: the official Web Chat bundle against our Direct Line channel.
 * The bot is the channel tests' one; the lead points `bot` at the real bot later.
 */
describe('chat page in Chromium', function () {
  this.timeout(180_000);
  let srv: RunningChatServer;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const consoleErrors: string[] = [];

  before(async function () {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
    mkdirSync(SHOTS, { recursive: true });
    // A reply slower than the typing delay, so the typing indicator has something to show.
    srv = await startChatServer({ bot: new TestBot(1500) });
    userDataDir = mkdtempSync(path.join(tmpdir(), 'paw-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
      viewport: { width: 1100, height: 820 },
    });
    await context.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
  });

  after(async () => {
    await context?.close();
    await srv?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  const transcript = () => page.locator('.webchat__basic-transcript__transcript');
  /** A rendered message whose whole text is `text`. */
  const message = (text: string) => transcript().locator('p', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
  const sendBox = () => page.locator('[data-id="webchat-sendbox-input"]');
  const say = async (text: string) => {
    await sendBox().fill(text);
    await sendBox().press('Enter');
  };
  const cspViolations = () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

  it('lets a visitor pick a demo customer, chat, use suggested actions, and keeps the history across a reload', async () => {
    await page.goto(srv.url + '/');
    await page.locator('button.customer').first().waitFor();
    assert.deepEqual(await page.locator('button.customer .name').allTextContents(), ['Ada Lovelace', 'Bob <b>Builder</b> & "friends"'], 'names are text, never HTML');
    assert.equal(await page.locator('#customers b').count(), 0);
    await page.screenshot({ path: path.join(SHOTS, 'chat-1-picker.png') });

    await page.locator('button.customer', { hasText: 'Ada Lovelace' }).click();
    await message('Welcome to PawSupport, Ada Lovelace! [customer: c-1001]').waitFor();
    await page.locator('#status[data-state="online"]').waitFor();
    assert.equal(await page.locator('.webchat__upload-button').count(), 0, 'no upload button');

    await say('Where is my order?');
    await page.locator('.webchat__typing-indicator').waitFor({ timeout: 10_000 });
    await message('You said: Where is my order? [customer: c-1001]').waitFor();

    await say('<img src=x onerror=window.__xss=1> <b>bold</b> & **md**');
    await message('You said: <img src=x onerror=window.__xss=1> <b>bold</b> & md [customer: c-1001]').waitFor();
    assert.equal(await transcript().locator('img[src="x"], p b').count(), 0, 'HTML in messages stays text');
    assert.equal(await transcript().locator('p strong', { hasText: 'md' }).count(), 1, 'Markdown still renders');
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);

    await say('help');
    const action = page.locator('.webchat__suggested-actions button', { hasText: 'Track my order' });
    await action.waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'chat-2-suggested-actions.png') });
    await action.click();
    await message('You said: Track my order [customer: c-1001]').waitFor();
    const stamps = await page.locator('.webchat__activity-status').allTextContents();
    assert.ok(stamps.some((t) => /\d{1,2}:\d{2}/.test(t)), `timestamps are shown: ${JSON.stringify(stamps)}`);
    await page.screenshot({ path: path.join(SHOTS, 'chat-3-conversation.png') });

    await page.reload();
    await message('You said: Track my order [customer: c-1001]').waitFor();
    for (const t of ['Welcome to PawSupport, Ada Lovelace! [customer: c-1001]', 'You said: Where is my order? [customer: c-1001]', 'Where is my order?']) {
      assert.equal(await message(t).count(), 1, `"${t}" once after the reload`);
    }
    await page.locator('#status[data-state="online"]').waitFor();
    assert.equal(await page.locator('#who').textContent(), 'Chatting as Ada Lovelace');
    await page.screenshot({ path: path.join(SHOTS, 'chat-4-after-reload.png') });

    await say('still here after the reload');
    await message('You said: still here after the reload [customer: c-1001]').waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, 'chat-5-phone.png') });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling on a phone (${overflow}px)`);

    assert.deepEqual(await cspViolations(), [], 'the page runs under its CSP without violations');
    assert.deepEqual(consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e)), []);
  });

  it('shows the reconnect state when the stream drops, then recovers', async () => {
    const sockets: import('node:net').Socket[] = [];
    srv.server.prependListener('upgrade', (_req, s: import('node:net').Socket) => sockets.push(s));
    await page.setViewportSize({ width: 1100, height: 820 });
    await page.reload();
    await page.locator('#status[data-state="online"]').waitFor();
    for (const s of sockets) s.destroy();
    // The server cut every stream socket opened since the reload: the page says so, then reconnects.
    await page.locator('#status[data-state="reconnecting"]').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(SHOTS, 'chat-6-reconnecting.png') });
    await page.locator('#status[data-state="online"]').waitFor({ timeout: 30_000 });
    await say('after the reconnect');
    await message('You said: after the reconnect [customer: c-1001]').waitFor();
  });

  it('starts a new anonymous chat', async () => {
    await page.locator('#new-chat').click();
    await page.locator('#anonymous').click();
    await message('Welcome to PawSupport, friend! [customer: anonymous]').waitFor();
    assert.equal(await message('Where is my order?').count(), 0, 'a new conversation starts empty');
  });
});
