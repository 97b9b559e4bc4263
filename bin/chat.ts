import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { MemoryStorage, type CardAction } from 'botbuilder';
import { TerminalAdapter, type TerminalOutput } from '../bot/channels/terminal/terminalAdapter';
import { ConfigError, internalApi, loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { startSandbox } from '../sandbox/startSandbox';
import { CustomersClient } from '../skills/customers/customersClient';
import { loadOrTrain } from '../training/trainModel';
import { loadKnowledgeBase } from '../skills/knowledge/knowledgeBase';
import { buildBot } from './buildBot';

const ROOT = path.join(__dirname, '..');
const dim = (s: string) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);
const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

/**
 * `npm run chat -- --customer cus-ava`: talk to the same bot in a terminal. Suggested actions
 * are numbered: type the number to pick one. Without --customer you are an anonymous visitor.
 */
async function main() {
  const { values } = parseArgs({ options: { customer: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log('usage: npm run chat -- [--customer <id>]   (demo ids: cus-ava, cus-ben, cus-chloe, cus-diego, cus-emma)');
    return;
  }
  const config = loadConfig();
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
  let name: string | undefined;
  if (values.customer) {
    const known = await new CustomersClient(apiOptions).list().catch(() => []);
    const c = known.find((k) => k.id === values.customer);
    if (known.length && !c) {
      console.error(`No customer ${values.customer}. Known: ${known.map((k) => k.id).join(', ')}`);
      process.exit(2);
    }
    name = c?.name;
  }
  const model = await loadOrTrain(path.resolve(ROOT, config.MODEL_DIR), path.resolve(ROOT, config.INTENTS_DIR), {
    thresholdsOverride: config.NLU_THRESHOLDS,
    onProgress: (m) => console.error(dim(m)),
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

  let choices: CardAction[] = [];
  const print = ({ text, suggestions, activity }: TerminalOutput) => {
    if (activity.type === 'typing') return;
    if (activity.type === 'event') {
      console.log(dim(`  [event ${activity.name}${activity.name === 'handoff.initiate' ? `: ${(activity.value as { reason?: string })?.reason}` : ''}]`));
      return;
    }
    if (text) console.log(`${bold('bot>')} ${text.replace(/\*\*/g, '')}`);
    if (suggestions.length) {
      choices = suggestions;
      console.log(dim(`     ${suggestions.map((s, i) => `[${i + 1}] ${s.title}`).join('  ')}`));
    }
  };
  const adapter = new TerminalAdapter({ customerId: values.customer ?? null, ...(name ? { name } : {}) }, print);
  const run = (ctx: Parameters<typeof bot.run>[0]) => bot.run(ctx);
  console.log(dim(`PawSupport terminal chat as ${values.customer ? `${name ?? values.customer} (${values.customer})` : 'an anonymous visitor'}. Ctrl+D to quit.`));
  await adapter.start(run);

  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'you> ' });
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text) {
      // A number picks a button, unless a button is named by that number ("5 - Excellent" for "5").
      const pick = /^\d+$/.test(text) ? (choices.find((c) => String(c.title).startsWith(`${text} `)) ?? choices[Number(text) - 1]) : undefined;
      await adapter.receive(pick ? { text: String(pick.title), value: pick.value } : { text }, run);
    }
    rl.prompt();
  }
  await stopSandbox();
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
