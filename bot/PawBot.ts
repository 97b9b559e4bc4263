import { ActivityHandler, HandoffEventNames, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogContext, type DialogState, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Logger } from '../platform/logger';
import { safeEmitter } from '../platform/events/safeEmit';
import { maskSecretAnswer, maskText } from '../platform/mask';
import { isHubTurn } from './handoff/hubTurn';
import { BotEvents, type EmitBotEvent } from './botEvents';
import { SatisfactionSurvey } from './csat/satisfactionSurvey';
import { accessFor } from './access/accessFor';
import { ApiFailureDialog } from './dialogs/apiFailureDialog';
import { isBackOut } from './dialogs/backOut';
import { readConsent } from './dialogs/consent';
import { matchChoice } from './dialogs/matchChoice';
import { isCorrection } from './dialogs/correction';
import type { Skill, SkillDialogOptions, SkillIntent } from './dialogs/skill';
import { handoffSummary } from './handoff/handoffSummary';
import { HandoffStatusTurns } from './handoff/handoffStatusTurns';
import { initiateHandoff } from './handoff/initiateHandoff';
import { maskRecognition } from '../nlu/maskRecognition';
import type { Recognition, Recognizer } from '../nlu/recognizer';
import { catalogRow } from '../intents/catalog';
import { ANONYMOUS_CAPABILITIES, CAPABILITIES, replies } from './replies';
import { decide, type Decision } from './routing/decide';
import { impliedIntent } from './routing/impliedIntent';
import { negatesIntent, withoutRefusedClauses } from './routing/negatedRequest';
import type { Thresholds } from '../nlu/thresholds';
import { LIMITS, pushBounded, type ConversationData, type TrailEntry } from './state/conversationData';
import { splitRequests } from './routing/splitRequests';
import { promptTurn } from './turn/promptTurn';
import { say } from './turn/say';
import { chosenIntent } from './turn/suggestions';
import { conversationData, customerOf } from './turn/turnMemory';
import { TurnScope } from './turn/turnScope';

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

/**
 * The bot: every customer message is classified, routed by confidence (one routing function
 * decides answer, clarify, fallback or hand off) and served by a skill dialog. In the middle of
 * a dialog the waiting prompt reads the message first; a back-out, a side question or another
 * request work at any prompt (see `atPrompt`). While a conversation waits
 * for or talks to a human agent, the bot does not classify anything.
 */
export class PawBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly data: StatePropertyAccessor<ConversationData>;
  private readonly dialogs: DialogSet;
  private readonly intents = new Map<string, SkillIntent>();
  /** Turns whose message answers a secret prompt (card number, PIN): their trail entry hides every digit. */
  private readonly secretAnswers = new WeakSet<ConversationData>();
  /** Where observers subscribe. */
  readonly events: BotEvents;
  /** Observers never break a turn. */
  private readonly emit: EmitBotEvent;
  private readonly scope: TurnScope;
  private readonly survey: SatisfactionSurvey;
  private readonly handoffTurns: HandoffStatusTurns;

  constructor(private readonly deps: PawBotDeps) {
    super();
    this.events = deps.events ?? new BotEvents();
    this.emit = safeEmitter(this.events, deps.logger, 'bot');
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.data = deps.conversationState.createProperty<ConversationData>('paw');
    this.scope = new TurnScope({ data: this.data, conversationState: deps.conversationState, logger: deps.logger, emit: this.emit });
    this.survey = new SatisfactionSurvey(this.emit);
    this.handoffTurns = new HandoffStatusTurns(this.survey);
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(new ApiFailureDialog());
    for (const skill of deps.skills) {
      for (const d of skill.dialogs) this.dialogs.add(d);
      for (const i of skill.intents) this.intents.set(i.intent, i);
    }

    this.onMembersAdded(async (context, next) => {
      const bot = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id !== bot)) {
        await this.scope.run(context, async () => say(context, replies.welcome(customerOf(context).name), CAPABILITIES));
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.scope.run(context, async () => this.onCustomerMessage(context));
      await next();
    });

    this.onEvent(async (context, next) => {
      // Only the hub may say an agent joined or left; a client can post an event of any name.
      if (context.activity.name === HandoffEventNames.HandoffStatus && isHubTurn(context)) await this.scope.run(context, async () => this.handoffTurns.onStatus(context));
      await next();
    });
  }

  private async onCustomerMessage(context: TurnContext): Promise<void> {
    const data = conversationData(context);
    const text = (context.activity.text ?? '').trim();
    // The prompt may take the secret and clear the flag before the trail is written: remember it for the turn.
    if (data.expectingSecret) this.secretAnswers.add(data);
    else this.secretAnswers.delete(data);
    pushBounded(data.transcript, { role: 'customer', text: data.expectingSecret ? maskSecretAnswer(text) : maskText(text), at: new Date().toISOString() }, LIMITS.transcript);

    if (data.handoff.status !== 'none') return this.handoffTurns.whileWithHumans(context, data, text);
    if (data.csat && data.csat.stage !== 'done' && (await this.survey.continue(context, data, data.csat, text))) return;

    const dc = await this.dialogs.createContext(context);
    const clarifying = data.clarifying;
    data.clarifying = undefined;
    const picked = chosenIntent(context.activity.value);
    const rest = picked || dc.activeDialog ? undefined : withoutRefusedClauses(text);
    const recognition: Recognition = picked
      ? { text, intent: picked, score: 1, ranking: [{ intent: picked, score: 1 }], entities: (await this.deps.recognizer.recognize(text)).entities }
      : await this.recognizeAsked(text, rest);
    let decision = picked ? ({ kind: 'answer', intent: picked } as Decision) : decide(recognition, this.deps.thresholds(), { consecutiveFallbacks: data.consecutiveFallbacks });
    // "6006 4912 3456 1001" after "did you mean one of these?": the number says what it is about.
    const implied = dc.activeDialog || decision.kind === 'answer' || (decision.kind === 'handoff' && decision.reason === 'asked_for_agent') ? undefined : impliedIntent(recognition);
    if (implied && this.intents.has(implied)) decision = { kind: 'answer', intent: implied };
    promptTurn.setHeard(context, recognition);
    const afterAction = data.afterAction === true;
    data.afterAction = undefined;

    if (dc.activeDialog) await this.atPrompt(context, dc, text, recognition, decision, picked !== undefined);
    // A clear new request after "did you mean…?" is read as itself; a yes, a no or an option's words answer the question.
    else if (!picked && clarifying && (decision.kind !== 'answer' || readConsent(text)) && (await this.afterClarify(context, dc, text, clarifying))) return this.serveQueued(context, dc);
    else await this.withoutFlow(context, dc, text, recognition, decision, picked !== undefined, afterAction);
    await this.serveQueued(context, dc);
  }

  /**
   * The whole message's entities and words (the product named in "don't cancel the dental
   * chews, just send them every 6 weeks" is still the one meant), classified by what is left
   * once the refused clause is dropped.
   */
  private async recognizeAsked(text: string, rest: string | undefined): Promise<Recognition> {
    const whole = await this.deps.recognizer.recognize(text);
    if (!rest) return whole;
    const { intent, score, ranking } = await this.deps.recognizer.recognize(rest);
    return { ...whole, intent, score, ranking };
  }

  /**
   * A message while a flow waits for an answer. The prompt gets it first; what it can't use is
   * a back-out, another request (answered, then the same question again; or, for the same
   * domain or a person, a change of topic), or else insisted on (the prompt says what it needs).
   */
  private async atPrompt(context: TurnContext, dc: DialogContext, text: string, recognition: Recognition, decision: Decision, clicked: boolean): Promise<void> {
    const data = conversationData(context);
    const depth = dc.stack.length;
    if (!clicked) {
      const result = await dc.continueDialog();
      if (!promptTurn.takeDeclined(context)) {
        this.trail(data, recognition, 'slot');
        return this.afterContinue(context, dc, depth, result);
      }
    }
    if (isBackOut(text)) {
      this.trail(data, recognition, 'interrupt');
      await this.endFlows(context, dc);
      data.consecutiveFallbacks = 0;
      return say(context, replies.cancelled, CAPABILITIES);
    }
    const other = this.otherRequest(recognition, decision, data, clicked);
    if (other === 'switch') {
      this.trail(data, recognition, 'interrupt');
      await this.endFlows(context, dc);
      // The customer must know the change they were confirming is dropped, not applied.
      if (decision.kind === 'answer' && this.intents.has(decision.intent)) await say(context, replies.leftFlow);
      return this.route(context, dc, recognition, decision);
    }
    if (other === 'aside') return this.aside(context, dc, recognition, decision, depth);
    if (isCorrection(text) && data.activeIntent && !data.suspended?.length) return this.restartCorrected(context, dc, recognition, data.activeIntent);
    promptTurn.insist(context);
    this.trail(data, recognition, 'slot');
    const result = await dc.continueDialog();
    return this.afterContinue(context, dc, depth, result);
  }

  /**
   * What a message the prompt could not use asks for: `aside` a request or question of another
   * domain (served on top of the waiting flow), `switch` a new task in the same domain, a person,
   * or goodbye (the waiting flow ends), or nothing (it is for the prompt).
   */
  private otherRequest(r: Recognition, d: Decision, data: ConversationData, clicked: boolean): 'aside' | 'switch' | undefined {
    if (d.kind === 'handoff') return d.reason === 'asked_for_agent' ? 'switch' : undefined;
    if (d.kind !== 'answer' || d.intent === 'none') return undefined;
    if (d.intent === 'agent.request') return 'switch';
    // Only a real goodbye ends a flow: a short answer such as "both" may be classified as one.
    if (d.intent === 'goodbye') return GOODBYE.test(r.text) ? 'switch' : undefined;
    if (catalogRow(d.intent)?.kind === 'smallTalk') return 'aside';
    if (!this.intents.has(d.intent) || d.intent === data.activeIntent) return undefined;
    if (!clicked && r.text.split(/\s+/).filter(Boolean).length < 2) return undefined;
    // "the hamster wheel" at "which one?": a thing named is an attempt at the answer, not a new request.
    if (!clicked && NAMED_THING.test(r.text) && !VERBISH.test(r.text)) return undefined;
    // A look-up ("what are my subscriptions?") never ends the flow it interrupts.
    if (this.intents.get(d.intent)?.readOnly) return 'aside';
    // "… too", "also …": one more request, served before the waiting one, which is not dropped.
    if (/\b(?:too|also|as well)\b/i.test(r.text)) return 'aside';
    return domainOf(d.intent) === domainOf(data.activeIntent) ? 'switch' : 'aside';
  }

  /**
   * "no, I meant the cat litter" at a question other than the confirmation: the same task again,
   * about what the correction names, with the other details of the first request ("for 3
   * weeks") still given.
   */
  private async restartCorrected(context: TurnContext, dc: DialogContext, correction: Recognition, intent: string): Promise<void> {
    const data = conversationData(context);
    this.trail(data, correction, 'interrupt');
    const kept = (data.requestDetails ?? []).filter((d) => !correction.entities.some((e) => e.type === d.type)).map((d) => d.text);
    const r = kept.length ? await this.deps.recognizer.recognize([correction.text, ...kept].join(' ')) : correction;
    await dc.cancelAllDialogs();
    promptTurn.setHeard(context, r);
    return this.answer(context, dc, { ...r, intent }, intent);
  }

  /** A side request mid-flow: answer it, then the flow resumes with its question. */
  private async aside(context: TurnContext, dc: DialogContext, recognition: Recognition, decision: Decision, depth: number): Promise<void> {
    const data = conversationData(context);
    this.trail(data, recognition, 'interrupt');
    const waiting = data.activeIntent;
    data.suspended = [...(data.suspended ?? []), waiting ?? ''];
    promptTurn.markAside(context);
    await this.route(context, dc, recognition, decision);
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
    if (data.activeIntent && data.activeIntent !== back) this.emit('skillEnded', { conversationId: context.activity.conversation.id, intent: data.activeIntent, outcome: 'completed', at: new Date() });
    data.activeIntent = back;
  }

  private afterContinue(context: TurnContext, dc: DialogContext, depth: number, { status, result }: DialogTurnResult): void {
    const data = conversationData(context);
    if (status === DialogTurnStatus.complete || status === DialogTurnStatus.cancelled) {
      // A change the API refused is not done: a yes after it is not "already done".
      const refused = typeof result === 'object' && result !== null && 'refused' in result;
      if (status === DialogTurnStatus.complete && promptTurn.consented(context) && !refused) data.afterAction = true;
      data.suspended = undefined;
      return this.afterDialog(context, data, status);
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
    this.afterDialog(context, data, DialogTurnStatus.cancelled);
  }

  /**
   * The answer to "did you mean one of these?" typed instead of clicked: "yes" takes the best
   * guess, "the second one" or words of an option take that option (each with what the first
   * message said, so nothing is asked again); every flow still confirms before changing anything.
   * @returns false when the message is not about the question (it is then read as usual).
   */
  private async afterClarify(context: TurnContext, dc: DialogContext, text: string, clarifying: NonNullable<ConversationData['clarifying']>): Promise<boolean> {
    const consent = readConsent(text);
    if (consent === 'no') {
      await say(context, replies.readyToHelp, CAPABILITIES);
      return true;
    }
    const titles = clarifying.candidates.map((intent) => ({ title: this.intents.get(intent)?.title ?? intentTitle(intent) }));
    const m = consent === 'yes' ? ({ kind: 'one', index: 0 } as const) : matchChoice(text, titles);
    if (m.kind !== 'one') return false;
    const intent = clarifying.candidates[m.index]!;
    const r = await this.deps.recognizer.recognize(clarifying.text);
    promptTurn.setHeard(context, r);
    await this.route(context, dc, { ...r, intent, score: 1 }, { kind: 'answer', intent });
    return true;
  }

  /** A message with no flow in progress. */
  private async withoutFlow(context: TurnContext, dc: DialogContext, text: string, recognition: Recognition, decision: Decision, clicked: boolean, afterAction: boolean): Promise<void> {
    const data = conversationData(context);
    const consent = clicked ? undefined : readConsent(text);
    const polite = decision.kind === 'answer' && (decision.intent === 'thanks' || decision.intent === 'goodbye');
    if (consent && !polite) {
      // A yes or no with no question pending is never a new consent, and never "not understood".
      this.trail(data, recognition, 'answer');
      if (consent === 'yes') return afterAction ? say(context, replies.alreadyDone, CAPABILITIES) : say(context, replies.readyToHelp, CAPABILITIES);
      return say(context, replies.nothingElse);
    }
    if (isBackOut(text)) {
      this.trail(data, recognition, 'answer');
      data.consecutiveFallbacks = 0;
      return say(context, replies.nothingToCancel);
    }
    if (!clicked && (await this.severalRequests(context, dc, text))) return;
    return this.route(context, dc, recognition, decision);
  }

  /**
   * "skip my next litter delivery, and what's my points balance?": when every part of a message
   * is a clear request of its own, quick answers come first, then the others one after the other
   * (each with the details its part gave). @returns false when the message is one request.
   */
  private async severalRequests(context: TurnContext, dc: DialogContext, text: string): Promise<boolean> {
    const parts = splitRequests(text);
    // "order PS-10030 never showed up?? what happened": a part of two words asks nothing of its own.
    if (parts.length < 2 || parts.some((p) => p.split(/\s+/).filter(Boolean).length < 3)) return false;
    // "dont cancel my bird seed!! i just want to skip the next bag": a refusal is no request; the message is read whole.
    if (withoutRefusedClauses(text) !== undefined) return false;
    const thresholds = this.deps.thresholds();
    const requests = await Promise.all(
      parts.map(async (part) => {
        const r = await this.deps.recognizer.recognize(part);
        return { r, d: decide(r, thresholds, { consecutiveFallbacks: 0 }) };
      }),
    );
    const intents = requests.map(({ d }) => (d.kind === 'answer' && this.intents.has(d.intent) ? d.intent : undefined));
    const secret = requests.map(({ r }) => r.entities.some((e) => e.type === 'pin' || e.type === 'giftCardNumber'));
    if (secret.filter(Boolean).length > 1 || intents.some((i) => i === undefined) || new Set(intents).size < intents.length) return false;
    // A part with a card number or PIN is served now: what waits in the queue is kept masked, and would lose it.
    const rank = (i: number) => (secret[i] ? 0 : this.intents.get(intents[i]!)!.readOnly === true ? 1 : 2);
    const ordered = requests.map((x, i) => ({ ...x, quick: rank(i) })).sort((a, b) => a.quick - b.quick);
    const [first, ...rest] = ordered;
    // Another request waits: the first must not end on a question of its own ("shall I get you a person?").
    promptTurn.markAside(context);
    await this.route(context, dc, first!.r, first!.d);
    const data = conversationData(context);
    // Kept in conversation state until served: masked like every other kept text.
    data.queued = [...rest.map((x) => maskText(x.r.text)), ...(data.queued ?? [])];
    return true;
  }

  /** Serves queued requests once nothing is in progress. */
  private async serveQueued(context: TurnContext, dc: DialogContext): Promise<void> {
    const data = conversationData(context);
    while (data.queued?.length && !dc.activeDialog && data.handoff.status === 'none') {
      const next = data.queued.shift()!;
      if (data.queued.length === 0) data.queued = undefined;
      const r = await this.deps.recognizer.recognize(next);
      promptTurn.setHeard(context, r);
      await this.route(context, dc, r, decide(r, this.deps.thresholds(), { consecutiveFallbacks: 0 }));
    }
    // A person took the conversation: what was queued before is theirs to handle now.
    if (data.handoff.status !== 'none') data.queued = undefined;
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
        data.clarifying = { text: maskText(recognition.text), candidates: decision.candidates };
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
        await this.survey.ask(context, 'goodbye');
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
    // The details of a new task ("for 3 weeks"), kept for a correction of what it is about; never secrets.
    if (!dc.activeDialog) data.requestDetails = recognition.entities.filter((e) => e.type !== 'pin' && e.type !== 'giftCardNumber').map((e) => ({ type: e.type, text: e.text }));
    // Dialog options are saved with the dialog state (Redis, 24 h): never a card number or PIN (a gift card dialog reads them from the message itself).
    const result = await dc.beginDialog(access.dialogId, { recognition: maskRecognition(recognition), ...(promptTurn.aside(context) ? { aside: true } : {}) } satisfies SkillDialogOptions);
    this.afterDialog(context, data, result.status);
  }

  private afterDialog(context: TurnContext, data: ConversationData, status: DialogTurnStatus): void {
    if (status !== DialogTurnStatus.complete && status !== DialogTurnStatus.cancelled) return;
    data.expectingSecret = false;
    if (data.activeIntent) this.emit('skillEnded', { conversationId: context.activity.conversation.id, intent: data.activeIntent, outcome: status === DialogTurnStatus.complete ? 'completed' : 'cancelled', at: new Date() });
    data.activeIntent = undefined;
  }

  /**
   * A proactive turn for a conversation that went idle (run it in the channel's
   * `continueConversation`): asks for a rating unless it was asked already or a person has the
   * conversation. @returns whether it asked.
   */
  async askForRatingWhenIdle(context: TurnContext): Promise<boolean> {
    let asked = false;
    await this.scope.run(context, async () => {
      if (conversationData(context).handoff.status === 'none') asked = await this.survey.ask(context, 'idle');
    });
    return asked;
  }

  private trail(data: ConversationData, r: Recognition, decision: TrailEntry['decision']): void {
    pushBounded(data.trail, { text: data.expectingSecret || this.secretAnswers.has(data) ? maskSecretAnswer(r.text) : maskText(r.text), intent: r.intent, score: Math.round(r.score * 1000) / 1000, decision, at: new Date().toISOString() }, LIMITS.trail);
  }
}

/** A bare noun phrase: "the hamster wheel", "that one", "my cat's food". */
const NAMED_THING = /^\s*(?:the|that|this|my|our)\s+[\w'’-]+(?:\s+[\w'’-]+){0,2}\s*[.!?]?\s*$/i;
const VERBISH = /\b(?:is|are|was|were|isn'?t|wasn'?t|did|didn'?t|does|doesn'?t|has|hasn'?t|have|came|arrived|broke|broken|missing|late|want|need|cancel|pause|skip|stop|change|redeem|check|track)\b/i;
const GOODBYE = /\b(?:bye|goodbye|good night|see (?:you|ya)|that'?s (?:all|it)|i'?m done|have a (?:good|nice))\b/i;

/** "subscription.pause" → "subscription": intents of one domain replace each other mid-flow. */
const domainOf = (intent: string | undefined): string => (intent ?? '').split('.')[0]!;

/** A button title for an intent. */
export const intentTitle = (intent: string): string => catalogRow(intent)?.title ?? intent;
