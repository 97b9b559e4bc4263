import type { TurnContext } from 'botbuilder';
import type { CustomerIdentity } from '../identity';
import type { ConversationData } from '../state/conversationData';

const DATA = Symbol('paw.conversationData');
const IDENTITY = Symbol('paw.identity');

/** The bot loads the conversation data once per turn; dialogs read and change it through this. */
export function setTurnMemory(context: TurnContext, data: ConversationData, identity: CustomerIdentity): void {
  context.turnState.set(DATA, data);
  context.turnState.set(IDENTITY, identity);
}

export function conversationData(context: TurnContext): ConversationData {
  const data = context.turnState.get(DATA) as ConversationData | undefined;
  if (!data) throw new Error('conversation data is not loaded for this turn');
  return data;
}

/** The customer bound to this conversation by the channel (never from message text). */
export function customerOf(context: TurnContext): CustomerIdentity {
  return (context.turnState.get(IDENTITY) as CustomerIdentity | undefined) ?? { customerId: null };
}
