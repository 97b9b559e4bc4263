import { randomUUID } from 'node:crypto';
import { notFound } from '../../../platform/errors';
import type { ConversationSink } from '../../adapter/conversationSink';
import { seqOfActivityId, type ActivityLog, type ChatAccount, type ConversationInfo, type NewChatActivity } from '../activityLog';

/**
 * The bot's side of the Direct Line channel: what botbuilder sends lands in the activity log as
 * a `role: 'bot'` activity, shaped like Direct Line's own (no internal handoff events, no
 * `replyToId` pointing at a continuation activity no client saw).
 */
export function directLineSink(o: {
  channelId: string;
  bot: ChatAccount;
  log: ActivityLog;
  /** @throws AppError 404 when the conversation does not exist */
  conversation(conversationId: string): Promise<ConversationInfo>;
}): ConversationSink {
  return {
    send: async (conversationId, activity, options = {}) => {
      if (options.replacesId !== undefined) {
        const seq = seqOfActivityId(conversationId, options.replacesId);
        const info = await o.conversation(conversationId);
        if (seq === undefined || seq > info.lastSeq) throw notFound('There is no such activity in this conversation.');
      }
      // Handoff events are runtime signals between the bot and the hub: the packet is for agents, not the customer's client.
      if (activity.type === 'event' && typeof activity.name === 'string' && activity.name.startsWith('handoff.')) return { id: `${conversationId}|internal-${randomUUID()}` };
      const from = (activity.from ?? {}) as Partial<ChatAccount>;
      const channelData = activity.channelData && typeof activity.channelData === 'object' ? { ...(activity.channelData as Record<string, unknown>) } : undefined;
      if (channelData) delete channelData['webchat:sequence-id'];
      const { id: _id, timestamp: _ts, serviceUrl: _s, callerId: _c, deliveryMode: _d, ...rest } = activity;
      const out: NewChatActivity = {
        ...rest,
        type: typeof activity.type === 'string' ? activity.type : 'message',
        channelId: o.channelId,
        from: {
          id: typeof from.id === 'string' && from.id ? from.id : o.bot.id,
          ...(typeof from.name === 'string' && from.name ? { name: from.name } : o.bot.name ? { name: o.bot.name } : {}),
          role: 'bot',
        },
        conversation: { id: conversationId },
        ...(channelData ? { channelData } : {}),
      };
      if (!channelData) delete out.channelData;
      // A proactive turn replies to a synthetic continuation activity no client ever saw; Web Chat would wait for it.
      if (typeof out.replyToId === 'string' && seqOfActivityId(conversationId, out.replyToId) === undefined) delete out.replyToId;
      const entry = await o.log.append(conversationId, out, options);
      return { id: entry.activity.id };
    },
    members: async (conversationId) => {
      const { meta } = await o.conversation(conversationId);
      return [{ id: meta.userId, ...(meta.name ? { name: meta.name } : {}), role: 'user' }, o.bot];
    },
  };
}
