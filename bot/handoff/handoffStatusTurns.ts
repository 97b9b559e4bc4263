import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { SatisfactionSurvey } from '../csat/satisfactionSurvey';
import { CAPABILITIES, replies } from '../replies';
import type { ConversationData } from '../state/conversationData';
import { say } from '../turn/say';
import { conversationData } from '../turn/turnMemory';
import { isStopRequest } from './stopRequest';

/**
 * The bot's side of a handoff. The hub's store owns the handoff state; the bot's copy
 * (`ConversationData.handoff`) is a cache that follows the hub's `handoff.status` turns, and
 * the customer's own stop request (which the hub has already acted on when the bot hears it).
 */
export class HandoffStatusTurns {
  constructor(private readonly survey: SatisfactionSurvey) {}

  /** Waiting for or talking to a person: nothing goes to the classifier. */
  async whileWithHumans(context: TurnContext, data: ConversationData, text: string): Promise<void> {
    if (data.handoff.status === 'waiting' && isStopRequest(text)) {
      data.handoff = { status: 'none' };
      await context.sendActivity({ type: ActivityTypes.Event, name: 'handoff.cancel', value: { reason: 'customer_cancelled' } });
      return say(context, replies.leftQueue, CAPABILITIES);
    }
    // With an agent, the handoff hub relays messages; the bot stays quiet.
    if (data.handoff.status === 'waiting') return say(context, replies.stillWaiting);
  }

  /** `handoff.status` from the hub: accepted → with an agent; completed/failed → back to the bot. */
  async onStatus(context: TurnContext): Promise<void> {
    const data = conversationData(context);
    const value = (context.activity.value ?? {}) as { state?: string; message?: string; agentName?: string; ticketId?: string };
    switch (value.state) {
      case 'accepted':
        data.handoff = { ...data.handoff, status: 'with_agent', agentName: value.agentName };
        return say(context, replies.agentJoined(value.agentName));
      case 'completed':
        data.handoff = { status: 'none' };
        await say(context, replies.agentLeft, CAPABILITIES);
        await this.survey.ask(context, 'agent');
        return;
      case 'failed':
        data.handoff = { status: 'none' };
        // The hub stored the customer's message as a follow-up ticket (no agent could take the chat).
        if (value.ticketId) return say(context, replies.ticketStored(value.ticketId), CAPABILITIES);
        return say(context, replies.agentFailed, CAPABILITIES);
    }
  }
}
