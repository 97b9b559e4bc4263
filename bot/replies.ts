import { catalogRow, CUSTOMER_MENU, VISITOR_MENU } from '../intents/catalog';
import type { Suggestion } from './turn/suggestions';

const menuTitle = (intent: string): string => {
  const row = catalogRow(intent);
  return row?.menuTitle ?? row?.title ?? intent;
};

/** The capability menu of a signed-in customer (`intents/catalog.ts`). */
export const CAPABILITIES: Suggestion[] = CUSTOMER_MENU.map((intent) => ({ title: menuTitle(intent), intent }));

/** What a visitor who is not signed in can do (after a sign-in link). */
export const ANONYMOUS_CAPABILITIES: Suggestion[] = VISITOR_MENU.map((intent) => ({ title: catalogRow(intent)?.visitorMenuTitle ?? menuTitle(intent), intent }));

/** The bot's own words (skills keep theirs in `skills/<domain>/replies.ts`). */
export const replies = {
  welcome: (name?: string) =>
    `Hi${name ? ` ${name.split(' ')[0]}` : ''}! I'm the PawSupport assistant. I can track orders, manage your autoship subscriptions, check gift cards and reward points, or get you a person.`,
  greeting: (name?: string) => `Hello${name ? ` ${name.split(' ')[0]}` : ''}! What can I help you with today?`,
  goodbye: 'Thanks for chatting with PawSupport. Give your pets a scratch from us!',
  thanks: "You're welcome! Anything else I can help with?",
  help:
    'Here is what I can do:\n' +
    '- **Orders**: "where is my order?", report a lost or damaged delivery\n' +
    '- **Autoship**: list, pause, resume, skip, change or cancel a subscription\n' +
    '- **Gift cards**: check a balance or add one to your account\n' +
    '- **Rewards**: points, tier, history, turn points into store credit\n' +
    '- **Questions**: opening hours, shipping costs and times, returns and refunds, how points work, what autoship is\n' +
    'You can say "cancel" to stop what we are doing, or ask for a person at any time.',
  fallback: "Sorry, I didn't understand that. Here's what I can help with:",
  clarify: 'Just to be sure, did you mean one of these?',
  cancelled: "Okay, I've stopped that. Nothing was changed. What else can I do for you?",
  negated: "Okay, I won't do that, and nothing has been changed. If there is something else you'd like me to do, just tell me.",
  alreadyDone: "That's already done, so there is nothing more to confirm. Anything else I can help with?",
  readyToHelp: 'Sure! What can I help you with?',
  nothingElse: 'Alright. If you need anything else, just write.',
  leftFlow: "Okay, I've left that one as it was; nothing was changed.",
  nothingToCancel: "There's nothing in progress to cancel. What can I help you with?",
  signInRequired: (signInUrl: string) =>
    `I can only see that on your account, and you're not signed in. Please [sign in](${signInUrl}) and open the chat again, and I'll help you with it. ` +
    'Without signing in, I can track an order by its number and ZIP code, check a gift card balance, or answer questions about shipping, returns, reward points and autoship.',
  stillWaiting: "Thanks, I've added that for the agent, who will see it as soon as they join. Say \"cancel\" to go back to the bot.",
  leftQueue: "Okay, you've left the queue. I'm back. What can I help you with?",
  agentJoined: (name?: string) => `${name ?? 'An agent'} has joined the chat.`,
  agentLeft: "The agent has left the chat, and I'm back. Is there anything else I can help you with?",
  agentFailed: "Sorry, no one from the team could take the chat. I'm here again: what can I help you with?",
  ticketStored: (ticketId: string) => `Thanks, your message is saved for our support team as ticket ${ticketId}, and they will follow up. I'm here again in the meantime: what else can I help you with?`,
  csatQuestion: 'Before you go: how did we do today? Tap a rating from 5 (excellent) to 1 (very poor).',
  csatAfterAgent: 'How did our team do in this chat? Tap a rating from 5 (excellent) to 1 (very poor).',
  csatIdle: "It looks like we're done for now. If you have a moment: how did we do? Tap a rating from 5 (excellent) to 1 (very poor).",
  csatComment: 'Thank you! Anything you would like to tell us? Type a comment, or tap "No comment".',
  csatThanks: 'Thanks for your feedback! If you need anything else, just write.',
} as const;
