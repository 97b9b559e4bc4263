import { EventFactory, type TurnContext } from 'botbuilder';
import { customerOf, conversationData } from '../turn/turnMemory';
import { say } from '../turn/say';
import type { HandoffPacket, HandoffReason } from './handoffPacket';

const WHAT_NEXT: Record<HandoffReason, string> = {
  asked_for_agent: "I'm connecting you with a member of our support team. They'll see our conversation so far, so you won't have to repeat yourself.",
  not_understood_twice: "Sorry, I'm not getting this right. I'm bringing in a member of our support team; they'll see what you've told me so far.",
  shipping_problem: "I've passed the details to our support team, and a person will take it from here. Shipping problems go to the front of the queue.",
  api_failure: "I'm handing you to a member of our support team who can look into this directly. They'll see what we've tried so far.",
};

/**
 * Hands the conversation to a human: sends the standard Bot Framework `handoff.initiate`
 * event (value = {@link HandoffPacket}, transcript attached), marks the conversation as
 * waiting for an agent, and tells the customer what happens next. The handoff hub (bot
 * runtime middleware) picks the event up, whatever the channel.
 */
export async function initiateHandoff(context: TurnContext, reason: HandoffReason, summary: string): Promise<void> {
  const data = conversationData(context);
  const identity = customerOf(context);
  const now = new Date().toISOString();
  const packet: HandoffPacket = {
    reason,
    summary,
    customerId: identity.customerId,
    ...(identity.name ? { customerName: identity.name } : {}),
    trail: data.trail.slice(-10),
    slots: { ...data.slots },
    shown: [...data.shown],
    requestedAt: now,
  };
  data.handoff = { status: 'waiting', reason, since: now };
  data.activeIntent = undefined;
  data.consecutiveFallbacks = 0;
  await say(context, `${WHAT_NEXT[reason]} While you wait, you can keep typing: everything you write is kept for the agent. Say "cancel" to go back to the bot.`);
  const transcript = data.transcript.map((line) => ({
    type: 'message',
    from: { id: line.role, role: line.role === 'customer' ? 'user' : 'bot' },
    text: line.text,
    timestamp: line.at,
  }));
  await context.sendActivity(EventFactory.createHandoffInitiation(context, packet, { activities: transcript } as never));
}
