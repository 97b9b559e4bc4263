import { ActivityHandler } from 'botbuilder';
import type { TurnBot } from '../bot/adapter/inProcessAdapter';

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
 * Bots `npm run bench:chat -- --bots echo,full` can run, by name. A factory may be async (a
 * real bot loads its NLU model). The lead adds `full` here, built like bin/server.ts builds it.
 */
export const chatBots: Record<string, () => TurnBot | Promise<TurnBot>> = {
  echo: () => new EchoBot(),
};
