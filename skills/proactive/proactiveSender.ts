import { ActionTypes, type CardAction } from 'botbuilder';
import type { Logger } from '../../platform/logger';
import type { ActivityLog } from '../../bot/channels/activityLog';
import type { ChatClaims } from '../../bot/channels/directLine/directLineTokens';
import type { CustomerIdentity } from '../../bot/identity';
import { INTENT_VALUE_KEY } from '../../bot/turn/suggestions';
import type { CustomerConversations } from './customerConversations';
import { NOTICE_KEY, type Notice } from './notice';
import type { NoticeLedger } from './noticeLedger';
import { quietUntil, type NotificationPreferences } from './notificationPreferences';
import { proactiveReplies } from './proactiveReplies';

/** The part of the web chat channel proactive messages need. */
export interface ProactiveChannel {
  log: ActivityLog;
  createConversation(identity: CustomerIdentity): Promise<ChatClaims>;
  sendProactive(conversationId: string, activity: Record<string, unknown>): Promise<{ id: string }>;
}

/**
 * What happened to a notice: `sent` (now in the log), `duplicate` (sent or dropped before),
 * `stale` (older than one sent for the same order), `opted_out`, `busy` (another instance is
 * sending it: leave it to them) or `quiet` (the customer's quiet hours: try again after `until`).
 */
export type DeliveryOutcome = { kind: 'sent' | 'duplicate' | 'stale' | 'opted_out' | 'busy'; conversationId?: string } | { kind: 'quiet'; until: Date };

export interface ProactiveSenderOptions {
  channel: ProactiveChannel;
  conversations: CustomerConversations;
  ledger: NoticeLedger;
  preferences: NotificationPreferences;
  logger: Logger;
  /** Shows a message to the agent when a person has the conversation; false when nobody has it. */
  showToAgent?: (conversationId: string, text: string) => Promise<boolean>;
  /** How long a claim keeps other instances off a notice (default 15 s; keep it below the group's claim time). */
  leaseMs?: number;
  now?: () => Date;
}

/**
 * Delivers {@link Notice}s into each customer's conversation, exactly once per notice key:
 * the claim in the {@link NoticeLedger} is taken before sending and names the conversation and
 * position, so a retry after a crash looks in the log for the message before sending again.
 * The customer's latest conversation is used (a new one when it is gone); a conversation the
 * customer has not opened yet is what their next chat opens.
 */
export class ProactiveSender {
  private readonly now: () => Date;

  constructor(private readonly o: ProactiveSenderOptions) {
    this.now = o.now ?? (() => new Date());
  }

  async deliver(notice: Notice): Promise<DeliveryOutcome> {
    const now = this.now();
    const prefs = await this.o.preferences.get(notice.customerId);
    if (!(notice.kind === 'shipment' ? prefs.shippingUpdates : prefs.renewalReminders)) {
      await this.o.ledger.finish(notice.key, 'skipped', now.getTime(), 'opted_out');
      return { kind: 'opted_out' };
    }
    const until = quietUntil(prefs.quietHours, now);
    if (until) return { kind: 'quiet', until };

    const target = await this.target(notice.customerId);
    const claim = await this.o.ledger.begin(notice.key, {
      conversationId: target.conversationId,
      afterSeq: target.lastSeq,
      leaseMs: this.o.leaseMs ?? 15_000,
      now: now.getTime(),
      ...(notice.thread ? { thread: notice.thread } : {}),
    });
    switch (claim.kind) {
      case 'done':
        return { kind: 'duplicate' };
      case 'stale':
        return { kind: 'stale' };
      case 'busy':
        return { kind: 'busy' };
      case 'resume': {
        if (await this.alreadyLogged(claim.conversationId, claim.afterSeq, notice.key)) {
          await this.finish(notice, claim.conversationId);
          return { kind: 'duplicate', conversationId: claim.conversationId };
        }
        const gone = !(await this.o.channel.log.getConversation(claim.conversationId));
        return this.send(notice, gone ? target.conversationId : claim.conversationId);
      }
      case 'send':
        return this.send(notice, target.conversationId);
    }
  }

  private async send(notice: Notice, conversationId: string): Promise<DeliveryOutcome> {
    await this.o.channel.sendProactive(conversationId, toActivity(notice));
    await this.finish(notice, conversationId);
    if (this.o.showToAgent) {
      try {
        await this.o.showToAgent(conversationId, proactiveReplies.forAgent(notice.text));
      } catch (err) {
        this.o.logger.warn({ err, conversationId }, 'could not show a proactive message to the agent');
      }
    }
    return { kind: 'sent', conversationId };
  }

  private async finish(notice: Notice, conversationId: string): Promise<void> {
    await this.o.ledger.finish(notice.key, 'sent', this.now().getTime());
    await this.o.conversations.noticeSent(notice.customerId, conversationId);
  }

  /** The customer's latest conversation while it lasts, else a new one their next chat opens. */
  private async target(customerId: string): Promise<{ conversationId: string; lastSeq: number }> {
    const latest = await this.o.conversations.latest(customerId);
    const info = latest ? await this.o.channel.log.getConversation(latest.conversationId) : undefined;
    if (info) return { conversationId: info.meta.conversationId, lastSeq: info.lastSeq };
    const claims = await this.o.channel.createConversation({ customerId });
    // Another notice for this customer may have made one meanwhile: all of them go to one.
    const agreed = await this.o.conversations.replaceIf(customerId, latest?.conversationId, claims.conversationId);
    if (agreed === claims.conversationId) return { conversationId: agreed, lastSeq: 0 };
    return { conversationId: agreed, lastSeq: (await this.o.channel.log.getConversation(agreed))?.lastSeq ?? 0 };
  }

  private async alreadyLogged(conversationId: string, afterSeq: number, key: string): Promise<boolean> {
    for (let after = afterSeq; ; ) {
      const page = await this.o.channel.log.read(conversationId, after, 200);
      if (page.some((e) => (e.activity.channelData?.[NOTICE_KEY] as { key?: string } | undefined)?.key === key)) return true;
      if (page.length < 200) return false;
      after = page.at(-1)!.seq;
    }
  }
}

/** The message as the bot sends it: buttons start their intent directly, with the text that names the order or subscription. */
export function toActivity(notice: Notice): Record<string, unknown> {
  const actions: CardAction[] = notice.buttons.map((b) => ({
    type: ActionTypes.MessageBack,
    title: b.title,
    text: b.text ?? b.title,
    displayText: b.title,
    value: { [INTENT_VALUE_KEY]: b.intent },
  }));
  return {
    type: 'message',
    text: notice.text,
    ...(actions.length ? { suggestedActions: { to: [], actions } } : {}),
    channelData: { [NOTICE_KEY]: { key: notice.key, kind: notice.kind } },
  };
}
