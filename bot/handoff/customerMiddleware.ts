import { ActivityTypes, HandoffEventNames, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import { maskText } from '../../platform/mask';
import type { TranscriptLine } from '../state/conversationData';
import type { CustomerLink } from './customerLink';
import { HANDOFF_PRIORITY, type HandoffPacket } from './handoffPacket';
import type { HandoffConversation, HandoffLine } from './handoffRecords';
import { handoffReplies } from './handoffReplies';
import type { HubContext } from './hubContext';
import { markNotWithHumans } from './hubTurn';
import type { QueueAnnouncer } from './queueAnnouncer';
import { isStopRequest } from './stopRequest';

const LEAVE = /^\s*(leave (a )?message|leave a note)\s*[.!]*\s*$/i;
const KEEP = /^\s*(keep waiting|i'?ll wait|wait)\s*[.!]*\s*$/i;

/**
 * The customer side of the hub, as botbuilder middleware on the bot's adapter (whatever the
 * channel): it catches the bot's `handoff.initiate` event and queues the conversation with its
 * packet; from then on it handles the customer's messages itself (they never reach the
 * classifier): kept for the agent while waiting, relayed once an agent has the chat, stored as
 * a ticket when they leave a message. A stop request leaves the queue, and the bot hears it as a
 * `handoff.status` turn; every message the hub lets through is marked as not held by a person.
 */
export class CustomerMiddleware implements Middleware {
  constructor(
    private readonly c: HubContext,
    private readonly link: CustomerLink,
    private readonly announcer: QueueAnnouncer,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (ctx, activities, nextSend) => {
      const initiations = activities.filter((a) => a.type === ActivityTypes.Event && a.name === HandoffEventNames.InitiateHandoff);
      // Queued before the event goes out, so the customer's very next message is already the hub's.
      const queued = [];
      for (const a of initiations) queued.push(await this.enqueue(ctx, a));
      const sent = await nextSend();
      for (const q of queued) if (q) await this.announcer.announce(q);
      return sent;
    });
    const a = context.activity;
    if (a.type !== ActivityTypes.Message && a.type !== ActivityTypes.Typing) return next();
    const conv = await this.c.store.get(a.conversation.id);
    if (!conv || conv.state === 'ended') return this.toBot(context, next);
    if (a.type === ActivityTypes.Typing) {
      if (conv.state === 'active' && conv.agent) await this.c.notify({ kind: 'typing', conversationId: conv.conversationId, agent: conv.agent, from: 'customer' });
      return;
    }
    const text = (a.text ?? '').trim();
    if (!text) return;
    if (conv.state === 'leaving_message') {
      if (isStopRequest(text) && (await this.leaveQueue(conv))) return;
      return this.storeTicket(conv, maskText(text));
    }
    if (conv.state === 'waiting') {
      if (isStopRequest(text) && (await this.leaveQueue(conv))) return;
      if (LEAVE.test(text)) {
        if (await this.c.store.startLeavingMessage(conv.conversationId)) {
          await context.sendActivity({ type: 'message', text: handoffReplies.writeYourMessage });
          this.announcer.queueChanged();
          return;
        }
      } else if (KEEP.test(text)) {
        await context.sendActivity({ type: 'message', text: handoffReplies.stillInQueue(await this.announcer.positionOf(conv.conversationId)) });
        return;
      }
    }
    const line: HandoffLine = { from: 'customer', text: maskText(text), at: this.c.now().toISOString() };
    const r = await this.c.store.addLine(conv.conversationId, line, ['waiting', 'active']);
    // The state changed under us (the chat ended or was cancelled elsewhere): the bot has it.
    if (!r) return this.toBot(context, next);
    if (r.conv.state === 'active' && r.conv.agent) await this.c.notify({ kind: 'line', conversationId: r.conv.conversationId, agent: r.conv.agent, line });
    else if (r.firstWhileWaiting) await context.sendActivity({ type: 'message', text: handoffReplies.kept(await this.announcer.positionOf(conv.conversationId)) });
  }

  /** A message the hub does not hold: the bot's turn, told that no person has the conversation. */
  private async toBot(context: TurnContext, next: () => Promise<void>): Promise<void> {
    markNotWithHumans(context);
    await next();
  }

  /**
   * The customer's "cancel": the store says they left, then the bot hears it as a
   * `handoff.status` turn (`cancelled`), the one way its copy of the handoff state changes.
   * @returns false when the conversation had left the queue meanwhile (the message is then read as usual).
   */
  private async leaveQueue(conv: HandoffConversation): Promise<boolean> {
    if (!(await this.cancel(conv.conversationId))) return false;
    await this.link.status(conv, { state: 'cancelled' });
    return true;
  }

  private async enqueue(context: TurnContext, event: Partial<Activity>): Promise<HandoffConversation | undefined> {
    const packet = event.value as HandoffPacket;
    const conversationId = context.activity.conversation.id;
    const now = this.c.now();
    const priority = HANDOFF_PRIORITY[packet.reason] ?? 2;
    const conv = {
      conversationId,
      channelId: context.activity.channelId,
      reason: packet.reason,
      priority,
      summary: maskText(String(packet.summary ?? '')).slice(0, 300),
      customerId: packet.customerId ?? null,
      ...(packet.customerName ? { customerName: packet.customerName } : {}),
      packet,
      transcript: transcriptOf(event),
      queuedAt: now.toISOString(),
    };
    const r = await this.c.store.enqueue(conv);
    if (!r.queued) return undefined;
    this.c.emit('queued', { conversationId, customerId: conv.customerId, reason: conv.reason, priority, at: now });
    this.c.emit('queueLength', { length: r.queueLength, at: now });
    this.c.logger.info({ conversationId, reason: conv.reason, queueLength: r.queueLength }, 'conversation queued for an agent');
    return (await this.c.store.get(conversationId)) ?? undefined;
  }

  private async cancel(conversationId: string): Promise<boolean> {
    const r = await this.c.store.cancel(conversationId, this.c.now());
    if (!r) return false;
    this.c.emit('cancelled', { conversationId, waitMs: r.waitMs, at: this.c.now() });
    this.c.logger.info({ conversationId, waitMs: r.waitMs }, 'customer left the handoff queue');
    this.announcer.queueChanged();
    return true;
  }

  private async storeTicket(conv: HandoffConversation, message: string): Promise<void> {
    const ticket = await this.c.store.storeTicket(conv.conversationId, message, this.c.now());
    if (!ticket) return;
    this.c.emit('ticket', { conversationId: conv.conversationId, ticketId: ticket.id, at: this.c.now() });
    this.c.logger.info({ conversationId: conv.conversationId, ticketId: ticket.id }, 'follow-up ticket stored');
    await this.c.notify({ kind: 'tickets' });
    await this.link.status(conv, { state: 'failed', message: 'ticket', ticketId: ticket.id });
  }
}

/** The transcript attached to `handoff.initiate` (Bot Framework activities), masked. */
function transcriptOf(event: Partial<Activity>): TranscriptLine[] {
  const content = event.attachments?.find((a) => a.name === 'Transcript')?.content as { activities?: unknown } | undefined;
  const activities = Array.isArray(content?.activities) ? (content.activities as Record<string, unknown>[]) : [];
  return activities.slice(-100).flatMap((a) => {
    if (typeof a.text !== 'string') return [];
    const role = (a.from as { role?: string } | undefined)?.role === 'user' ? 'customer' : 'bot';
    return [{ role, text: maskText(a.text), at: typeof a.timestamp === 'string' ? a.timestamp : new Date().toISOString() } as TranscriptLine];
  });
}
