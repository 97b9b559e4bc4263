import { ActivityHandler, MessageFactory } from 'botbuilder';
import { identityOf } from '../../../../bot/identity';

export const SUGGESTIONS = ['Track my order', 'Gift card balance'];

/**
 * The channel tests' bot: a welcome naming the authenticated customer on `membersAdded`,
 * an echo of every message (with the identity it was given), and suggested actions on "help".
 */
export class TestBot extends ActivityHandler {
  constructor(private readonly replyDelayMs = 0) {
    super();
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id === context.activity.recipient.id) continue;
        const who = identityOf(context.activity);
        await context.sendActivity(`Welcome to PawSupport, ${who.name ?? 'friend'}! [customer: ${who.customerId ?? 'anonymous'}]`);
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      if (this.replyDelayMs) await new Promise((r) => setTimeout(r, this.replyDelayMs));
      const text = (context.activity.text ?? '').trim();
      const who = identityOf(context.activity);
      if (text.toLowerCase() === 'help') {
        await context.sendActivity(MessageFactory.suggestedActions(SUGGESTIONS, 'Here is what I can help with:'));
      } else {
        await context.sendActivity(`You said: ${text} [customer: ${who.customerId ?? 'anonymous'}]`);
      }
      await next();
    });
  }
}
