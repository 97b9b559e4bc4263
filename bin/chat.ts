import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { MemoryStorage } from 'botbuilder';
import { openServerSession } from '../bot/channels/terminal/directLineSession';
import { TerminalAdapter } from '../bot/channels/terminal/terminalAdapter';
import { TerminalView, type DebugStep } from '../bot/channels/terminal/terminalView';
import { describeDecision } from '../bot/routing/describeDecision';
import { ConfigError, internalApi, loadConfig, type Config } from './config';
import { createLogger } from '../platform/logger';
import { startSandbox } from './startSandbox';
import { CustomersClient } from '../skills/customers/customersClient';
import { loadOrTrain } from '../training/trainModel';
import { loadKnowledgeBase } from '../skills/knowledge/knowledgeBase';
import { buildBot } from './buildBot';

const ROOT = path.join(__dirname, '..');
const USAGE = `usage: npm run chat -- [--customer <id>] [--server <url>] [--debug]
  --customer <id>  chat as this customer (demo ids: cus-ava, cus-ben, cus-chloe, cus-diego, cus-emma); without it, anonymously
  --server <url>   talk to a running server (e.g. http://127.0.0.1:3978) through its Direct Line channel:
                   its bot, model, handoffs and agents (needs its CHAT_API_SECRET; --debug also its ADMIN_TOKEN)
  --debug          print the intent, score and routing decision of each message
Numbers pick a button of the bot's last message. Ctrl+D quits.`;

/**
 * `npm run chat`: talk to the bot in a terminal, either a bot of its own (same code, its own
 * sandbox and the model in MODEL_DIR) or a running server's through Direct Line (`--server`).
 */
async function main() {
  const { values } = parseArgs({ options: { customer: { type: 'string' }, server: { type: 'string' }, debug: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) return void console.log(USAGE);
  const config = loadConfig();
  const view = new TerminalView({ write: (s) => void process.stdout.write(s), width: () => process.stdout.columns || 80, color: Boolean(process.stdout.isTTY), botName: config.CHAT_BOT_NAME });
  const who = values.customer ?? null;
  if (values.server) await serverChat(values.server.replace(/\/+$/, ''), who, Boolean(values.debug), config, view);
  else await localChat(who, Boolean(values.debug), config, view);
}

/** Lines typed at `you> `, one at a time (the next is read after `handle` resolves). */
async function readLines(handle: (line: string) => Promise<void>): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'you> ' });
  rl.prompt();
  for await (const line of rl) {
    if (line.trim()) await handle(line);
    rl.prompt();
  }
}

async function localChat(customerId: string | null, debug: boolean, config: Config, view: TerminalView): Promise<void> {
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn', destination: process.stderr as never });
  const api = internalApi(config);
  let baseUrl = api.baseUrl;
  let stopSandbox = async () => {};
  if (api.embedded) {
    // Its own sandbox on a free port, so it runs beside `npm start`.
    const sandbox = await startSandbox(config, logger);
    const server = createServer(sandbox.app).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    stopSandbox = async () => {
      server.close();
      server.closeAllConnections();
      await sandbox.close();
    };
  }
  const apiOptions = { baseUrl, token: api.token, timeoutMs: config.API_TIMEOUT_MS, retries: config.API_RETRIES };
  const name = customerId ? await customerName(new CustomersClient(apiOptions), customerId) : undefined;
  const model = await loadOrTrain(path.resolve(ROOT, config.MODEL_DIR), path.resolve(ROOT, config.INTENTS_DIR), {
    thresholdsOverride: config.NLU_THRESHOLDS,
    onProgress: (m) => console.error(m),
  });
  const { bot } = buildBot({
    api: apiOptions,
    recognizer: model.recognizer,
    thresholds: () => model.thresholds,
    storage: new MemoryStorage(),
    logger,
    knowledge: loadKnowledgeBase(path.resolve(ROOT, config.INTENTS_DIR, 'knowledge.json')),
    signInUrl: config.SIGN_IN_URL,
  });

  let routedThisTurn = false;
  if (debug) {
    bot.events.on('routed', (e) => {
      routedThisTurn = true;
      view.debug({ intent: e.recognition.intent, score: e.recognition.score, decision: describeDecision(e.decision) });
    });
  }
  const adapter = new TerminalAdapter({ customerId, ...(name ? { name } : {}) }, ({ text, suggestions, activity }) => {
    if (activity.type === 'typing') return;
    view.show({ type: activity.type ?? 'message', text, name: activity.name, value: activity.value, suggestions: suggestions.map((s) => ({ title: String(s.title), value: s.value })) });
    if (activity.type === 'event' && activity.name === 'handoff.initiate') {
      view.note('The terminal chat has no agents: run `npm start`, then `npm run chat -- --server http://127.0.0.1:3978` and accept the chat at /agent.');
    }
  });
  const run = (ctx: Parameters<typeof bot.run>[0]) => bot.run(ctx);
  view.note(`PawSupport terminal chat (model ${model.recognizer.modelVersion}) as ${customerId ? `${name ?? customerId} (${customerId})` : 'an anonymous visitor'}. Ctrl+D to quit.`);
  await adapter.start(run);
  await readLines(async (line) => {
    routedThisTurn = false;
    const pick = view.pick(line);
    await adapter.receive({ text: pick.title, value: pick.value }, run);
    if (debug && !routedThisTurn) view.debug(undefined);
  });
  await stopSandbox();
}

async function serverChat(url: string, customerId: string | null, debug: boolean, config: Config, view: TerminalView): Promise<void> {
  let printed = 0;
  let timer: NodeJS.Timeout | undefined;
  let conversationId = '';
  // The server's routing trail of this conversation, from its admin API (the same as /admin shows).
  const showTrail = async () => {
    const res = await fetch(`${url}/admin/api/conversations/${encodeURIComponent(conversationId)}`, { headers: { authorization: `Bearer ${config.ADMIN_TOKEN ?? ''}` } }).catch(() => undefined);
    if (!res || res.status !== 200) return;
    const { trail } = (await res.json()) as { trail: (DebugStep & { detail: string })[] };
    if (trail.length <= printed) return;
    process.stdout.write('\r\x1b[K');
    for (const step of trail.slice(printed)) view.debug({ intent: step.intent, score: step.score, decision: step.detail });
    printed = trail.length;
    process.stdout.write('you> ');
  };
  const session = await openServerSession({
    url,
    chatApiSecret: config.CHAT_API_SECRET,
    customerId,
    onActivity: (a) => {
      if (a.type === 'typing') return;
      process.stdout.write('\r\x1b[K');
      view.show(a);
      process.stdout.write('you> ');
      if (debug && a.type === 'message') {
        clearTimeout(timer);
        timer = setTimeout(() => void showTrail(), 250);
      }
    },
    onError: (err) => view.note(`connection: ${err.message}`),
  });
  conversationId = session.conversationId;
  view.note(`Connected to ${url} (conversation ${session.conversationId}) as ${customerId ?? 'an anonymous visitor'}. Ctrl+D to quit.`);
  if (debug && !config.ADMIN_TOKEN) view.note('--debug needs the server’s ADMIN_TOKEN (set ADMIN_TOKEN) to read the routing trail.');
  await readLines(async (line) => {
    const pick = view.pick(line);
    await session.send(pick).catch((err: Error) => view.note(`not sent: ${err.message}`));
  });
  session.close();
  process.exit(0);
}

async function customerName(customers: CustomersClient, id: string): Promise<string | undefined> {
  const known = await customers.list().catch(() => []);
  const c = known.find((k) => k.id === id);
  if (known.length && !c) {
    console.error(`No customer ${id}. Known: ${known.map((k) => k.id).join(', ')}`);
    process.exit(2);
  }
  return c?.name;
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err instanceof Error ? err.message : err);
  process.exit(1);
});
