import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startTrainerServer, type TrainerServer } from '../training/support/trainerServer';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(process.cwd(), 'artifacts', 'screenshots');

describe('trainer page in Chromium: label what the bot missed, train, publish', function () {
  this.timeout(240_000);
  let s: TrainerServer;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const problems: string[] = [];

  before(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
    mkdirSync(SHOTS, { recursive: true });
    s = await startTrainerServer();
    userDataDir = mkdtempSync(path.join(tmpdir(), 'paw-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
      viewport: { width: 1400, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 40[19]/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
  });

  after(async () => {
    await context?.close();
    await s?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('signs in as a trainer, assigns a missed utterance to an intent, trains and publishes the new model', async () => {
    // A real customer message the bot does not understand lands in the inbox (masked).
    assert.match(await s.say('yo whats good, mail me at sam.customer@example.com'), /didn't understand/);

    await page.goto(`${s.url}/trainer`);
    await page.locator('#username').fill('tara');
    await page.locator('#password').fill('tara-demo-password');
    await page.locator('#sign-in-form button[type=submit]').click();
    const row = page.locator('#items tr', { hasText: 'yo whats good' });
    await row.waitFor({ timeout: 20_000 });
    assert.match(await row.innerText(), /mail me at \[email\]/);
    assert.doesNotMatch(await page.locator('#items').innerText(), /example\.com/);
    assert.match(await page.locator('#active').innerText(), /system \(start-up\)/);
    await page.screenshot({ path: path.join(SHOTS, 'trainer-1-inbox.png') });

    await row.locator('select.assign-intent').selectOption('greeting');
    await row.locator('button.assign').click();
    await row.waitFor({ state: 'detached', timeout: 10_000 });
    const reviewed = JSON.parse(readFileSync(path.join(s.corpusDir, 'reviewed.json'), 'utf8'));
    assert.deepEqual(reviewed.data, [{ intent: 'greeting', utterances: ['yo whats good, mail me at [email]'] }]);
    await page.locator('#f-status').selectOption('accepted');
    await page.locator('#items tr', { hasText: 'yo whats good' }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(SHOTS, 'trainer-2-labelled.png') });

    const before = s.model.version;
    await page.locator('#train').click();
    await page.locator('#job-state', { hasText: /^done/ }).waitFor({ timeout: 120_000 });
    const candidate = page.locator('#versions tr', { has: page.locator('button[data-action=publish]') });
    await candidate.first().waitFor({ timeout: 10_000 });
    const version = (await candidate.first().getAttribute('data-version'))!;
    assert.notEqual(version, before);
    await candidate.first().locator('button[data-action=publish]').click();
    await page.locator('#model-notice', { hasText: `Published ${version}` }).waitFor({ timeout: 30_000 });
    await page.locator('#active dd', { hasText: version }).first().waitFor({ timeout: 10_000 });
    assert.match(await page.locator('#active').innerText(), /by Tara|by tara/);
    const deadline = Date.now() + 10_000;
    while (s.model.version !== version && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    assert.equal(s.model.version, version, 'the server switched to the published model without a restart');
    assert.match(await s.say('yo whats good, mail me at [email]'), /Hello/);
    await page.screenshot({ path: path.join(SHOTS, 'trainer-3-published.png'), fullPage: true });
    assert.deepEqual(problems, [], 'no script errors or CSP violations');
  });
});
