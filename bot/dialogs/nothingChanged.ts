import type { TurnContext } from 'botbuilder';
import { CAPABILITIES } from '../replies';
import { say } from '../turn/say';

/** A flow ends without a change: say so (the skill's words), and offer what else the bot can do. */
export async function nothingChanged(context: TurnContext, text: string): Promise<void> {
  await say(context, `${text} Anything else I can help with?`, CAPABILITIES);
}
