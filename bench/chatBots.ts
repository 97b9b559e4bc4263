import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ActivityHandler, MemoryStorage } from 'botbuilder';
import { buildBot } from '../bin/buildBot';
import type { TurnBot } from '../bot/adapter/inProcessAdapter';
import { loadConfig } from '../bin/config';
import { silentLogger } from '../platform/logger';
import { startSandbox } from '../bin/startSandbox';
import { loadOrTrain } from '../training/trainModel';

/** The smallest useful bot: a welcome and an echo. The baseline the channel's cost is measured with. */
export class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMembersAdded(async (context, next) => {
      await context.sendActivity('Welcome!');
      await next();
    });
    this.onMessage(async (context, next) => {
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

/**
 * The product's bot as bin/server.ts builds it: real model, real typed clients, and the
 * sandbox APIs in the same process over loopback HTTP. Each message ("order status please N")
 * is classified and answered with a tracking look-up.
 */
async function fullBot(): Promise<TurnBot> {
  const config = loadConfig({});
  const logger = silentLogger();
  const sandbox = await startSandbox(config, logger);
  const server = createServer(sandbox.app).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const root = path.join(__dirname, '..');
  const model = await loadOrTrain(path.join(root, 'models/current'), path.join(root, 'intents'));
  // The entity recognizers build their tables on first use (~250 ms): pay that before the first customer does.
  await model.recognizer.recognize('pause my order PS-10042 until March 3rd for 2 weeks, 500 points');
  const { bot } = buildBot({
    api: { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: config.SANDBOX_TOKEN, timeoutMs: 5000 },
    recognizer: model.recognizer,
    thresholds: () => model.thresholds,
    storage: new MemoryStorage(),
    logger,
  });
  return bot;
}

/** Bots `npm run bench:chat -- --bots echo,full` can run, by name. */
export const chatBots: Record<string, () => TurnBot | Promise<TurnBot>> = {
  echo: () => new EchoBot(),
  full: fullBot,
};
