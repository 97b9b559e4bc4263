import type { TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import type { Recognition } from '../../nlu/recognizer';
import { isBackOut } from '../dialogs/backOut';
import { readConsent } from '../dialogs/consent';
import { CAPABILITIES, replies } from '../replies';
import type { Decision } from '../routing/decide';
import { say } from '../turn/say';
import { conversationData } from '../turn/turnMemory';
import type { ConversationContext } from './conversationContext';
import type { Router } from './router';
import type { SeveralRequests } from './severalRequests';

/** A message with no flow in progress: a stray yes, no or back-out, several requests, or one. */
export class PlainTurn {
  constructor(
    private readonly ctx: ConversationContext,
    private readonly router: Router,
    private readonly requests: SeveralRequests,
  ) {}

  /**
   * Serves the message. @param clicked the customer clicked a suggestion;
   * @param afterAction the previous turn completed an account change the customer agreed to.
   */
  async serve(context: TurnContext, dc: DialogContext, text: string, recognition: Recognition, decision: Decision, clicked: boolean, afterAction: boolean): Promise<void> {
    const data = conversationData(context);
    const consent = clicked ? undefined : readConsent(text);
    const polite = decision.kind === 'answer' && (decision.intent === 'thanks' || decision.intent === 'goodbye');
    if (consent && !polite) {
      // A yes or no with no question pending is never a new consent, and never "not understood".
      this.ctx.trail.record(data, recognition, 'answer');
      if (consent === 'yes') return afterAction ? say(context, replies.alreadyDone, CAPABILITIES) : say(context, replies.readyToHelp, CAPABILITIES);
      return say(context, replies.nothingElse);
    }
    if (isBackOut(text)) {
      this.ctx.trail.record(data, recognition, 'answer');
      data.consecutiveFallbacks = 0;
      return say(context, replies.nothingToCancel);
    }
    if (!clicked && (await this.requests.serve(context, dc, text))) return;
    return this.router.route(context, dc, recognition, decision);
  }
}
