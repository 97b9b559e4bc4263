import { ActivityHandler, ActivityTypes, HandoffEventNames, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogContext, type DialogState } from 'botbuilder-dialogs';
import type { Logger } from '../platform/logger';
import { maskSecretAnswer, maskText } from '../platform/mask';
import { isHubTurn } from './handoff/hubTurn';
import { SECRET_PROMPT_KEY } from './secretPrompt';
import { BotEvents, type BotEventMap } from './botEvents';
import { isSkip, MAX_COMMENT, parseRating, RATING_SUGGESTIONS, SKIP_COMMENT, type CsatState } from './csat/csatSurvey';
import { accessFor } from './access/accessFor';
import { ApiFailureDialog } from './dialogs/apiFailureDialog';
import type { Skill, SkillDialogOptions, SkillIntent } from './dialogs/skill';
import type { HandoffPacket } from './handoff/handoffPacket';
import { initiateHandoff } from './handoff/initiateHandoff';
import { identityOf } from './identity';
import { maskRecognition } from './nlu/maskRecognition';
import type { Recognition, Recognizer } from './nlu/recognizer';
import { ANONYMOUS_CAPABILITIES, CAPABILITIES, replies } from './replies';
import { decide, type Decision } from './routing/decide';
import { negatesIntent } from './routing/negatedRequest';
import type { Thresholds } from './routing/thresholds';
import { emptyConversationData, LIMITS, pushBounded, type ConversationData, type TrailEntry } from './state/conversationData';
import { say } from './turn/say';
import { chosenIntent } from './turn/suggestions';
import { conversationData, customerOf, setTurnMemory } from './turn/turnMemory';

export interface PawBotDeps {
  recognizer: Recognizer;
  /** Thresholds in force (from the model's calibration, overridden by config). */
  thresholds: () => Thresholds;
  skills: Skill[];
  conversationState: ConversationState;
  logger: Logger;
  /** Observers (metrics, KPIs, review inbox) listen here. */
  events?: BotEvents;
  /** Where a visitor who is not signed in signs in (account requests link there). */
  signInUrl: string;
}

/** "cancel", "stop", "never mind"… alone: stop what is in progress (not "cancel my subscription"). */
const STOP = /^\s*(cancel|stop|never\s*mind|nevermind|forget it|quit|abort|exit|no thanks?,? (?:stop|cancel))\s*[.!]*\s*$/i;

const SMALL_TALK = new Set(['greeting', 'goodbye', 'thanks', 'help', 'none']);

/**
 * The bot: every customer message is classified, routed by confidence (one routing function
 * decides answer, clarify, fallback or hand off) and served by a skill dialog. Interruptions
 * ("help", "cancel", a new topic) work in the middle of any dialog. While a conversation waits
 * for or talks to a human agent, the bot does not classify anything.
 */
export class PawBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly data: StatePropertyAccessor<ConversationData>;
  private readonly dialogs: DialogSet;
  private readonly intents = new Map<string, SkillIntent>();
  /** Where observers subscribe. */
  readonly events: BotEvents;

  constructor(private readonly deps: PawBotDeps) {
    super();
    this.events = deps.events ?? new BotEvents();
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.data = deps.conversationState.createProperty<ConversationData>('paw');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(new ApiFailureDialog());
    for (const skill of deps.skills) {
      for (const d of skill.dialogs) this.dialogs.add(d);
      for (const i of skill.intents) this.intents.set(i.intent, i);
    }

    this.onMembersAdded(async (context, next) => {
      const bot = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id !== bot)) {
        await this.withTurn(context, async () => say(context, replies.welcome(customerOf(context).name), CAPABILITIES));
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.withTurn(context, async () => this.onCustomerMessage(context));
      await next();
    });

    this.onEvent(async (context, next) => {
      // Only the hub may say an agent joined or left; a client can post an event of any name.
      if (context.activity.name === HandoffEventNames.HandoffStatus && isHubTurn(context)) await this.withTurn(context, async () => this.onHandoffStatus(context));
      await next();
    });
  }

  /** Loads state, records the transcript, runs `fn`, saves state (also when `fn` throws). */
  private async withTurn(context: TurnContext, fn: () => Promise<void>): Promise<void> {
    const data = await this.data.get(context, emptyConversationData());
    const identity = identityOf(context.activity);
    setTurnMemory(context, data, identity);
    const id = context.activity.id;
    if (id && context.activity.type === ActivityTypes.Message) {
      if (data.seenActivityIds.includes(id)) {
        this.deps.logger.info({ activityId: id }, 'duplicate activity ignored');
        return;
      }
      pushBounded(data.seenActivityIds, id, LIMITS.seen);
    }
    const started = performance.now();
    let firstReplyMs: number | undefined;
    const conversationId = context.activity.conversation?.id ?? '';
    const channelId = context.activity.channelId ?? '';
    context.onSendActivities(async (_ctx, activities, nextSend) => {
      for (const a of activities) {
        if (a.type === ActivityTypes.Message && data.expectingSecret) a.channelData = { ...(a.channelData as object | undefined), [SECRET_PROMPT_KEY]: true };
        if (a.type === ActivityTypes.Message && a.text) {
          firstReplyMs ??= performance.now() - started;
          pushBounded(data.transcript, { role: 'bot', text: maskText(a.text), at: new Date().toISOString() }, LIMITS.transcript);
        }
        if (a.type === ActivityTypes.Event && a.name === HandoffEventNames.InitiateHandoff) {
          this.emit('handoff', { conversationId, channelId, ...(identity.clientAddress ? { clientAddress: identity.clientAddress } : {}), packet: a.value as HandoffPacket, at: new Date() });
        }
      }
      return nextSend();
    });
    try {
      await fn();
    } finally {
      await this.deps.conversationState.saveChanges(context);
      this.emit('turn', { conversationId, channelId, activityType: context.activity.type ?? '', ms: performance.now() - started, firstReplyMs, at: new Date() });
    }
  }

  /** Observers never break a turn. */
  private emit<K extends keyof BotEventMap>(name: K, ...args: BotEventMap[K]): void {
    try {
      (this.events.emit as (n: K, ...a: BotEventMap[K]) => boolean)(name, ...args);
    } catch (err) {
      this.deps.logger.warn({ err, event: name }, 'a bot event listener failed');
    }
  }

  private async onCustomerMessage(context: TurnContext): Promise<void> {
    const data = conversationData(context);
    const text = (context.activity.text ?? '').trim();
    pushBounded(data.transcript, { role: 'customer', text: data.expectingSecret ? maskSecretAnswer(text) : maskText(text), at: new Date().toISOString() }, LIMITS.transcript);

    if (data.handoff.status !== 'none') return this.whileWithHumans(context, data, text);
    if (data.csat && data.csat.stage !== 'done' && (await this.continueSurvey(context, data, data.csat, text))) return;

    const dc = await this.dialogs.createContext(context);
    if (STOP.test(text)) {
      if (dc.activeDialog) {
        await dc.cancelAllDialogs();
        this.afterDialog(context, data, DialogTurnStatus.cancelled);
        return say(context, replies.cancelled);
      }
      return say(context, replies.nothingToCancel);
    }

    const picked = chosenIntent(context.activity.value);
    const recognition: Recognition = picked
      ? { text, intent: picked, score: 1, ranking: [{ intent: picked, score: 1 }], entities: (await this.deps.recognizer.recognize(text)).entities }
      : await this.deps.recognizer.recognize(text);
    const decision = picked ? ({ kind: 'answer', intent: picked } as Decision) : decide(recognition, this.deps.thresholds(), { consecutiveFallbacks: data.consecutiveFallbacks });

    if (dc.activeDialog) {
      if (this.isInterruption(recognition, decision, data)) {
        this.trail(data, recognition, 'interrupt');
        await dc.cancelAllDialogs();
        this.afterDialog(context, data, DialogTurnStatus.cancelled);
        return this.route(context, dc, recognition, decision);
      }
      if (decision.kind === 'answer' && decision.intent === 'help') {
        this.trail(data, recognition, 'interrupt');
        await say(context, replies.help);
        await dc.repromptDialog();
        return;
      }
      this.trail(data, recognition, 'slot');
      const result = await dc.continueDialog();
      this.afterDialog(context, data, result.status);
      return;
    }
    return this.route(context, dc, recognition, decision);
  }

  /** One place turns a routing decision into what the customer sees. */
  private async route(context: TurnContext, dc: DialogContext, recognition: Recognition, decision: Decision): Promise<void> {
    const data = conversationData(context);
    this.trail(data, recognition, decision.kind);
    this.emit('routed', {
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
        return say(
          context,
          replies.clarify,
          decision.candidates.map((intent) => ({ title: this.intents.get(intent)?.title ?? intentTitle(intent), intent })),
        );
      case 'handoff':
        return initiateHandoff(context, decision.reason, handoffSummary(decision.reason, data));
      case 'answer':
        data.consecutiveFallbacks = 0;
        return this.answer(context, dc, recognition, decision.intent);
    }
  }

  private async answer(context: TurnContext, dc: DialogContext, recognition: Recognition, intent: string): Promise<void> {
    const name = customerOf(context).name;
    switch (intent) {
      case 'greeting':
        return say(context, replies.greeting(name), CAPABILITIES);
      case 'goodbye':
        this.emit('goodbye', { conversationId: context.activity.conversation.id, channelId: context.activity.channelId, at: new Date() });
        await say(context, replies.goodbye);
        await this.askForRating(context, 'goodbye');
        return;
      case 'thanks':
        return say(context, replies.thanks);
      case 'help':
        return say(context, replies.help, CAPABILITIES);
      case 'agent.request':
        return initiateHandoff(context, 'asked_for_agent', `Customer asked for a person: "${maskText(recognition.text).slice(0, 120)}"`);
    }
    const skill = this.intents.get(intent);
    if (!skill) return say(context, replies.fallback, CAPABILITIES);
    const access = accessFor(skill, !!customerOf(context).customerId);
    if (access.kind === 'signIn') return say(context, replies.signInRequired(this.deps.signInUrl), ANONYMOUS_CAPABILITIES);
    // "don't cancel it" is classified as a cancellation: it must never start one.
    if (negatesIntent(intent, recognition.text)) return say(context, replies.negated, CAPABILITIES);
    const data = conversationData(context);
    data.activeIntent = intent;
    // Dialog options are saved with the dialog state (Redis, 24 h): never a card number or PIN (a gift card dialog reads them from the message itself).
    const result = await dc.beginDialog(access.dialogId, { recognition: maskRecognition(recognition) } satisfies SkillDialogOptions);
    this.afterDialog(context, data, result.status);
  }

  private afterDialog(context: TurnContext, data: ConversationData, status: DialogTurnStatus): void {
    if (status !== DialogTurnStatus.complete && status !== DialogTurnStatus.cancelled) return;
    data.expectingSecret = false;
    if (data.activeIntent) this.emit('skillEnded', { conversationId: context.activity.conversation.id, intent: data.activeIntent, outcome: status === DialogTurnStatus.complete ? 'completed' : 'cancelled', at: new Date() });
    data.activeIntent = undefined;
  }

  /**
   * A confident, different task in the middle of a dialog ("actually, where is my order?")
   * switches topic; a short answer to the dialog's question does not.
   */
  private isInterruption(r: Recognition, d: Decision, data: ConversationData): boolean {
    if (d.kind === 'handoff') return true;
    if (d.kind !== 'answer' || SMALL_TALK.has(d.intent) || d.intent === data.activeIntent) return false;
    if (!this.intents.has(d.intent) && d.intent !== 'agent.request') return false;
    const words = r.text.split(/\s+/).filter(Boolean).length;
    return words >= 3;
  }

  /** Waiting for or talking to a person: nothing goes to the classifier. */
  private async whileWithHumans(context: TurnContext, data: ConversationData, text: string): Promise<void> {
    if (data.handoff.status === 'waiting' && STOP.test(text)) {
      data.handoff = { status: 'none' };
      await context.sendActivity({ type: ActivityTypes.Event, name: 'handoff.cancel', value: { reason: 'customer_cancelled' } });
      return say(context, replies.leftQueue, CAPABILITIES);
    }
    // With an agent, the handoff hub relays messages; the bot stays quiet.
    if (data.handoff.status === 'waiting') return say(context, replies.stillWaiting);
  }

  /** `handoff.status` from the hub: accepted → with an agent; completed/failed → back to the bot. */
  private async onHandoffStatus(context: TurnContext): Promise<void> {
    const data = conversationData(context);
    const value = (context.activity.value ?? {}) as { state?: string; message?: string; agentName?: string; ticketId?: string };
    switch (value.state) {
      case 'accepted':
        data.handoff = { ...data.handoff, status: 'with_agent', agentName: value.agentName };
        return say(context, replies.agentJoined(value.agentName));
      case 'completed':
        data.handoff = { status: 'none' };
        await say(context, replies.agentLeft, CAPABILITIES);
        await this.askForRating(context, 'agent');
        return;
      case 'failed':
        data.handoff = { status: 'none' };
        // The hub stored the customer's message as a follow-up ticket (no agent could take the chat).
        if (value.ticketId) return say(context, replies.ticketStored(value.ticketId), CAPABILITIES);
        return say(context, replies.agentFailed, CAPABILITIES);
    }
  }

  /**
   * A proactive turn for a conversation that went idle (run it in the channel's
   * `continueConversation`): asks for a rating unless it was asked already or a person has the
   * conversation. @returns whether it asked.
   */
  async askForRatingWhenIdle(context: TurnContext): Promise<boolean> {
    let asked = false;
    await this.withTurn(context, async () => {
      if (conversationData(context).handoff.status === 'none') asked = await this.askForRating(context, 'idle');
    });
    return asked;
  }

  /** Starts the satisfaction survey, once per conversation. */
  private async askForRating(context: TurnContext, trigger: CsatState['trigger']): Promise<boolean> {
    const data = conversationData(context);
    if (data.csat) return false;
    data.csat = { stage: 'rating', trigger };
    this.emit('csat', { conversationId: context.activity.conversation.id, channelId: context.activity.channelId, stage: 'asked', trigger, at: new Date() });
    const question = trigger === 'agent' ? replies.csatAfterAgent : trigger === 'idle' ? replies.csatIdle : replies.csatQuestion;
    await say(context, question, RATING_SUGGESTIONS);
    return true;
  }

  /**
   * The survey's answers (a rating, then an optional comment) are never classified.
   * @returns false when the message is not for the survey (it ends, and the message is routed).
   */
  private async continueSurvey(context: TurnContext, data: ConversationData, csat: CsatState, text: string): Promise<boolean> {
    const base = { conversationId: context.activity.conversation.id, channelId: context.activity.channelId, trigger: csat.trigger };
    const clickedIntent = chosenIntent(context.activity.value) !== undefined;
    if (csat.stage === 'rating') {
      const rating = clickedIntent ? undefined : parseRating(text);
      data.csat = rating === undefined ? { ...csat, stage: 'done' } : { ...csat, stage: 'comment', rating };
      if (rating === undefined) {
        this.emit('csat', { ...base, stage: 'skipped', at: new Date() });
        return false;
      }
      this.emit('csat', { ...base, stage: 'rated', rating, at: new Date() });
      await say(context, replies.csatComment, [SKIP_COMMENT]);
      return true;
    }
    data.csat = { ...csat, stage: 'done' };
    if (clickedIntent) return false;
    if (isSkip(text) || text.toLowerCase() === SKIP_COMMENT.title.toLowerCase()) this.emit('csat', { ...base, stage: 'skipped', rating: csat.rating, at: new Date() });
    else this.emit('csat', { ...base, stage: 'commented', rating: csat.rating, comment: maskText(text).slice(0, MAX_COMMENT), at: new Date() });
    await say(context, replies.csatThanks);
    return true;
  }

  private trail(data: ConversationData, r: Recognition, decision: TrailEntry['decision']): void {
    pushBounded(data.trail, { text: data.expectingSecret ? maskSecretAnswer(r.text) : maskText(r.text), intent: r.intent, score: Math.round(r.score * 1000) / 1000, decision, at: new Date().toISOString() }, LIMITS.trail);
  }
}

const TITLES: Record<string, string> = {
  'subscription.list': 'See my subscriptions',
  'subscription.pause': 'Pause a subscription',
  'subscription.resume': 'Resume a subscription',
  'subscription.skip': 'Skip a delivery',
  'subscription.cancel': 'Cancel a subscription',
  'subscription.modify': 'Change a subscription',
  'shipping.track': 'Track my order',
  'shipping.problem': 'Report a delivery problem',
  'order.list': 'Show my orders',
  'order.cancel': 'Cancel an order',
  'giftcard.balance': 'Gift card balance',
  'giftcard.redeem': 'Redeem a gift card',
  'rewards.balance': 'My reward points',
  'rewards.history': 'Points history',
  'rewards.redeem': 'Use my points',
  'agent.request': 'Talk to a person',
  help: 'What can you do?',
  greeting: 'Say hello',
  goodbye: "That's all",
  thanks: 'Thanks',
};

/** A button title for an intent. */
export const intentTitle = (intent: string): string => TITLES[intent] ?? intent;

function handoffSummary(reason: string, data: ConversationData): string {
  const said = data.trail
    .slice(-3)
    .map((t) => `"${t.text.slice(0, 60)}"`)
    .join(', ');
  return reason === 'not_understood_twice' ? `Bot did not understand twice: ${said}` : `Handoff (${reason}) after ${said}`;
}
