import { ActivityTypes, HandoffEventNames, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { Logger } from '../../platform/logger';
import { maskText } from '../../platform/mask';
import type { EmitBotEvent } from '../botEvents';
import type { HandoffPacket } from '../handoff/handoffPacket';
import { identityOf } from '../identity';
import { SECRET_PROMPT_KEY } from '../secretPrompt';
import { emptyConversationData, LIMITS, pushBounded, type ConversationData } from '../state/conversationData';
import { setTurnMemory } from './turnMemory';

/**
 * What every bot turn is wrapped in: conversation state loaded (and saved, also when the turn
 * throws), the duplicate filter (a redelivered message is ignored), the bot's replies in the
 * transcript, the `handoff` event when a reply hands off, and the turn's timing (`turn` event).
 */
export class TurnScope {
  constructor(
    private readonly deps: {
      data: StatePropertyAccessor<ConversationData>;
      conversationState: ConversationState;
      logger: Logger;
      emit: EmitBotEvent;
    },
  ) {}

  /** Loads state, records the transcript, runs `fn`, saves state (also when `fn` throws). */
  async run(context: TurnContext, fn: () => Promise<void>): Promise<void> {
    const data = await this.deps.data.get(context, emptyConversationData());
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
          this.deps.emit('handoff', { conversationId, channelId, ...(identity.clientAddress ? { clientAddress: identity.clientAddress } : {}), packet: a.value as HandoffPacket, at: new Date() });
        }
      }
      return nextSend();
    });
    try {
      await fn();
    } finally {
      await this.deps.conversationState.saveChanges(context);
      this.deps.emit('turn', { conversationId, channelId, activityType: context.activity.type ?? '', ms: performance.now() - started, firstReplyMs, at: new Date() });
    }
  }
}
