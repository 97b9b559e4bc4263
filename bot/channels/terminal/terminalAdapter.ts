import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type CardAction,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { stampIdentity, type CustomerIdentity } from '../../identity';

/** What the terminal shows for one outgoing activity. */
export interface TerminalOutput {
  text?: string;
  suggestions: CardAction[];
  activity: Partial<Activity>;
}

/**
 * A channel for `npm run chat`: a person at a terminal talks to the same bot. Converts typed
 * lines to Bot Framework activities (identity stamped from the command line, as a signed
 * token would) and hands the bot's activities to `print`.
 */
export class TerminalAdapter extends BotAdapter {
  private seq = 0;
  private readonly conversationId = `terminal-${Date.now().toString(36)}`;

  constructor(
    private readonly identity: CustomerIdentity,
    private readonly print: (out: TerminalOutput) => void,
  ) {
    super();
  }

  private base(): Partial<Activity> {
    return {
      channelId: 'terminal',
      serviceUrl: 'terminal://local',
      conversation: { id: this.conversationId, isGroup: false, conversationType: 'personal', name: 'terminal' },
      from: { id: `user-${this.identity.customerId ?? 'anonymous'}`, name: this.identity.name ?? 'You', role: 'user' },
      recipient: { id: 'pawbot', name: 'PawSupport', role: 'bot' },
      timestamp: new Date(),
      locale: 'en-US',
    };
  }

  /** Starts the conversation (the bot greets). */
  async start(logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = { ...this.base(), type: ActivityTypes.ConversationUpdate, id: String(++this.seq), membersAdded: [this.base().from!] } as Activity;
    await this.runMiddleware(new TurnContext(this, stampIdentity(activity, this.identity)), logic);
  }

  /** One line the person typed, or a suggested action they picked. */
  async receive(input: { text: string; value?: unknown }, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = { ...this.base(), type: ActivityTypes.Message, id: String(++this.seq), text: input.text, value: input.value } as Activity;
    await this.runMiddleware(new TurnContext(this, stampIdentity(activity, this.identity)), logic);
  }

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const out: ResourceResponse[] = [];
    for (const a of activities) {
      if (a.type === 'delay') await new Promise((r) => setTimeout(r, Number(a.value ?? 0)));
      else this.print({ text: a.text, suggestions: a.suggestedActions?.actions ?? [], activity: a });
      out.push({ id: `bot-${++this.seq}` });
    }
    return out;
  }

  async updateActivity(): Promise<void> {}

  async deleteActivity(): Promise<void> {}

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'ContinueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity as Activity), logic);
  }
}
