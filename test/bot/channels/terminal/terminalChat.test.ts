import assert from 'node:assert/strict';
import path from 'node:path';
import { startProduct, type ProductProcess } from '../../../support/productProcess';
import { Pty } from './pty';

const ROOT = path.join(__dirname, '../../../..');
const WIDTH = 60;

const flat = (s: string) => s.replace(/\s+/g, ' ');

/**
 * Types a line and waits until what follows it on the screen matches `expect` (rows joined,
 * whitespace collapsed, so wrapping does not matter). @returns that text, flattened.
 */
async function say(pty: Pty, line: string, expect: RegExp): Promise<string> {
  const seen = await pty.count(new RegExp(`you> ${escape(line)}`));
  await pty.type(line);
  const end = Date.now() + 30_000;
  for (;;) {
    const screen = flat((await pty.screen()).join('\n'));
    const parts = screen.split(`you> ${line}`);
    if (parts.length > seen + 1) {
      const after = `you> ${line}${parts.slice(seen + 1).join(`you> ${line}`)}`;
      if (expect.test(after)) return after;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${expect} after "${line}"; the screen:\n${(await pty.screen()).join('\n')}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every row fits the terminal, and no word was cut: each word of `sentence` is whole on some row. */
function assertWrapped(screen: string, sentence: string): void {
  const rows = screen.split('\n');
  for (const r of rows) assert.ok(r.length <= WIDTH, `row wider than ${WIDTH}: ${JSON.stringify(r)}`);
  for (const word of sentence.split(/\s+/)) assert.ok(rows.some((r) => r.split(/\s+/).includes(word)), `"${word}" is cut across rows:\n${screen}`);
}

/**
 * `npm run chat` in a real pseudo-terminal (tmux), as a person uses it: the bot of its own, and a
 * running server through Direct Line (`--server`), where the account change is then checked in
 * the server's sandbox.
 */
describe('terminal chat in a pseudo-terminal', function () {
  this.timeout(240_000);

  describe('its own bot', () => {
    let pty: Pty;
    before(async () => {
      pty = await Pty.start('npm run --silent chat -- --customer cus-ava --debug', { cwd: ROOT, width: WIDTH, env: { NODE_ENV: 'development', MODEL_DIR: 'models/test', NO_COLOR: '1' } });
      await pty.waitFor(/you>\s*$/, 120_000);
    });
    after(() => pty?.close());

    it('wraps at word boundaries and numbers the buttons of the greeting', async () => {
      const screen = (await pty.screen()).join('\n');
      assert.match(screen, /\[3\] Gift card balance/);
      assertWrapped(screen, "Hi Ava! I'm the PawSupport assistant. I can track orders, manage your autoship subscriptions, check gift cards and reward points, or get you a person.");
      assert.ok(!/\[3\] Gift\n/.test(screen), 'a button is never split');
    });

    it('--debug prints intent, score and decision; a number picks a button of the last message only', async () => {
      const asked = await say(pty, 'pause my autoship', /Which subscription[\s\S]*you> ?$/);
      assert.match(asked, /\[debug\] intent subscription\.pause score \d\.\d{3} → answer subscription\.pause/);
      const picked = await say(pty, '1', /For how long[\s\S]*you> ?$/);
      assert.match(picked, /\[debug\] not classified/);
      // "3" answers "For how long?", which has no buttons: it is not the greeting's "[3] Gift card balance".
      const three = await say(pty, '3', /you> ?$/);
      assert.doesNotMatch(three, /gift card/i);
      assert.doesNotMatch(three, /intent giftcard/);
      assert.match(three, /\[debug\] not classified/);
    });

    it('a handoff prints as a readable line', async () => {
      await say(pty, 'cancel', /you> ?$/);
      const handoff = await say(pty, 'I want to talk to a real person', /Handing this conversation to a person \(you asked for a person\)\.[\s\S]*you> ?$/);
      assert.match(handoff, /\[debug\] intent agent\.request score \d\.\d{3} → handoff \(asked_for_agent\)/);
      assert.doesNotMatch(handoff, /\[event handoff/);
    });
  });

  describe('--server: a running server through Direct Line', () => {
    let product: ProductProcess;
    let pty: Pty;
    before(async () => {
      product = await startProduct({ NODE_ENV: 'development', ADMIN_TOKEN: '', CHAT_API_SECRET: '' });
      pty = await Pty.start(`npm run --silent chat -- --server ${product.url} --customer cus-ben --debug`, { cwd: ROOT, width: WIDTH, env: { NODE_ENV: 'development', NO_COLOR: '1', ADMIN_TOKEN: '', CHAT_API_SECRET: '' } });
      await pty.waitFor(/Connected to[\s\S]*you>\s*$/, 60_000);
    });
    after(async () => {
      pty?.close();
      await product?.stop();
    });

    it("talks to the server's bot, with the server's routing in --debug, and the change lands in the server's sandbox", async () => {
      const subscriptions = async () => {
        const res = await fetch(`${product.sandboxUrl}/v1/customers/cus-ben/subscriptions`, { headers: { authorization: 'Bearer sandbox-demo-token-change-me' } });
        assert.equal(res.status, 200);
        return JSON.stringify(await res.json());
      };
      const before = await subscriptions();
      const asked = await say(pty, 'pause my cat litter autoship for 3 weeks', /\[1\] Yes \[2\] No[\s\S]*you> ?$/);
      assert.match(asked, /Pause .* until /);
      assert.match(flat(await pty.waitFor(/\[debug\] intent subscription\.pause/)), /\[debug\] intent subscription\.pause score \d\.\d{3} → answer subscription\.pause/);
      assert.equal(await subscriptions(), before, 'nothing changes before the yes');
      // "1" is this message's [1] Yes.
      const done = await say(pty, '1', /paused/i);
      assert.doesNotMatch(done, /Where is my order/);
      const after = JSON.parse(await subscriptions()) as { subscriptions?: { status: string }[] } | { status: string }[];
      const list = Array.isArray(after) ? after : (after.subscriptions ?? []);
      assert.ok(list.some((s) => s.status === 'paused'), `a subscription of cus-ben is paused on the server: ${JSON.stringify(after)}`);

      // A handoff on the server: its hub queues the chat, an agent takes it and writes.
      await say(pty, 'I want to talk to a real person', /PawSupport> [\s\S]*support team/i);
      await pty.waitFor(/handoff\s+\(asked_for_agent\)/);
      const conversationId = /\(conversation (\S+)\)/.exec(flat((await pty.screen()).join('\n')))![1]!;
      const login = await fetch(`${product.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'sam', password: 'sam-demo-password' }) });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
      const post = (p: string, body: unknown) => fetch(product.url + p, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal((await post('/agent/api/presence', { status: 'online' })).status, 200);
      assert.equal((await post(`/agent/api/conversations/${encodeURIComponent(conversationId)}/accept`, {})).status, 200);
      assert.equal((await post(`/agent/api/conversations/${encodeURIComponent(conversationId)}/messages`, { text: 'Hi Ben, Sam here.' })).status, 201);
      const screen = flat(await pty.waitFor(/Sam here/));
      assert.match(screen, /─ Sam \(Support\) joined: you are talking to a person now\. Sam \(Support\)> .*Sam here/);
    });
  });
});
