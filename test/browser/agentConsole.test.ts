import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { deployment, startHandoffServer, type Deployment, type HandoffServer } from '../bot/handoff/support/handoffServer';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(process.cwd(), 'artifacts', 'screenshots');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

/**
 * Human handoff in two real Chromium pages: a customer in the Web Chat page and an agent in
 * the console, against the whole server (real bot, hub, console) as `npm start` wires it.
 */
describe('agent console and customer Web Chat in Chromium', function () {
  this.timeout(180_000);
  let d: Deployment;
  let srv: HandoffServer;
  let browser: Browser;
  let customer: Page;
  let agent: Page;
  const problems: string[] = [];
  const dialogs: string[] = [];

  before(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
    mkdirSync(SHOTS, { recursive: true });
    d = await deployment('memory');
    srv = await startHandoffServer(d);
    // launch() runs Chromium on a fresh temporary profile; each context is isolated from the other.
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    const watch = async (viewport: { width: number; height: number }) => {
      const context = await browser.newContext({ viewport });
      await context.addInitScript(() => {
        const w = window as unknown as { __csp: string[] };
        w.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      const page = await context.newPage();
      page.on('pageerror', (e) => problems.push(`${viewport.width}: ${String(e)}`));
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      return page;
    };
    customer = await watch({ width: 900, height: 820 });
    agent = await watch({ width: 1440, height: 900 });
  });

  after(async () => {
    await browser?.close();
    await srv?.close();
    await d?.close();
  });

  // ── customer page helpers (official Web Chat) ──
  const transcript = () => customer.locator('.webchat__basic-transcript__transcript');
  const bubble = (text: string | RegExp) => transcript().locator('.webchat__bubble__content', { hasText: text });
  const sendBox = () => customer.locator('[data-id="webchat-sendbox-input"]');
  const say = async (text: string) => {
    await sendBox().fill(text);
    await sendBox().press('Enter');
  };
  const cspViolations = (p: Page) => p.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

  it('signs the agent in, queues the customer with their position, and shows the conversation live', async () => {
    await agent.goto(`${srv.url}/agent`);
    await agent.locator('#sign-in-form').waitFor();
    await agent.locator('#username').fill('sam');
    await agent.locator('#password').fill('wrong password');
    await agent.locator('#sign-in-button').click();
    await agent.locator('#sign-in-error', { hasText: 'Wrong username or password' }).waitFor();
    await agent.screenshot({ path: path.join(SHOTS, 'agent-0-sign-in.png') });
    await agent.locator('#password').fill('sam-demo-password');
    await agent.locator('#sign-in-button').click();
    await agent.locator('#console').waitFor();
    await agent.locator('#feed[data-state="live"]').waitFor();
    assert.equal(await agent.locator('#who-name').textContent(), 'Sam (Support)');
    await agent.locator('#online', { hasText: '1 agent online' }).waitFor();
    await agent.screenshot({ path: path.join(SHOTS, 'agent-1-signed-in.png') });

    await customer.goto(`${srv.url}/`);
    await customer.locator('button.customer', { hasText: 'Ava Thompson' }).click();
    await bubble(/PawSupport assistant/).waitFor();
    await say('I want to talk to a real person');
    await bubble(/You.re next in the queue/).waitFor();

    const item = agent.locator('#queue .item');
    await item.waitFor();
    assert.match((await item.textContent()) ?? '', /Ava Thompson.*Asked for a person.*real person.*waiting 0:0\d/s);
    await agent.screenshot({ path: path.join(SHOTS, 'agent-2-queue.png') });
  });

  it('accepts: the transcript and the packet side by side, typing and messages both ways with the agent\'s name', async () => {
    await say('my order PS-10042 has not arrived');
    await bubble(/added that for the agent/).waitFor();
    await agent.locator('#queue .item button.accept').click();
    await agent.locator('#chat').waitFor();
    await customer.locator('.webchat__bubble__content', { hasText: 'Sam (Support) has joined the chat.' }).waitFor();
    assert.equal(await agent.locator('#chat-customer').textContent(), 'Ava Thompson');
    await agent.locator('#lines .line.before.customer', { hasText: 'I want to talk to a real person' }).waitFor();
    await agent.locator('#lines .line.customer:not(.before)', { hasText: 'my order PS-10042 has not arrived' }).waitFor();
    await agent.locator('#trail tr', { hasText: 'agent.request' }).waitFor();
    await agent.locator('#facts dd', { hasText: 'cus-ava' }).waitFor();
    assert.equal(await agent.locator('#load').textContent(), '1 / 3 chats');

    // The customer types (without sending): the agent sees it.
    await sendBox().pressSequentially('one more thing', { delay: 30 });
    await agent.locator('#customer-typing:not([hidden])').waitFor({ timeout: 10_000 });
    await sendBox().press('Enter');
    await agent.locator('#lines .line.customer', { hasText: 'one more thing' }).waitFor();

    // The agent types: the customer sees the typing indicator, then the message with the agent's name.
    await agent.locator('#message').pressSequentially('Hello Ava, I can see order PS-10042', { delay: 20 });
    await customer.locator('.webchat__typing-indicator').waitFor({ timeout: 10_000 });
    await agent.locator('#message').press('Enter');
    const fromSam = bubble('Hello Ava, I can see order PS-10042');
    await fromSam.waitFor();
    assert.equal((await fromSam.innerText()).trim(), 'Sam (Support): Hello Ava, I can see order PS-10042');
    assert.equal(await fromSam.locator('strong', { hasText: 'Sam (Support):' }).count(), 1);
    await agent.locator('#lines .line.agent', { hasText: 'Hello Ava' }).waitFor();

    // Canned response, edited and sent.
    await agent.locator('#canned').selectOption({ label: 'Anything else?' });
    assert.equal(await agent.locator('#message').inputValue(), 'Is there anything else I can help you with today?');
    await agent.locator('#send').click();
    await bubble('Is there anything else I can help you with today?').waitFor();
  });

  it('shows everything the customer typed as text, never as markup', async () => {
    const payloads = ['<img src=x onerror=alert(1)>', '<script>alert(2);window.__xss=1</script>', '"><svg onload=alert(3)>'];
    for (const p of payloads) {
      await say(p);
      await agent.locator('#lines .line.customer', { hasText: p }).waitFor();
    }
    const lines = agent.locator('#lines');
    assert.equal(await lines.locator('img, script, svg').count(), 0, 'no element was created from customer text');
    for (const p of payloads) assert.equal(await lines.locator('.line.customer', { hasText: p }).count(), 1);
    await agent.waitForTimeout(300);
    assert.deepEqual(dialogs, [], 'no script ran');
    assert.equal(await agent.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);

    await agent.locator('#note').fill('Refund approved <b>by lead</b>');
    await agent.locator('#note-form button').click();
    await agent.locator('#notes li', { hasText: 'Refund approved <b>by lead</b>' }).waitFor();
    assert.equal(await agent.locator('#notes b').count(), 0);
    await agent.screenshot({ path: path.join(SHOTS, 'agent-3-chat.png') });
    await customer.screenshot({ path: path.join(SHOTS, 'agent-4-customer-with-agent.png') });
  });

  it('ends the chat with an outcome and a label; the bot greets the customer back and answers', async () => {
    await agent.locator('#outcome').selectOption('resolved');
    await agent.locator('#intent').selectOption('shipping.track');
    await agent.locator('#end').click();
    await agent.locator('#toast', { hasText: 'Chat ended' }).waitFor();
    await agent.locator('#placeholder').waitFor();
    await bubble(/The agent has left the chat, and I.m back/).waitFor();
    assert.equal(await bubble(/Refund approved/).count(), 0, 'the internal note never reached the customer');
    const completed = srv.events.find((e) => e.name === 'completed')!.payload;
    assert.equal(completed.labelledIntent, 'shipping.track');
    assert.equal(completed.outcome, 'resolved');

    await say('how many points do I have');
    await bubble(/3,450 points/).waitFor();
    await customer.screenshot({ path: path.join(SHOTS, 'agent-5-customer-back-with-bot.png') });
    await agent.screenshot({ path: path.join(SHOTS, 'agent-6-after-end.png') });

    assert.deepEqual(await cspViolations(agent), [], 'the console runs under its CSP without violations');
    assert.deepEqual(problems, []);
  });
});
