import { CloudAdapter, ShowTypingMiddleware, type Activity, type ConversationReference, type TurnContext } from 'botbuilder';
import { ClaimsIdentity, type AuthenticateRequestResult } from 'botframework-connector';
import type { Logger } from '../../platform/logger';
import type { ConversationSink } from './conversationSink';
import { InProcessBotFrameworkAuthentication } from './inProcessBotFrameworkAuthentication';
import { IN_PROCESS_SERVICE_URL, InProcessConnectorFactory } from './inProcessConnectorFactory';

/** What the adapter runs: a botbuilder `ActivityHandler` or anything with the same `run`. */
export interface TurnBot {
  run(context: TurnContext): Promise<void>;
}

export interface InProcessAdapterOptions {
  bot: TurnBot;
  /** Receives everything the bot sends. */
  sink: ConversationSink;
  logger: Logger;
  /** Show a typing indicator when a message turn takes longer than this; 0 turns it off. */
  typingDelayMs?: number;
  /** What the user reads when a turn throws. */
  apology?: string;
}

/**
 * botbuilder's `CloudAdapter`, fed in-process: inbound activities go straight to
 * `processActivityDirect`, outbound calls land in the {@link ConversationSink}, and
 * `continueConversationAsync` (proactive and agent messages) uses the same connector.
 */
export class InProcessAdapter {
  readonly cloud: CloudAdapter;
  private readonly connectorFactory: InProcessConnectorFactory;

  constructor(private readonly options: InProcessAdapterOptions) {
    this.connectorFactory = new InProcessConnectorFactory(options.sink, options.logger);
    this.cloud = new CloudAdapter(new InProcessBotFrameworkAuthentication(this.connectorFactory));
    const typingDelay = options.typingDelayMs ?? 600;
    if (typingDelay > 0) this.cloud.use(new ShowTypingMiddleware(typingDelay, 2500));
    this.cloud.onTurnError = async (context, error) => {
      options.logger.error({ err: error, conversationId: context.activity.conversation?.id, activityType: context.activity.type }, 'bot turn failed');
      if (context.activity.type !== 'message') return;
      try {
        await context.sendActivity(options.apology ?? 'Sorry, something went wrong on our side. Please try again in a moment.');
      } catch (err) {
        options.logger.warn({ err }, 'could not send the apology');
      }
    };
  }

  /**
   * Runs one bot turn for an inbound activity (Bot Framework JSON as a channel would POST it).
   * Resolves when the turn is over; turn errors are handled by the adapter's `onTurnError`.
   */
  async deliver(activity: Record<string, unknown>): Promise<void> {
    const typed = {
      ...activity,
      serviceUrl: IN_PROCESS_SERVICE_URL,
      ...(typeof activity.timestamp === 'string' ? { timestamp: new Date(activity.timestamp) } : {}),
      ...(typeof activity.localTimestamp === 'string' ? { localTimestamp: new Date(activity.localTimestamp) } : {}),
    } as unknown as Activity;
    const auth: AuthenticateRequestResult = {
      claimsIdentity: new ClaimsIdentity([], 'anonymous'),
      audience: 'in-process',
      callerId: undefined as unknown as string,
      connectorFactory: this.connectorFactory,
    };
    await this.cloud.processActivityDirect(auth, typed, (context) => this.options.bot.run(context));
  }

  /** Runs `logic` in a proactive turn of the referenced conversation (e.g. to send an agent's message). */
  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.cloud.continueConversationAsync('', { serviceUrl: IN_PROCESS_SERVICE_URL, ...reference }, logic);
  }
}
