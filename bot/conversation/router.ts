import { DialogTurnStatus, type DialogContext } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { maskText } from '../../platform/mask';
import { maskRecognition } from '../../nlu/maskRecognition';
import type { Recognition } from '../../nlu/recognizer';
import { accessFor } from '../access/accessFor';
import type { SkillDialogOptions } from '../dialogs/skill';
import { handoffSummary } from '../handoff/handoffSummary';
import { initiateHandoff } from '../handoff/initiateHandoff';
import { ANONYMOUS_CAPABILITIES, CAPABILITIES, replies } from '../replies';
import type { Decision } from '../routing/decide';
import { negatesIntent } from '../routing/negatedRequest';
import type { ConversationData } from '../state/conversationData';
import { promptTurn } from '../turn/promptTurn';
import { say } from '../turn/say';
import { conversationData, customerOf } from '../turn/turnMemory';
import type { ConversationContext } from './conversationContext';
import { intentTitle } from './intentTitle';

/**
 * The one place a routing decision becomes what the customer sees: a fallback, a "did you
 * mean…?", a handoff, a built-in answer or a skill dialog begun.
 */
export class Router {
  constructor(private readonly ctx: ConversationContext) {}

  /** Serves `decision` for the message `recognition` (trailed and emitted as `routed`). */
  async route(context: TurnContext, dc: DialogContext, recognition: Recognition, decision: Decision): Promise<void> {
    const data = conversationData(context);
    this.ctx.trail.record(data, recognition, decision.kind);
    this.ctx.emit('routed', {
      conversationId: context.activity.conversation.id,
      channelId: context.activity.channelId,
      customerId: customerOf(context).customerId,
      ...(customerOf(context).clientAddress ? { clientAddress: customerOf(context).clientAddress } : {}),
      maskedText: maskText(recognition.text),
      recognition,
      decision,
      at: new Date(),
    });
    switch (decision.kind) {
      case 'fallback':
        data.consecutiveFallbacks += 1;
        return say(context, replies.fallback, CAPABILITIES);
      case 'clarify':
        data.consecutiveFallbacks = 0;
        data.clarifying = { text: maskText(recognition.text), candidates: decision.candidates };
        return say(
          context,
          replies.clarify,
          decision.candidates.map((intent) => ({ title: this.ctx.intents.get(intent)?.title ?? intentTitle(intent), intent })),
        );
      case 'handoff':
        return initiateHandoff(context, decision.reason, handoffSummary(decision.reason, data));
      case 'answer':
        data.consecutiveFallbacks = 0;
        return this.answer(context, dc, recognition, decision.intent);
    }
  }

  /** Answers `intent`: small talk and a request for a person built in, the rest by the skill's dialog. */
  async answer(context: TurnContext, dc: DialogContext, recognition: Recognition, intent: string): Promise<void> {
    const name = customerOf(context).name;
    switch (intent) {
      case 'greeting':
        return say(context, replies.greeting(name), CAPABILITIES);
      case 'goodbye':
        this.ctx.emit('goodbye', { conversationId: context.activity.conversation.id, channelId: context.activity.channelId, at: new Date() });
        await say(context, replies.goodbye);
        await this.ctx.survey.ask(context, 'goodbye');
        return;
      case 'thanks':
        return say(context, replies.thanks);
      case 'help':
        return say(context, replies.help, CAPABILITIES);
      case 'agent.request':
        return initiateHandoff(context, 'asked_for_agent', `Customer asked for a person: "${maskText(recognition.text).slice(0, 120)}"`);
    }
    const skill = this.ctx.intents.get(intent);
    if (!skill) return say(context, replies.fallback, CAPABILITIES);
    const access = accessFor(skill, !!customerOf(context).customerId);
    if (access.kind === 'signIn') return say(context, replies.signInRequired(this.ctx.signInUrl), ANONYMOUS_CAPABILITIES);
    // "don't cancel it" is classified as a cancellation: it must never start one.
    if (negatesIntent(intent, recognition.text)) return say(context, replies.negated, CAPABILITIES);
    const data = conversationData(context);
    data.activeIntent = intent;
    // The details of a new task ("for 3 weeks"), kept for a correction of what it is about; never secrets.
    if (!dc.activeDialog) data.requestDetails = recognition.entities.filter((e) => e.type !== 'pin' && e.type !== 'giftCardNumber').map((e) => ({ type: e.type, text: e.text }));
    // Dialog options are saved with the dialog state (Redis, 24 h): never a card number or PIN (a gift card dialog reads them from the message itself).
    const result = await dc.beginDialog(access.dialogId, { recognition: maskRecognition(recognition), ...(promptTurn.aside(context) ? { aside: true } : {}) } satisfies SkillDialogOptions);
    this.afterDialog(context, data, result.status);
  }

  /** A dialog that completed or was cancelled: its skill ended (emitted as `skillEnded`). */
  afterDialog(context: TurnContext, data: ConversationData, status: DialogTurnStatus): void {
    if (status !== DialogTurnStatus.complete && status !== DialogTurnStatus.cancelled) return;
    data.expectingSecret = false;
    if (data.activeIntent) this.ctx.emit('skillEnded', { conversationId: context.activity.conversation.id, intent: data.activeIntent, outcome: status === DialogTurnStatus.complete ? 'completed' : 'cancelled', at: new Date() });
    data.activeIntent = undefined;
  }
}
