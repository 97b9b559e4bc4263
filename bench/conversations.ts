// Scripted-conversation benchmark: every conversation in test/conversations/ is played, as a
// customer would type it, through the real channel (official Direct Line client over WebSocket)
// against the product started as `npm start` runs it, then judged by the sandbox state before
// and after (every account, every gift card) and by what the bot said.
//
//   npm run bench:conversations -- [--only <id>[,<id>…]] [--dir <folder>] [--json] [--quiet-ms 700] [--max-ms 20000]
//
// --dir plays another set in the same format (e.g. a fresh held-out set) instead of test/conversations/.
//
// --json prints {summary, results (with transcripts)} on stdout and the report on stderr.
//
// Fresh state: the sandbox has no reset, so the product (and its in-memory sandbox) is restarted
// after every conversation that left any account different from the seed. Most conversations
// change nothing and share one product; a spare product is started in the background while one
// runs, so a restart costs no waiting. Figures are printed, never asserted.
import { parseArgs } from 'node:util';
import { loadConfig } from '../bin/config';
import { isoDay } from '../platform/dates';
import { systemClock } from '../sandbox/clock';
import { demoGiftCards } from '../sandbox/giftCards/giftCardSeed';
import { startProduct, type ProductProcess } from '../test/support/productProcess';
import { judgeConversation, type TurnTranscript, type Verdict } from './conversations/judgeConversation';
import { diffStates, readSandboxState, type SandboxState } from './conversations/sandboxState';
import { loadConversationSet, type LoadedConversation } from './conversations/scriptedConversation';
import { talkToBot } from './conversations/talkToBot';

interface Result {
  id: string;
  file: string;
  customer: string | null;
  twists: string[];
  turns: number;
  pass: boolean;
  reasons: string[];
  wrongChanges: string[];
  unwantedHandoff: boolean;
  handoff: boolean;
  transcript: TurnTranscript[];
  ms: number;
}

const { values } = parseArgs({
  options: {
    only: { type: 'string', multiple: true },
    dir: { type: 'string' },
    json: { type: 'boolean', default: false },
    'quiet-ms': { type: 'string', default: '700' },
    'max-ms': { type: 'string', default: '20000' },
  },
});
const settle = { quietMs: Number(values['quiet-ms']), maxMs: Number(values['max-ms']) };
const log = (line: string) => (values.json ? process.stderr : process.stdout).write(`${line}\n`);

/**
 * `npm start`'s product, with room for a benchmark's many conversations from one address, and a
 * short shutdown grace (a finished conversation has nothing in flight).
 */
const startBenchProduct = () =>
  startProduct({ NODE_ENV: 'development', MODEL_DIR: 'models/current', LOG_LEVEL: 'info', DIRECTLINE_CONVERSATIONS_PER_MINUTE: '100000', SHUTDOWN_GRACE_MS: '1000' });

/**
 * The conversations to play, those expected to change an account alternating with those that
 * change nothing, so the spare product has had time to start when a restart is due.
 */
function playOrder(all: LoadedConversation[]): LoadedConversation[] {
  const changing = all.filter((c) => c.expect.changes.length > 0);
  const still = all.filter((c) => c.expect.changes.length === 0);
  const out: LoadedConversation[] = [];
  while (changing.length || still.length) {
    if (changing.length) out.push(changing.shift()!);
    if (still.length) out.push(still.shift()!);
  }
  return out;
}

function selected(all: LoadedConversation[]): LoadedConversation[] {
  if (!values.only?.length) return playOrder(all);
  const ids = new Set(values.only.flatMap((o) => o.split(',')).map((s) => s.trim()));
  const unknown = [...ids].filter((id) => !all.some((c) => c.id === id));
  if (unknown.length) throw new Error(`no such conversation: ${unknown.join(', ')}`);
  return playOrder(all.filter((c) => ids.has(c.id)));
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)} %` : '–');

async function main(): Promise<void> {
  const conversations = selected(loadConversationSet(values.dir ?? undefined));
  const cards = demoGiftCards(systemClock).map(({ number, pin }) => ({ number, pin }));
  // The product is started with this environment, so it uses the same sandbox token.
  const token = loadConfig().SANDBOX_TOKEN;
  const t0 = performance.now();
  log(`conversation bench: ${conversations.length} conversations; starting the product…`);

  let product: ProductProcess = await startBenchProduct();
  let spare: Promise<ProductProcess> | undefined;
  let seed: SandboxState = await readSandboxState(product.sandboxUrl, token, cards);
  let restarts = 0;
  /** Continues on the spare product (its sandbox untouched since it seeded) and starts the next spare. */
  const restart = async () => {
    const old = product;
    product = await (spare ?? startBenchProduct());
    spare = startBenchProduct();
    void old.stop();
    seed = await readSandboxState(product.sandboxUrl, token, cards);
    restarts++;
  };
  if (conversations.length > 1) spare = startBenchProduct();
  const results: Result[] = [];
  try {
    for (const c of conversations) {
      const started = performance.now();
      let before = await readSandboxState(product.sandboxUrl, token, cards);
      if (diffStates(seed, before).length) {
        // A late write of the previous conversation: never judge on a used sandbox.
        log(`  (the sandbox changed after the previous conversation ended; restarting before ${c.id})`);
        await restart();
        before = seed;
      }
      const talk = await talkToBot(product.url, c.customer, c.turns, settle);
      const after = await readSandboxState(product.sandboxUrl, token, cards);
      const verdict: Verdict = judgeConversation(c, { before, after, turns: talk.turns, handoff: talk.handoff, error: talk.error, today: isoDay(new Date()) });
      const r: Result = {
        id: c.id,
        file: c.file,
        customer: c.customer,
        twists: c.twists,
        turns: c.turns.length,
        ...verdict,
        handoff: talk.handoff,
        transcript: talk.turns,
        ms: Math.round(performance.now() - started),
      };
      results.push(r);
      log(`${r.pass ? 'PASS' : 'FAIL'}  ${c.id}${c.twists.length ? ` [${c.twists.join(', ')}]` : ''}${r.pass ? '' : `: ${r.reasons.join('; ')}`}`);
      if (diffStates(seed, after).length && c !== conversations.at(-1)) await restart();
    }
  } finally {
    await product.stop();
    if (spare) await (await spare).stop();
  }

  const plain = results.filter((r) => r.twists.length === 0);
  const twisted = results.filter((r) => r.twists.length > 0);
  const passed = results.filter((r) => r.pass);
  const wrong = results.filter((r) => r.wrongChanges.length);
  const summary = {
    conversations: results.length,
    passed: passed.length,
    successRate: results.length ? passed.length / results.length : null,
    plain: { conversations: plain.length, passed: plain.filter((r) => r.pass).length },
    twist: { conversations: twisted.length, passed: twisted.filter((r) => r.pass).length },
    turnsPerSuccess: passed.length ? passed.reduce((n, r) => n + r.turns, 0) / passed.length : null,
    unwantedHandoffs: results.filter((r) => r.unwantedHandoff).length,
    /** Conversations that changed any account in a way their expected outcome did not call for. */
    accountsChangedWrongly: wrong.length,
    restarts,
    seconds: Math.round((performance.now() - t0) / 100) / 10,
  };
  // With --json the JSON goes to stdout and this report to stderr.
  if (values.json) process.stdout.write(`${JSON.stringify({ summary, results }, null, 2)}\n`);
  log('');
  log(`success rate:            ${pct(passed.length, results.length)} (${passed.length}/${results.length})`);
  log(`  plain:                 ${pct(summary.plain.passed, plain.length)} (${summary.plain.passed}/${plain.length})`);
  log(`  with a twist:          ${pct(summary.twist.passed, twisted.length)} (${summary.twist.passed}/${twisted.length})`);
  for (const file of [...new Set(results.map((r) => r.file))]) {
    const mine = results.filter((r) => r.file === file);
    const ok = mine.filter((r) => r.pass).length;
    log(`  ${file.replace(/\.json$/, '').padEnd(22)} ${pct(ok, mine.length)} (${ok}/${mine.length})`);
  }
  log(`turns per success:       ${summary.turnsPerSuccess?.toFixed(2) ?? '–'}`);
  const unwanted = results.filter((r) => r.unwantedHandoff);
  log(`unwanted handoffs:       ${unwanted.length}${unwanted.length ? ` (${unwanted.map((r) => r.id).join(', ')})` : ''}`);
  log(`accounts changed wrongly: ${wrong.length}${wrong.length ? ` (${wrong.map((r) => r.id).join(', ')})` : ''}`);
  for (const r of wrong) for (const w of r.wrongChanges) log(`  ${r.id}: ${w}`);
  log(`(${summary.seconds} s, ${restarts} product restarts for a fresh sandbox)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
