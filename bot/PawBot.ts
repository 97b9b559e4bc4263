import { ActivityHandler, HandoffEventNames, type ConversationState, type TurnContext } from 'botbuilder';
import { DialogSet, type DialogState } from 'botbuilder-dialogs';
import type { Logger } from '../platform/logger';
import { safeEmitter } from '../platform/events/safeEmit';
import { maskSecretAnswer, maskText } from '../platform/mask';
import type { Recognition, Recognizer } from '../nlu/recognizer';
import type { Thresholds } from '../nlu/thresholds';
import { isHubTurn } from './handoff/hubTurn';
import { BotEvents } from './botEvents';
import { SatisfactionSurvey } from './csat/satisfactionSurvey';
import { ApiFailureDialog } from './dialogs/apiFailureDialog';
import { readConsent } from './dialogs/consent';
import type { Skill, SkillIntent } from './dialogs/skill';
import { HandoffStatusTurns } from './handoff/handoffStatusTurns';
import { CAPABILITIES, replies } from './replies';
import { decide, type Decision } from './routing/decide';
import { impliedIntent } from './routing/impliedIntent';
import { withoutRefusedClauses } from './routing/negatedRequest';
import { LIMITS, pushBounded, type ConversationData } from './state/conversationData';
import { promptTurn } from './turn/promptTurn';
import { say } from './turn/say';
import { chosenIntent } from './turn/suggestions';
import { conversationData, customerOf } from './turn/turnMemory';
import { TurnScope } from './turn/turnScope';
import { afterClarify } from './conversation/afterClarify';
import { AtPrompt } from './conversation/atPrompt';
import type { ConversationContext } from './conversation/conversationContext';
import { PlainTurn } from './conversation/plainTurn';
import { recognizeAsked } from './conversation/recognizeAsked';
import { Router } from './conversation/router';
import { SeveralRequests } from './conversation/severalRequests';
import { TurnTrail } from './conversation/turnTrail';

export { intentTitle } from './conversation/intentTitle';

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
 * request work at any prompt (see `AtPrompt`). While a conversation waits
 * for or talks to a human agent, the bot does not classify anything.
 */
export class PawBot extends ActivityHandler {
  private readonly dialogs: DialogSet;
  /** Where observers subscribe. */
  readonly events: BotEvents;
  private readonly scope: TurnScope;
  private readonly survey: SatisfactionSurvey;
  private readonly handoffTurns: HandoffStatusTurns;
  /** Every skill intent, by intent name. */
  private readonly intents = new Map<string, SkillIntent>();
  private readonly ctx: ConversationContext;
  private readonly router: Router;
  private readonly requests: SeveralRequests;
  private readonly atPrompt: AtPrompt;
  private readonly plainTurn: PlainTurn;

  constructor(private readonly deps: PawBotDeps) {
    super();
    this.events = deps.events ?? new BotEvents();
    // Observers never break a turn.
    const emit = safeEmitter(this.events, deps.logger, 'bot');
    this.scope = new TurnScope({ data: deps.conversationState.createProperty<ConversationData>('paw'), conversationState: deps.conversationState, logger: deps.logger, emit });
    this.survey = new SatisfactionSurvey(emit);
    this.handoffTurns = new HandoffStatusTurns(this.survey);
    this.dialogs = new DialogSet(deps.conversationState.createProperty<DialogState>('dialogState'));
    this.dialogs.add(new ApiFailureDialog());
    for (const skill of deps.skills) {
      for (const d of skill.dialogs) this.dialogs.add(d);
      for (const i of skill.intents) this.intents.set(i.intent, i);
    }
    this.ctx = { recognizer: deps.recognizer, thresholds: deps.thresholds, signInUrl: deps.signInUrl, intents: this.intents, emit, survey: this.survey, trail: new TurnTrail() };
    this.router = new Router(this.ctx);
    this.requests = new SeveralRequests(this.ctx, this.router);
    this.atPrompt = new AtPrompt(this.ctx, this.router);
    this.plainTurn = new PlainTurn(this.ctx, this.router, this.requests);

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
    this.ctx.trail.begin(data);
    pushBounded(data.transcript, { role: 'customer', text: data.expectingSecret ? maskSecretAnswer(text) : maskText(text), at: new Date().toISOString() }, LIMITS.transcript);

    if (await this.handoffTurns.whileWithHumans(context, data)) return;
    if (data.csat && data.csat.stage !== 'done' && (await this.survey.continue(context, data, data.csat, text))) return;

    const dc = await this.dialogs.createContext(context);
    const clarifying = data.clarifying;
    data.clarifying = undefined;
    const picked = chosenIntent(context.activity.value);
    const rest = picked || dc.activeDialog ? undefined : withoutRefusedClauses(text);
    const recognition: Recognition = picked
      ? { text, intent: picked, score: 1, ranking: [{ intent: picked, score: 1 }], entities: (await this.deps.recognizer.recognize(text)).entities }
      : await recognizeAsked(this.deps.recognizer, text, rest);
    let decision = picked ? ({ kind: 'answer', intent: picked } as Decision) : decide(recognition, this.deps.thresholds(), { consecutiveFallbacks: data.consecutiveFallbacks });
    // "6006 4912 3456 1001" after "did you mean one of these?": the number says what it is about.
    const implied = dc.activeDialog || decision.kind === 'answer' || (decision.kind === 'handoff' && decision.reason === 'asked_for_agent') ? undefined : impliedIntent(recognition);
    if (implied && this.intents.has(implied)) decision = { kind: 'answer', intent: implied };
    promptTurn.setHeard(context, recognition);
    const afterAction = data.afterAction === true;
    data.afterAction = undefined;

    if (dc.activeDialog) await this.atPrompt.serve(context, dc, text, recognition, decision, picked !== undefined);
    // A clear new request after "did you mean…?" is read as itself; a yes, a no or an option's words answer the question.
    else if (!picked && clarifying && (decision.kind !== 'answer' || readConsent(text)) && (await afterClarify(this.ctx, this.router, context, dc, text, clarifying))) return this.requests.serveQueued(context, dc);
    else await this.plainTurn.serve(context, dc, text, recognition, decision, picked !== undefined, afterAction);
    await this.requests.serveQueued(context, dc);
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
}
