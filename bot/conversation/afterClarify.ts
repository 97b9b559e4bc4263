import type { TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import { readConsent } from '../dialogs/consent';
import { matchChoice } from '../dialogs/matchChoice';
import { CAPABILITIES, replies } from '../replies';
import type { ConversationData } from '../state/conversationData';
import { promptTurn } from '../turn/promptTurn';
import { say } from '../turn/say';
import type { ConversationContext } from './conversationContext';
import { intentTitle } from './intentTitle';
import type { Router } from './router';

/**
 * The answer to "did you mean one of these?" typed instead of clicked: "yes" takes the best
 * guess, "the second one" or words of an option take that option (each with what the first
 * message said, so nothing is asked again); every flow still confirms before changing anything.
 * @returns false when the message is not about the question (it is then read as usual).
 */
export async function afterClarify(ctx: ConversationContext, router: Router, context: TurnContext, dc: DialogContext, text: string, clarifying: NonNullable<ConversationData['clarifying']>): Promise<boolean> {
  const consent = readConsent(text);
  if (consent === 'no') {
    await say(context, replies.readyToHelp, CAPABILITIES);
    return true;
  }
  const titles = clarifying.candidates.map((intent) => ({ title: ctx.intents.get(intent)?.title ?? intentTitle(intent) }));
  const m = consent === 'yes' ? ({ kind: 'one', index: 0 } as const) : matchChoice(text, titles);
  if (m.kind !== 'one') return false;
  const intent = clarifying.candidates[m.index]!;
  const r = await ctx.recognizer.recognize(clarifying.text);
  promptTurn.setHeard(context, r);
  await router.route(context, dc, { ...r, intent, score: 1 }, { kind: 'answer', intent });
  return true;
}
