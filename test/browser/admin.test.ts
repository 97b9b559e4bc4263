import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { HandoffEvents } from '../../bot/handoff/handoffEvents';
import { newOutcome, type ConversationOutcome } from '../../ops/outcomes/conversationOutcome';
import { ADMIN_TOKEN, openChat, startOpsServer, type RunningOpsServer } from '../ops/support/opsTestServer';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(process.cwd(), 'artifacts', 'screenshots');
const DAY = 86_400_000;

/** Six earlier days of outcomes (deterministic), so the charts have a history to show. */
function history(today: number): ConversationOutcome[] {
  const out: ConversationOutcome[] = [];
  const intents = ['shipping.track', 'subscription.pause', 'giftcard.balance', 'rewards.balance', 'subscription.cancel', 'shipping.problem'];
  for (let d = 6; d >= 1; d--) {
    const n = 6 + ((d * 7) % 5);
    for (let i = 0; i < n; i++) {
      const start = new Date(today - d * DAY + (9 + i) * 3_600_000);
      const kind = (i + d) % 6;
      const intent = intents[(i * 3 + d) % intents.length]!;
      const o: ConversationOutcome = { ...newOutcome(`hist-${d}-${i}`, 'directline', start, 'cus-ava'), messages: 3, routed: 3, intents: [intent], firstReplyMs: 180 + ((i * 97 + d * 31) % 600), lastDecision: 'answer' };
      const at = (min: number) => new Date(start.getTime() + min * 60_000).toISOString();
      if (kind <= 2) Object.assign(o, { endedAt: at(4), endedHow: 'goodbye', csat: { askedAt: at(4), trigger: 'goodbye', ...(kind < 2 ? { rating: 4 + (kind % 2), ratedAt: at(5) } : {}) } });
      else if (kind === 3) Object.assign(o, { fallbacks: 2, lastDecision: 'fallback', endedAt: at(20), endedHow: 'abandoned' });
      else
        Object.assign(o, {
          fallbacks: kind === 5 ? 2 : 0,
          handoff: { reason: kind === 5 ? 'not_understood_twice' : intent === 'shipping.problem' ? 'shipping_problem' : 'asked_for_agent', at: at(2), intent: kind === 5 ? 'none' : intent, waitMs: 20_000 + i * 15_000, acceptedAt: at(3), agent: i % 2 ? 'sam' : 'riley', handleMs: 180_000 + i * 30_000, completedAt: at(9) },
          endedAt: at(9),
          endedHow: 'agent',
          csat: { askedAt: at(9), trigger: 'agent', rating: 2 + (i % 4), ratedAt: at(10) },
        });
      out.push(o);
    }
  }
  return out;
}

/**
 * The dashboard in Chromium after a scripted run: real conversations through the chat channel
 * today (resolved, handed off, not understood, rated with a hostile comment) on top of a week
 * of recorded history.
 */
describe('admin dashboard in Chromium', function () {
  this.timeout(180_000);
  let srv: RunningOpsServer;
  let hub: HandoffEvents;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const errors: string[] = [];
  let todayHandoff = '';

  before(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
    mkdirSync(SHOTS, { recursive: true });
    hub = new HandoffEvents();
    srv = await startOpsServer({ handoffEvents: hub, withHub: true });
    const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
    for (const o of history(today)) await srv.ops.outcomes.update(o.conversationId, () => o);

    // Today, scripted: resolved and rated with a hostile comment…
    const happy = await openChat(srv.url, srv.config);
    await happy.send('how many points do I have');
    await happy.waitFor(/3,450 points/);
    await happy.send('bye');
    await happy.waitFor(/how did we do/);
    await happy.send('5 - Excellent');
    await happy.waitFor(/Anything you would like/);
    await happy.send('<img src=x onerror="window.__xss=1"> Loved it');
    await happy.waitFor(/Thanks for your feedback/);
    // …handed off to Sam…
    const handoff = await openChat(srv.url, srv.config);
    todayHandoff = handoff.conversationId;
    await handoff.send('my subscription, I want to cancel it');
    await handoff.send('I want to talk to a real person');
    await handoff.waitFor(/support team/);
    const t = Date.now();
    hub.emit('queued', { conversationId: handoff.conversationId, customerId: 'cus-ava', reason: 'asked_for_agent', priority: 2, at: new Date(t) });
    hub.emit('accepted', { conversationId: handoff.conversationId, agent: 'sam', waitMs: 42_000, at: new Date(t + 42_000) });
    hub.emit('completed', { conversationId: handoff.conversationId, agent: 'sam', handleMs: 240_000, outcome: 'resolved', customerUtterances: [], at: new Date(t + 282_000) });
    // …and not understood, then gone.
    const lost = await openChat(srv.url, srv.config);
    await lost.send('blorp zizzle frumple');
    await lost.waitFor(/didn't understand/);
    await srv.ops.recorder.idle();

    userDataDir = mkdtempSync(path.join(tmpdir(), 'paw-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
      viewport: { width: 1280, height: 900 },
    });
    await context.addInitScript(() => {
      const w = window as unknown as { __csp: string[]; __pawRefreshMs: number };
      // The tiles refresh every second here (30 s in the product).
      w.__pawRefreshMs = 1000;
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    page.on('pageerror', (e) => errors.push(String(e)));
  });

  after(async () => {
    await context?.close();
    await srv?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  const signIn = async (username: string) => {
    await page.goto(`${srv.url}/admin`);
    await page.waitForURL(/\/admin\/login$/);
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(`${username}-demo-password`);
    await page.locator('#sign-in-form button[type=submit]').click();
  };

  it('refuses a signed-in agent', async () => {
    await signIn('sam');
    await page.locator('#sign-in-error', { hasText: 'does not have the admin role' }).waitFor();
    assert.equal(await page.locator('#dashboard').isVisible(), false);
    await context.clearCookies();
  });

  it('shows the KPIs of the period with charts, tables and comments as text', async () => {
    await signIn('ada');
    await page.waitForURL(/\/admin(\?|$)/);
    await page.locator('body[data-loaded="true"]').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, 'admin-1-dashboard.png'), fullPage: true });

    // The tiles say what the API says.
    const api = (await (await fetch(`${srv.url}/admin/api/kpis?from=${await page.inputValue('#from')}&to=${await page.inputValue('#to')}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as {
      total: { conversations: number; containmentRate: number; csat: { average: number } };
      topHandoffIntents: { intent: string }[];
      byDay: unknown[];
    };
    assert.equal(api.byDay.length, 7);
    assert.equal(await page.locator('[data-kpi="conversations"] .value').textContent(), String(api.total.conversations));
    assert.equal(await page.locator('[data-kpi="containment"] .value').textContent(), `${(Math.round(api.total.containmentRate * 1000) / 10).toFixed(1)} %`);
    assert.equal(await page.locator('[data-kpi="csat"] .value').textContent(), `${api.total.csat.average.toFixed(2)} / 5`);
    // Four charts drawn.
    for (const id of ['chart-daily', 'chart-rates', 'chart-reasons', 'chart-csat']) {
      const drawn = await page.evaluate((i) => {
        const c = document.getElementById(i) as HTMLCanvasElement;
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let ink = 0;
        for (let k = 3; k < d.length; k += 4) if (d[k]! > 0) ink++;
        return ink;
      }, id);
      assert.ok(drawn > 500, `${id} has a chart (${drawn} px)`);
    }
    // Top intents ending in handoff, with today's subscription.cancel among them.
    const topics = await page.locator('#table-handoff-intents tbody td:first-child').allTextContents();
    assert.deepEqual(topics, api.topHandoffIntents.slice(0, 10).map((t) => (t.intent === 'none' ? 'none (not understood)' : t.intent)));
    assert.ok(topics.includes('subscription.cancel'));
    assert.ok((await page.locator('#table-agents tbody tr').count()) >= 2);
    assert.ok((await page.locator('#table-intents tbody tr').count()) >= 6);
    // The hostile comment is text.
    await page.locator('#table-comments td.comment', { hasText: '<img src=x onerror="window.__xss=1"> Loved it' }).waitFor();
    assert.equal(await page.locator('#table-comments img').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
  });

  it('changes the period and a log level from the page', async () => {
    await page.locator('.chip[data-days="1"]').click();
    await page.locator('[data-kpi="conversations"] .value', { hasText: /^3$/ }).waitFor();
    await page.locator('.chip[data-days="7"]').click();
    await page.locator('[data-kpi="conversations"] .value', { hasText: /^(?!3$)\d+$/ }).waitFor();

    // The module is picked from the modules that exist.
    const modules = await page.locator('#level-module option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    assert.ok(modules.includes('skills.shipping') && modules.includes('handoff') && modules.includes('*'), modules.join(' '));
    await page.locator('#level-module').selectOption('skills.shipping');
    await page.locator('#level-level').selectOption('debug');
    await page.locator('#level-minutes').fill('5');
    await page.locator('#level-form button[type=submit]').click();
    await page.locator('#table-levels tr', { hasText: 'skills.shipping' }).locator('td', { hasText: 'debug' }).first().waitFor();
    await page.locator('#table-levels tr', { hasText: 'skills.shipping' }).locator('td', { hasText: /until .*min left|under a minute/ }).waitFor();
    assert.equal(srv.ops.log('skills.shipping').level, 'debug');
    await page.locator('#table-levels').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'admin-2-log-levels.png') });

  });

  it('every rate has its definition beside it, and the four results add up to the conversations', async () => {
    await page.locator('.chip[data-days="7"]').click();
    await page.locator('body[data-loaded="true"]').waitFor();
    const count = async (key: string) => Number((await page.locator(`[data-kpi="${key}"] .sub`).textContent())!.split(' ')[0]);
    const total = Number(await page.locator('[data-kpi="conversations"] .value').textContent());
    assert.equal((await count('containment')) + (await count('handoff')) + (await count('abandoned')) + (await count('open')), total);
    for (const key of ['containment', 'handoff', 'abandoned', 'open', 'fallback', 'csat']) {
      assert.match((await page.locator(`[data-kpi="${key}"] .def`).textContent())!, /÷|Mean rating/, `${key} says how it is computed`);
    }
    assert.match(await page.locator('[data-kpi="containment"] .sub').textContent() ?? '', new RegExp(` of ${total} conversations$`));
  });

  it('drills down from a tile, an intent row and an agent row to the conversations, then opens one', async () => {
    const handoffs = Number((await page.locator('[data-kpi="handoff"] .sub').textContent())!.split(' ')[0]);
    await page.locator('[data-kpi="handoff"]').click();
    await page.locator('#browser[data-total]').waitFor();
    await page.locator(`#browser[data-total="${handoffs}"]`).waitFor();
    assert.equal(await page.locator('#f-outcome').inputValue(), 'handoff');
    assert.match(await page.locator('#browser-csv').getAttribute('href') ?? '', /^\/admin\/api\/conversations\.csv\?from=.*&outcome=handoff$/);
    assert.equal(await page.locator('#table-conversations tbody tr').count(), Math.min(handoffs, 25));

    // An intent row: as many conversations as the row says.
    const row = page.locator('#table-intents tbody tr', { hasText: 'subscription.cancel' });
    const n = Number(await row.locator('td').nth(1).textContent());
    await row.click();
    await page.locator(`#browser[data-total="${n}"]`).waitFor();
    assert.equal(await page.locator('#f-intent').inputValue(), 'subscription.cancel');
    assert.equal(await page.locator('#f-outcome').inputValue(), '');
    // An agent row.
    const sam = page.locator('#table-agents tbody tr', { hasText: 'sam' });
    const chats = Number(await sam.locator('td').nth(1).textContent());
    await sam.click();
    await page.locator(`#browser[data-total="${chats}"]`).waitFor();
    assert.equal(await page.locator('#f-agent').inputValue(), 'sam');

    // Today's handed-off conversation: its routing trail and masked transcript.
    await page.locator('#f-agent').fill('');
    await page.locator('#f-intent').fill('subscription.cancel');
    await page.locator('#f-outcome').selectOption('handoff');
    await page.locator('#browser-form button[type=submit]').click();
    await page.locator(`#table-conversations tbody tr[data-conversation-id="${todayHandoff}"]`).click();
    await page.locator('#conversation:not([hidden])').waitFor();
    await page.locator('#table-trail tbody tr', { hasText: 'subscription.cancel' }).first().waitFor();
    await page.locator('#table-trail tbody td', { hasText: /handoff \(asked_for_agent\)/ }).waitFor();
    await page.locator('#transcript .line.customer', { hasText: 'talk to a real person' }).waitFor();
    assert.ok((await page.locator('#transcript .line.bot').count()) >= 1);
    await page.screenshot({ path: path.join(SHOTS, 'admin-4-conversation.png'), fullPage: true });

    // CSV links carry the period and the same session.
    const csvHref = await page.locator('a.csv[data-table="intents"]').getAttribute('href');
    const csv = await page.evaluate(async (href) => (await fetch(href!)).text(), csvHref);
    assert.match(csv, /^intent,conversations,contained,containment_rate,/);
    assert.match(csv, /\r\nsubscription\.cancel,/);
  });

  it('the live panel follows the queue and the agents by itself; the tiles refresh on an interval', async () => {
    await page.locator('#live[data-state="live"]').waitFor();
    // Today's handoff is still waiting in the real hub; nobody is online.
    await page.locator('#live-queue', { hasText: /^1$/ }).waitFor();
    await page.locator('#live-online', { hasText: /^0$/ }).waitFor();
    // A reload would drop this mark.
    await page.evaluate(() => void ((window as unknown as { __mark: number }).__mark = 1));

    const sam = await srv.signIn('sam');
    const post = (p: string, body: unknown) => fetch(srv.url + p, { method: 'POST', headers: { cookie: sam.cookie, 'x-csrf-token': sam.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal((await post('/agent/api/presence', { status: 'online' })).status, 200);
    await page.locator('#live-online', { hasText: /^1$/ }).waitFor();
    assert.equal((await post(`/agent/api/conversations/${encodeURIComponent(todayHandoff)}/accept`, {})).status, 200);
    await page.locator('#live-queue', { hasText: /^0$/ }).waitFor();
    await page.locator('#table-live-agents tbody tr', { hasText: 'Sam' }).locator('td.num', { hasText: /^1$/ }).waitFor();
    await page.locator('#live-wait', { hasText: '–' }).waitFor();
    // A new customer asks for a person: the queue grows, without a reload.
    const waiting = await openChat(srv.url, srv.config);
    await waiting.send('I want to talk to a real person');
    await page.locator('#live-queue', { hasText: /^1$/ }).waitFor();
    await page.locator('#table-live-agents').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'admin-5-live.png') });

    // The tiles: a conversation recorded now shows up at the next refresh.
    const before = Number(await page.locator('[data-kpi="conversations"] .value').textContent());
    await srv.ops.recorder.idle();
    await page.locator('[data-kpi="conversations"] .value', { hasText: new RegExp(`^${before + 1}$`) }).waitFor({ timeout: 10_000 });
    assert.equal(await page.evaluate(() => (window as unknown as { __mark?: number }).__mark), 1, 'no page reload');
  });

  it('fits a phone, with no CSP violations or errors', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, 'admin-3-phone.png') });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling on a phone (${overflow}px)`);

    assert.deepEqual(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), [], 'no CSP violations');
    // The sign-in page asks /auth/me first: its 401 (and the agent's refused login) are expected.
    assert.deepEqual(errors.filter((e) => !/status of 401/.test(e)), []);
  });
});
