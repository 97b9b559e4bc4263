import { MessageFactory, type TurnContext } from 'botbuilder';
import { toCardActions, type Suggestion } from './suggestions';

/** Sends a message, optionally with suggested actions (buttons). */
export async function say(context: TurnContext, text: string, suggestions: Suggestion[] = []): Promise<void> {
  const activity = MessageFactory.text(text, text);
  if (suggestions.length) activity.suggestedActions = { actions: toCardActions(suggestions), to: [] };
  await context.sendActivity(activity);
}

/** Shows the typing indicator (before calls to internal APIs). */
export async function typing(context: TurnContext): Promise<void> {
  await context.sendActivity({ type: 'typing' });
}
