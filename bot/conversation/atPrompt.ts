import type { TurnContext } from 'botbuilder';
import { DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Recognition } from '../../nlu/recognizer';
import { isBackOut } from '../dialogs/backOut';
import { isCorrection } from '../dialogs/correction';
import { CAPABILITIES, replies } from '../replies';
import type { Decision } from '../routing/decide';
import type { ConversationData } from '../state/conversationData';
import { promptTurn } from '../turn/promptTurn';
import { say } from '../turn/say';
import { conversationData } from '../turn/turnMemory';
import type { ConversationContext } from './conversationContext';
import { otherRequest } from './otherRequest';
import type { Router } from './router';

/**
 * A message while a flow waits for an answer. The prompt gets it first; what it can't use is
 * a back-out, another request (answered, then the same question again; or, for the same
 * domain or a person, a change of topic), a correction, or else insisted on (the prompt says
 * what it needs).
 */
export class AtPrompt {
  constructor(
    private readonly ctx: ConversationContext,
    private readonly router: Router,
  ) {}

  /** Serves the message. @param clicked the customer clicked a suggestion (the prompt does not read it first). */
  async serve(context: TurnContext, dc: DialogContext, text: string, recognition: Recognition, decision: Decision, clicked: boolean): Promise<void> {
    const data = conversationData(context);
    const depth = dc.stack.length;
    if (!clicked) {
      const result = await dc.continueDialog();
      if (!promptTurn.takeDeclined(context)) {
        this.ctx.trail.record(data, recognition, 'slot');
        return this.afterContinue(context, dc, depth, result);
      }
    }
    if (isBackOut(text)) {
      this.ctx.trail.record(data, recognition, 'interrupt');
      await this.endFlows(context, dc);
      data.consecutiveFallbacks = 0;
      return say(context, replies.cancelled, CAPABILITIES);
    }
    const other = otherRequest(this.ctx.intents, recognition, decision, data, clicked);
    if (other === 'switch') {
      this.ctx.trail.record(data, recognition, 'interrupt');
      await this.endFlows(context, dc);
      // The customer must know the change they were confirming is dropped, not applied.
      if (decision.kind === 'answer' && this.ctx.intents.has(decision.intent)) await say(context, replies.leftFlow);
      return this.router.route(context, dc, recognition, decision);
    }
    if (other === 'aside') return this.aside(context, dc, recognition, decision, depth);
    if (isCorrection(text) && data.activeIntent && !data.suspended?.length) return this.restartCorrected(context, dc, recognition, data.activeIntent);
    promptTurn.insist(context);
    this.ctx.trail.record(data, recognition, 'slot');
    const result = await dc.continueDialog();
    return this.afterContinue(context, dc, depth, result);
  }

  /**
   * "no, I meant the cat litter" at a question other than the confirmation: the same task again,
   * about what the correction names, with the other details of the first request ("for 3
   * weeks") still given.
   */
  private async restartCorrected(context: TurnContext, dc: DialogContext, correction: Recognition, intent: string): Promise<void> {
    const data = conversationData(context);
    this.ctx.trail.record(data, correction, 'interrupt');
    const kept = (data.requestDetails ?? []).filter((d) => !correction.entities.some((e) => e.type === d.type)).map((d) => d.text);
    const r = kept.length ? await this.ctx.recognizer.recognize([correction.text, ...kept].join(' ')) : correction;
    await dc.cancelAllDialogs();
    promptTurn.setHeard(context, r);
    return this.router.answer(context, dc, { ...r, intent }, intent);
  }

  /** A side request mid-flow: answer it, then the flow resumes with its question. */
  private async aside(context: TurnContext, dc: DialogContext, recognition: Recognition, decision: Decision, depth: number): Promise<void> {
    const data = conversationData(context);
    this.ctx.trail.record(data, recognition, 'interrupt');
    const waiting = data.activeIntent;
    data.suspended = [...(data.suspended ?? []), waiting ?? ''];
    promptTurn.markAside(context);
    await this.router.route(context, dc, recognition, decision);
    if (data.handoff.status !== 'none') {
      await this.endFlows(context, dc);
      return;
    }
    // The side request asks something itself: the flow waits underneath until it ends.
    if (dc.stack.length > depth) return;
    this.resumeSuspended(context, data);
    if (dc.activeDialog && !promptTurn.reprompted(context)) await dc.repromptDialog();
  }

  /** The side request on top ended: the flow under it is the active one again. */
  private resumeSuspended(context: TurnContext, data: ConversationData): void {
    const back = data.suspended?.pop() || undefined;
    // "help" mid-flow started no skill of its own: nothing ended.
    if (data.activeIntent && data.activeIntent !== back) this.ctx.emit('skillEnded', { conversationId: context.activity.conversation.id, intent: data.activeIntent, outcome: 'completed', at: new Date() });
    data.activeIntent = back;
  }

  private afterContinue(context: TurnContext, dc: DialogContext, depth: number, { status, result }: DialogTurnResult): void {
    const data = conversationData(context);
    if (status === DialogTurnStatus.complete || status === DialogTurnStatus.cancelled) {
      // A change the API refused is not done: a yes after it is not "already done".
      const refused = typeof result === 'object' && result !== null && 'refused' in result;
      if (status === DialogTurnStatus.complete && promptTurn.consented(context) && !refused) data.afterAction = true;
      data.suspended = undefined;
      return this.router.afterDialog(context, data, status);
    }
    if (dc.stack.length < depth && dc.activeDialog) this.resumeSuspended(context, data);
  }

  /** Ends every flow in progress (and what was queued behind them): nothing is changed. */
  private async endFlows(context: TurnContext, dc: DialogContext): Promise<void> {
    const data = conversationData(context);
    await dc.cancelAllDialogs();
    data.suspended = undefined;
    data.queued = undefined;
    // A back-out at the PIN question must not leave every later line masked as a secret.
    data.expectingSecret = undefined;
    this.router.afterDialog(context, data, DialogTurnStatus.cancelled);
  }
}
