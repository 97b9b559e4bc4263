import { withLogContext } from '../logging/logContext';
import type { OpsMetrics } from './opsMetrics';

/** What this middleware reads of a turn; a botbuilder `TurnContext` is one. */
export interface TurnLike {
  activity: { type?: string; channelId?: string; conversation?: { id?: string } };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- botbuilder's handler types stay in bot/
  onSendActivities(handler: (context: any, activities: { type?: string }[], next: () => Promise<any>) => Promise<any>): unknown;
}

/**
 * Channel middleware (`channel.use(...)`) for every turn, the bot's and proactive ones (agents'
 * messages): counts messages in and out by channel, counts turns that throw, and puts the
 * conversation id on every log line written during the turn.
 */
export function opsTurnMiddleware(metrics: OpsMetrics): (context: TurnLike, next: () => Promise<void>) => Promise<void> {
  return async (context, next) => {
    const channel = context.activity.channelId || 'unknown';
    if (context.activity.type === 'message') metrics.messages.inc({ channel, direction: 'in' });
    context.onSendActivities(async (_ctx, activities, sendNext) => {
      for (const a of activities) if (a.type === 'message') metrics.messages.inc({ channel, direction: 'out' });
      return sendNext();
    });
    try {
      await withLogContext({ conversationId: context.activity.conversation?.id }, next);
    } catch (err) {
      metrics.errors.inc({ type: 'bot_turn' });
      throw err;
    }
  };
}
