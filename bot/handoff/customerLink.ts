import { ActivityTypes, HandoffEventNames, type Activity, type TurnContext } from 'botbuilder';
import { serviceUnavailable } from '../../platform/errors';
import type { Logger } from '../../platform/logger';
import type { TurnBot } from '../adapter/inProcessAdapter';
import { stampIdentity } from '../identity';
import type { HandoffConversation } from './handoffRecords';
import { markHubTurn } from './hubTurn';

/** Where the hub reaches customers: the Direct Line channel, or any adapter with this call. */
export interface HandoffChannel {
  /** Runs `logic` in a proactive turn of the conversation; what it sends comes from `from` (default: the bot). */
  continueConversation(conversationId: string, logic: (context: TurnContext) => Promise<void>, from?: { id: string; name?: string }): Promise<void>;
}

/**
 * The hub's way to a customer outside their turn: proactive sends (as the bot or as an agent)
 * and the bot's `handoff.status` turns, over the channel the conversation came from.
 */
export class CustomerLink {
  private readonly channels = new Map<string, HandoffChannel>();

  constructor(private readonly o: { bot: TurnBot; logger: Logger }) {}

  /** Lets the hub reach customers of `channelId` (the Direct Line channel is `directline`). */
  connect(channel: HandoffChannel, channelId = 'directline'): void {
    this.channels.set(channelId, channel);
  }

  /** Sends into the customer's conversation outside their turn (as the bot, or as `from`). */
  async send(conv: HandoffConversation, activity: Partial<Activity>, from?: { id: string; name?: string }): Promise<void> {
    await this.channelOf(conv).continueConversation(
      conv.conversationId,
      async (context) => {
        unanchor(context);
        await context.sendActivity(activity);
      },
      from,
    );
  }

  /** {@link send} as the bot, for news the customer can do without (a failure is logged). */
  async tell(conv: HandoffConversation, activity: Partial<Activity>): Promise<void> {
    try {
      await this.send(conv, activity);
    } catch (err) {
      this.o.logger.warn({ err, conversationId: conv.conversationId }, 'could not tell the customer');
    }
  }

  /** Runs the bot's `handoff.status` turn (accepted → with agent; completed/failed → back to the bot). */
  async status(conv: HandoffConversation, value: Record<string, unknown>): Promise<void> {
    try {
      await this.channelOf(conv).continueConversation(conv.conversationId, async (context) => {
        Object.assign(context.activity, { type: ActivityTypes.Event, name: HandoffEventNames.HandoffStatus, value });
        unanchor(context);
        stampIdentity(context.activity, { customerId: conv.customerId, ...(conv.customerName ? { name: conv.customerName } : {}) });
        markHubTurn(context);
        await this.o.bot.run(context);
      });
    } catch (err) {
      this.o.logger.error({ err, conversationId: conv.conversationId, state: value.state }, 'could not tell the bot the handoff status');
    }
  }

  private channelOf(conv: HandoffConversation): HandoffChannel {
    const channel = this.channels.get(conv.channelId);
    if (!channel) throw serviceUnavailable(`The handoff hub cannot reach the "${conv.channelId}" channel.`);
    return channel;
  }
}

/**
 * A proactive turn's synthetic event is never in the conversation: replies must not point at
 * it with `replyToId`, or Web Chat holds them back for seconds waiting for it.
 */
function unanchor(context: TurnContext): void {
  delete (context.activity as Partial<Activity>).id;
}
