import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Router } from 'express';
import type { Skill } from '../bot/dialogs/skill';
import { notificationSettingsRouter } from '../skills/proactive/notificationSettingsRouter';
import { RenewalReminders } from '../skills/proactive/renewalReminders';
import { settingsRequestMiddleware } from '../skills/proactive/settingsRequestMiddleware';
import { notificationsSkill } from '../skills/notifications/notificationsSkill';
import type { ApiClientOptions } from '../skills/shared/apiClient';
import { SubscriptionsClient } from '../skills/subscriptions/subscriptionsClient';
import type { ShipmentEvent } from '../contracts/shipping';
import type { DirectLineChannel } from '../bot/channels/directLine/directLineChannel';
import type { HandoffHub } from '../bot/handoff/handoffHub';
import { CustomerConversations } from '../skills/proactive/customerConversations';
import { NoticeLedger } from '../skills/proactive/noticeLedger';
import { NotificationPreferences } from '../skills/proactive/notificationPreferences';
import { ProactiveSender } from '../skills/proactive/proactiveSender';
import { ShipmentNotifier } from '../skills/proactive/shipmentNotifier';
import type { Config } from './config';
import type { Logger } from '../platform/logger';
import type { DocStore } from '../platform/store/docStore';
import type { StreamGroup } from '../platform/store/streamGroup';

export interface ProactiveDeps {
  config: Pick<Config, 'DIRECTLINE_RETENTION_SECONDS' | 'PROACTIVE_CLAIM_SECONDS' | 'REMINDER_DAYS_BEFORE' | 'REMINDER_SWEEP_SECONDS' | 'CHAT_API_SECRET'>;
  logger: Logger;
  /** Ledger, customers' conversations and settings (Redis when the instances share it). */
  docs: DocStore;
  /** The shipping events, read by one consumer group (`Stores.shipmentGroup`); none: shipping updates are off. */
  shipments?: StreamGroup<ShipmentEvent>;
  /** The internal APIs (the subscriptions API lists upcoming deliveries). */
  api: ApiClientOptions;
  /** This instance's consumer name (default host, pid and a random part). */
  consumer?: string;
  now?: () => Date;
}

export interface Proactive {
  /** The notification settings skill for `buildBot` ("stop sending me delivery updates", [Keep it]). */
  skill: Skill;
  /** `GET|PATCH /api/chat/customers/{id}/notifications` for the shop's account page. */
  router: Router;
  reminders: RenewalReminders;
  preferences: NotificationPreferences;
  conversations: CustomerConversations;
  sender: ProactiveSender;
  /** Hooks into the channel (which conversation a customer's chat opens) and the handoff hub (agents see the messages). */
  connect(channel: DirectLineChannel, hub?: HandoffHub): void;
  /** Starts consuming shipping events and sweeping for due reminders. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Proactive messages, assembled: shipping updates from the event stream and renewal reminders
 * into customers' chats, the customers' settings (chat skill and API). Build it before the bot
 * (its skill), connect it to the channel, then start it.
 */
export function createProactive(deps: ProactiveDeps): Proactive {
  const { config, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const conversations = new CustomerConversations(deps.docs, config.DIRECTLINE_RETENTION_SECONDS);
  const preferences = new NotificationPreferences(deps.docs);
  const ledger = new NoticeLedger(deps.docs);
  const claimIdleMs = config.PROACTIVE_CLAIM_SECONDS * 1000;
  let channel: DirectLineChannel | undefined;
  let hub: HandoffHub | undefined;
  const sender = new ProactiveSender({
    channel: {
      get log() {
        return need(channel).log;
      },
      createConversation: (identity) => need(channel).createConversation(identity),
      sendProactive: (conversationId, activity) => need(channel).sendProactive(conversationId, activity),
    },
    conversations,
    ledger,
    preferences,
    logger,
    showToAgent: (conversationId, text) => (hub ? hub.showToAgent(conversationId, text) : Promise.resolve(false)),
    leaseMs: Math.max(1000, claimIdleMs / 2),
    now,
  });
  const group = deps.shipments;
  const notifier = group && new ShipmentNotifier({ group, consumer: deps.consumer ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 6)}`, sender, logger, now });
  const subscriptions = new SubscriptionsClient(deps.api);
  const reminders = new RenewalReminders({
    upcoming: (from, to) => subscriptions.upcoming(from, to),
    sender,
    daysBefore: config.REMINDER_DAYS_BEFORE,
    intervalMs: config.REMINDER_SWEEP_SECONDS * 1000,
    logger,
    now,
  });
  const stopListening: (() => void)[] = [];

  return {
    skill: notificationsSkill(preferences),
    router: notificationSettingsRouter(preferences, config.CHAT_API_SECRET),
    reminders,
    preferences,
    conversations,
    sender,
    connect: (c, h) => {
      channel = c;
      hub = h;
      c.use(settingsRequestMiddleware);
      c.pickConversationsWith({
        // A conversation holding a message the customer has not answered is what their next chat opens.
        pick: async (customerId) => {
          const latest = await conversations.latest(customerId);
          return latest?.unseen ? latest.conversationId : undefined;
        },
        opened: (customerId, conversationId) => conversations.opened(customerId, conversationId),
      });
      stopListening.push(
        c.onUserActivity((e) => {
          if (e.identity.customerId) conversations.seen(e.identity.customerId, e.conversationId).catch((err: unknown) => logger.warn({ err }, 'could not note a customer saw their messages'));
        }),
      );
    },
    start: async () => {
      if (!notifier) logger.warn('no shipping event stream in this process: shipping updates are off (use STORE=redis with external APIs)');
      await notifier?.start();
      reminders.start();
    },
    close: async () => {
      for (const stop of stopListening.splice(0)) stop();
      await reminders.stop();
      await notifier?.close();
    },
  };
}

function need(channel: DirectLineChannel | undefined): DirectLineChannel {
  if (!channel) throw new Error('proactive messages are not connected to the chat channel yet');
  return channel;
}
