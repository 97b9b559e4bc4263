import type { TurnContext } from 'botbuilder';
import type { SatisfactionSurvey } from '../csat/satisfactionSurvey';
import { CAPABILITIES, replies } from '../replies';
import type { ConversationData } from '../state/conversationData';
import { say } from '../turn/say';
import { conversationData } from '../turn/turnMemory';
import { hubSaysNotWithHumans } from './hubTurn';

/**
 * The bot's side of a handoff. The hub's store owns the handoff state; the bot's copy
 * (`ConversationData.handoff`) is a cache that changes only on what the hub says: its
 * `handoff.status` turns (accepted, completed, failed, and cancelled when the customer left
 * the queue), and its mark on a customer message that no person holds the conversation.
 */
export class HandoffStatusTurns {
  constructor(private readonly survey: SatisfactionSurvey) {}

  /**
   * A customer message while the cache says a person has (or will have) the conversation.
   * @returns false when the hub says no person holds it: the cache is reset and the bot reads the message as usual.
   */
  async whileWithHumans(context: TurnContext, data: ConversationData): Promise<boolean> {
    if (data.handoff.status === 'none') return false;
    if (hubSaysNotWithHumans(context)) {
      data.handoff = { status: 'none' };
      return false;
    }
    // Only without a hub does a message reach the bot here: while waiting it is acknowledged; with an agent the bot stays quiet.
    if (data.handoff.status === 'waiting') await say(context, replies.stillWaiting);
    return true;
  }

  /** `handoff.status` from the hub: accepted → with an agent; completed/failed/cancelled → back to the bot. */
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
      case 'cancelled':
        data.handoff = { status: 'none' };
        return say(context, replies.leftQueue, CAPABILITIES);
      case 'failed':
        data.handoff = { status: 'none' };
        // The hub stored the customer's message as a follow-up ticket (no agent could take the chat).
        if (value.ticketId) return say(context, replies.ticketStored(value.ticketId), CAPABILITIES);
        return say(context, replies.agentFailed, CAPABILITIES);
    }
  }
}
