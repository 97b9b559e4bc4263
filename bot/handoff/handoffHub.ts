import { ActionTypes, ActivityTypes, HandoffEventNames, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import { conflict, serviceUnavailable } from '../../platform/errors';
import type { Logger } from '../../platform/logger';
import { maskText } from '../../platform/mask';
import { markHubTurn } from './hubTurn';
import type { TurnBot } from '../adapter/inProcessAdapter';
import { stampIdentity } from '../identity';
import type { TranscriptLine } from '../state/conversationData';
import type { HandoffBus, HubNotice } from './handoffBus';
import { HandoffEvents, type HandoffEventMap } from './handoffEvents';
import { HANDOFF_PRIORITY, type HandoffPacket } from './handoffPacket';
import type { AgentRecord, HandoffConversation, HandoffLine, Outcome, Presence, QueueEntry, Ticket } from './handoffRecords';
import { handoffReplies, KEEP_WAITING, LEAVE_MESSAGE } from './handoffReplies';
import type { AgentIdentity, HandoffStore, PositionChange } from './handoffStore';
import { estimateWaitMs, onlineAgents } from './estimateWait';

/** Where the hub reaches customers: the Direct Line channel, or any adapter with this call. */
export interface HandoffChannel {
  /** Runs `logic` in a proactive turn of the conversation; what it sends comes from `from` (default: the bot). */
  continueConversation(conversationId: string, logic: (context: TurnContext) => Promise<void>, from?: { id: string; name?: string }): Promise<void>;
}

export interface HandoffHubOptions {
  store: HandoffStore;
  bus: HandoffBus;
  /** The bot, which hears `handoff.status` (accepted, completed, failed) as an event turn. */
  bot: TurnBot;
  logger: Logger;
  /** A customer waiting longer than this is offered to leave a message. */
  maxWaitMs: number;
  /** Handle time assumed for estimates until agents have ended some chats. */
  defaultHandleMs: number;
  /** Where observers subscribe (a new one if not given). */
  events?: HandoffEvents;
  /** Moved customers are told their new position this long after the first change of a burst (default 500 ms). */
  positionUpdateDelayMs?: number;
  /** How often the wait limit is checked (default: a quarter of it, at most 5 s). */
  tickMs?: number;
  now?: () => Date;
}

/** "cancel", "stop", "never mind"… alone (the bot's own rule, so both agree). */
const STOP = /^\s*(cancel|stop|never\s*mind|nevermind|forget it|quit|abort|exit|no thanks?,? (?:stop|cancel))\s*[.!]*\s*$/i;
const LEAVE = /^\s*(leave (a )?message|leave a note)\s*[.!]*\s*$/i;
const KEEP = /^\s*(keep waiting|i'?ll wait|wait)\s*[.!]*\s*$/i;

/** A waiting conversation as agents see it in the queue. */
export interface QueueItem extends QueueEntry {
  position: number;
  waitedMs: number;
}

/**
 * The human handoff hub: botbuilder middleware on the bot's adapter, so it works whatever the
 * channel. It catches the bot's `handoff.initiate` event and queues the conversation with its
 * packet; from then on it handles the customer's messages itself (they never reach the
 * classifier): kept for the agent while waiting, relayed once an agent has the chat. Agents
 * act through the methods below (the console calls them); the bot hears `handoff.status`.
 * State is in the {@link HandoffStore} and notices go over the {@link HandoffBus}, so the
 * customer and the agent may be on different instances.
 */
export class HandoffHub {
  readonly events: HandoffEvents;
  /** Register on the adapter: `channel.use(hub.middleware)` / `adapter.use(hub.middleware)`. */
  readonly middleware: Middleware;
  private readonly channels = new Map<string, HandoffChannel>();
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private positionTimer: NodeJS.Timeout | undefined;
  /** Customer notifications still being sent after the action that caused them answered. */
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly o: HandoffHubOptions) {
    this.events = o.events ?? new HandoffEvents();
    this.now = o.now ?? (() => new Date());
    this.middleware = { onTurn: (context, next) => this.onTurn(context, next) };
  }

  /** Lets the hub reach customers of `channelId` (the Direct Line channel is `directline`). */
  connect(channel: HandoffChannel, channelId = 'directline'): void {
    this.channels.set(channelId, channel);
  }

  /** Starts the wait-limit check (the offer to leave a message). */
  start(): void {
    if (this.timer) return;
    const every = this.o.tickMs ?? Math.max(250, Math.min(5000, this.o.maxWaitMs / 4));
    this.timer = setInterval(() => void this.checkWaits().catch((err: unknown) => this.o.logger.warn({ err }, 'handoff wait check failed')), every);
    this.timer.unref();
  }

  /** Stops the timer and waits (bounded) for notifications still being sent. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.positionTimer);
    this.timer = undefined;
    this.positionTimer = undefined;
    await Promise.race([Promise.allSettled([...this.pending]), new Promise((r) => setTimeout(r, 5000).unref())]);
  }

  // ── the middleware ────────────────────────────────────────────────

  private async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (ctx, activities, nextSend) => {
      const initiations = activities.filter((a) => a.type === ActivityTypes.Event && a.name === HandoffEventNames.InitiateHandoff);
      const cancelled = activities.some((a) => a.type === ActivityTypes.Event && a.name === 'handoff.cancel');
      // Queued before the event goes out, so the customer's very next message is already the hub's.
      const queued = [];
      for (const a of initiations) queued.push(await this.enqueue(ctx, a));
      const sent = await nextSend();
      for (const q of queued) if (q) await this.announce(q);
      if (cancelled) await this.cancel(ctx.activity.conversation.id);
      return sent;
    });
    const a = context.activity;
    if (a.type !== ActivityTypes.Message && a.type !== ActivityTypes.Typing) return next();
    const conv = await this.o.store.get(a.conversation.id);
    if (!conv || conv.state === 'ended') return next();
    if (a.type === ActivityTypes.Typing) {
      if (conv.state === 'active' && conv.agent) await this.notify({ kind: 'typing', conversationId: conv.conversationId, agent: conv.agent, from: 'customer' });
      return;
    }
    const text = (a.text ?? '').trim();
    if (!text) return;
    if (conv.state === 'leaving_message') {
      if (STOP.test(text)) return this.leaveThenBot(conv.conversationId, next);
      return this.storeTicket(conv, maskText(text));
    }
    if (conv.state === 'waiting') {
      if (STOP.test(text)) return this.leaveThenBot(conv.conversationId, next);
      if (LEAVE.test(text)) {
        if (await this.o.store.startLeavingMessage(conv.conversationId)) {
          await context.sendActivity({ type: 'message', text: handoffReplies.writeYourMessage });
          this.queueChanged();
          return;
        }
      } else if (KEEP.test(text)) {
        await context.sendActivity({ type: 'message', text: handoffReplies.stillInQueue(await this.positionOf(conv.conversationId)) });
        return;
      }
    }
    const line: HandoffLine = { from: 'customer', text: maskText(text), at: this.now().toISOString() };
    const r = await this.o.store.addLine(conv.conversationId, line, ['waiting', 'active']);
    // The state changed under us (the chat ended or was cancelled elsewhere): the bot has it.
    if (!r) return next();
    if (r.conv.state === 'active' && r.conv.agent) await this.notify({ kind: 'line', conversationId: r.conv.conversationId, agent: r.conv.agent, line });
    else if (r.firstWhileWaiting) await context.sendActivity({ type: 'message', text: handoffReplies.kept(await this.positionOf(conv.conversationId)) });
  }

  /** The customer leaves the queue; the bot then answers their "cancel" (and greets them back). */
  private async leaveThenBot(conversationId: string, next: () => Promise<void>): Promise<void> {
    await this.cancel(conversationId);
    await next();
  }

  private async enqueue(context: TurnContext, event: Partial<Activity>): Promise<HandoffConversation | undefined> {
    const packet = event.value as HandoffPacket;
    const conversationId = context.activity.conversation.id;
    const now = this.now();
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
    const r = await this.o.store.enqueue(conv);
    if (!r.queued) return undefined;
    this.emit('queued', { conversationId, customerId: conv.customerId, reason: conv.reason, priority, at: now });
    this.emit('queueLength', { length: r.queueLength, at: now });
    this.o.logger.info({ conversationId, reason: conv.reason, queueLength: r.queueLength }, 'conversation queued for an agent');
    return (await this.o.store.get(conversationId)) ?? undefined;
  }

  /** Tells the new customer where they are (or that nobody is online), and anyone it moved back. */
  private async announce(conv: HandoffConversation): Promise<void> {
    const [changes, { online, handleMs }] = await Promise.all([this.o.store.claimPositionChanges(), this.staffing()]);
    const mine = changes.find((c) => c.conversationId === conv.conversationId);
    if (online.length) {
      await this.tellPositions(changes, online, handleMs);
    } else {
      await this.tellPositions(changes.filter((c) => c !== mine), online, handleMs);
      const offered = await this.o.store.claimOffers((e) => e.conversationId === conv.conversationId);
      if (offered.length) await this.offer(conv.conversationId, handoffReplies.noAgentOnline(mine?.position ?? (await this.positionOf(conv.conversationId)) ?? 1));
    }
    await this.notify({ kind: 'queue' });
  }

  // ── what agents do ────────────────────────────────────────────────

  /** Waiting conversations in serving order, with position and time waited. */
  async queue(): Promise<QueueItem[]> {
    const now = this.now().getTime();
    return (await this.o.store.queue()).map((e, i) => ({ ...e, position: i + 1, waitedMs: now - Date.parse(e.queuedAt) }));
  }

  /** Online agents and the figures behind the estimates. */
  async staffing(): Promise<{ agents: AgentRecord[]; online: AgentRecord[]; handleMs: number[] }> {
    const [agents, handleMs] = await Promise.all([this.o.store.agents(), this.o.store.handleTimes()]);
    return { agents, online: onlineAgents(agents, this.now().getTime()), handleMs };
  }

  /** Sets presence (and connectedness for `ttlMs`). @returns the agent's record */
  async setPresence(agent: AgentIdentity, status: Presence | undefined, ttlMs: number): Promise<AgentRecord> {
    const before = await this.o.store.agent(agent.username);
    const rec = await this.o.store.setPresence(agent, status, this.now().getTime() + ttlMs);
    const wasOnline = !!before && onlineAgents([before], this.now().getTime()).length > 0;
    if (wasOnline !== onlineAgents([rec], this.now().getTime()).length > 0) await this.notify({ kind: 'presence' });
    return rec;
  }

  /** The agent's presence, capacity and current chats (undefined before their first console). */
  async agent(username: string): Promise<AgentRecord | undefined> {
    return this.o.store.agent(username);
  }

  /** One of the agent's conversations (current or past). @throws AppError 404 unknown, 403 not theirs */
  async conversationFor(username: string, conversationId: string): Promise<HandoffConversation> {
    return this.o.store.forAgent(conversationId, username);
  }

  /** Takes a waiting conversation. @throws AppError 404/409 */
  async accept(agent: AgentIdentity, conversationId: string): Promise<HandoffConversation> {
    const now = this.now();
    const { conv, waitMs, queueLength } = await this.o.store.accept(conversationId, agent, now);
    this.emit('accepted', { conversationId, agent: agent.username, waitMs, at: now });
    this.o.logger.info({ conversationId, agent: agent.username, waitMs, queueLength }, 'agent accepted a handoff');
    await this.status(conv, { state: 'accepted', agentName: agent.displayName });
    await this.notify({ kind: 'chats', agent: agent.username });
    // The agent does not wait while everyone behind is told their new position.
    this.queueChanged();
    return conv;
  }

  /** The agent's message to the customer, shown with the agent's name. @throws AppError 403/404/409 */
  async say(agent: AgentIdentity, conversationId: string, text: string): Promise<HandoffLine> {
    const conv = await this.activeFor(agent, conversationId);
    await this.send(
      conv,
      { type: 'message', text: handoffReplies.fromAgent(agent.displayName, text), textFormat: 'markdown', channelData: { pawAgent: { username: agent.username, displayName: agent.displayName } } },
      { id: `agent:${agent.username}`, name: agent.displayName },
    );
    return this.addAgentLine(conv, { from: 'agent', text: maskText(text), at: this.now().toISOString(), by: agent.displayName });
  }

  /** A message the bot sent on its own (a proactive notice) joins the chat's lines, so the agent sees it too. @returns whether people have the chat */
  async showToAgent(conversationId: string, text: string): Promise<boolean> {
    const line: HandoffLine = { from: 'system', text: maskText(text), at: this.now().toISOString() };
    const r = await this.o.store.addLine(conversationId, line, ['waiting', 'active']);
    if (r?.conv.state === 'active' && r.conv.agent) await this.notify({ kind: 'line', conversationId, agent: r.conv.agent, line });
    return !!r;
  }

  /** An internal note: stored with the conversation, never sent to the customer. @throws AppError 403/404/409 */
  async note(agent: AgentIdentity, conversationId: string, text: string): Promise<HandoffLine> {
    const conv = await this.activeFor(agent, conversationId);
    return this.addAgentLine(conv, { from: 'note', text: maskText(text), at: this.now().toISOString(), by: agent.displayName });
  }

  /** Shows the customer that the agent is typing. @throws AppError 403/404/409 */
  async typing(agent: AgentIdentity, conversationId: string): Promise<void> {
    const conv = await this.activeFor(agent, conversationId);
    await this.send(conv, { type: 'typing' }, { id: `agent:${agent.username}`, name: agent.displayName });
  }

  /**
   * Ends the chat: the bot greets the customer back and answers again. `labelledIntent` is
   * what the customer really wanted (for the trainers). @throws AppError 403/404/409
   */
  async end(agent: AgentIdentity, conversationId: string, outcome: Outcome, labelledIntent?: string): Promise<HandoffConversation> {
    const now = this.now();
    const { conv, handleMs } = await this.o.store.end(conversationId, agent.username, outcome, labelledIntent, now);
    this.emit('completed', {
      conversationId,
      agent: agent.username,
      handleMs,
      outcome,
      ...(labelledIntent ? { labelledIntent } : {}),
      customerUtterances: conv.lines.filter((l) => l.from === 'customer').map((l) => l.text),
      at: now,
    });
    this.o.logger.info({ conversationId, agent: agent.username, handleMs, outcome }, 'agent ended a handoff');
    await this.notify({ kind: 'line', conversationId, agent: agent.username, line: conv.lines[conv.lines.length - 1]! });
    await this.status(conv, { state: 'completed' });
    await this.notify({ kind: 'chats', agent: agent.username });
    return conv;
  }

  async openTickets(): Promise<Ticket[]> {
    return this.o.store.openTickets();
  }

  async closeTicket(agent: AgentIdentity, id: string): Promise<Ticket> {
    const t = await this.o.store.closeTicket(id, agent.username, this.now());
    await this.notify({ kind: 'tickets' });
    return t;
  }

  /** Checks the wait limit now (the timer calls this). */
  async checkWaits(): Promise<void> {
    const now = this.now().getTime();
    const due = await this.o.store.claimOffers((e) => now - Date.parse(e.queuedAt) >= this.o.maxWaitMs);
    for (const e of due) await this.offer(e.conversationId, handoffReplies.waitTooLong(now - Date.parse(e.queuedAt)));
  }

  // ── plumbing ──────────────────────────────────────────────────────

  private async activeFor(agent: AgentIdentity, conversationId: string): Promise<HandoffConversation> {
    const conv = await this.o.store.forAgent(conversationId, agent.username);
    if (conv.state !== 'active') throw conflict('This chat has ended.');
    return conv;
  }

  private async addAgentLine(conv: HandoffConversation, line: HandoffLine): Promise<HandoffLine> {
    await this.o.store.addLine(conv.conversationId, line, ['active']);
    await this.notify({ kind: 'line', conversationId: conv.conversationId, agent: conv.agent!, line });
    return line;
  }

  private async cancel(conversationId: string): Promise<void> {
    const r = await this.o.store.cancel(conversationId, this.now());
    if (!r) return;
    this.emit('cancelled', { conversationId, waitMs: r.waitMs, at: this.now() });
    this.o.logger.info({ conversationId, waitMs: r.waitMs }, 'customer left the handoff queue');
    this.queueChanged();
  }

  private async storeTicket(conv: HandoffConversation, message: string): Promise<void> {
    const ticket = await this.o.store.storeTicket(conv.conversationId, message, this.now());
    if (!ticket) return;
    this.emit('ticket', { conversationId: conv.conversationId, ticketId: ticket.id, at: this.now() });
    this.o.logger.info({ conversationId: conv.conversationId, ticketId: ticket.id }, 'follow-up ticket stored');
    await this.notify({ kind: 'tickets' });
    await this.status(conv, { state: 'failed', message: 'ticket', ticketId: ticket.id });
  }

  private later(task: () => Promise<void>): void {
    const p: Promise<void> = task()
      .catch((err: unknown) => this.o.logger.warn({ err }, 'handoff notification failed'))
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** After a change to the queue: tell moved customers, refresh consoles, report the length. */
  private queueChanged(): void {
    this.later(async () => {
      await this.notify({ kind: 'queue' });
      this.emit('queueLength', { length: (await this.o.store.queue()).length, at: this.now() });
    });
    // Moved customers are told once per burst of changes (ten accepts in a second: one update each).
    this.positionTimer ??= setTimeout(() => {
      this.positionTimer = undefined;
      this.later(async () => {
        const [changes, { online, handleMs }] = await Promise.all([this.o.store.claimPositionChanges(), this.staffing()]);
        await this.tellPositions(changes, online, handleMs);
      });
    }, this.o.positionUpdateDelayMs ?? 500);
  }

  private async tellPositions(changes: PositionChange[], online: AgentRecord[], handleMs: number[]): Promise<void> {
    await Promise.all(
      changes.map(async (c) => {
        const conv = await this.o.store.get(c.conversationId);
        if (!conv || conv.state !== 'waiting') return;
        const eta = estimateWaitMs(c.position, online, handleMs, this.o.defaultHandleMs);
        await this.sendToCustomer(conv, { type: 'message', text: handoffReplies.position(c.position, eta, c.previous !== undefined) });
      }),
    );
  }

  private async offer(conversationId: string, text: string): Promise<void> {
    const conv = await this.o.store.get(conversationId);
    if (!conv || conv.state !== 'waiting') return;
    await this.sendToCustomer(conv, {
      type: 'message',
      text,
      suggestedActions: { to: [], actions: [LEAVE_MESSAGE, KEEP_WAITING].map((t) => ({ type: ActionTypes.ImBack, title: t, value: t })) },
    });
  }

  private async positionOf(conversationId: string): Promise<number | undefined> {
    const i = (await this.o.store.queue()).findIndex((e) => e.conversationId === conversationId);
    return i < 0 ? undefined : i + 1;
  }

  private async sendToCustomer(conv: HandoffConversation, activity: Partial<Activity>): Promise<void> {
    try {
      await this.send(conv, activity);
    } catch (err) {
      this.o.logger.warn({ err, conversationId: conv.conversationId }, 'could not tell the customer');
    }
  }

  /** Runs the bot's `handoff.status` turn (accepted → with agent; completed/failed → back to the bot). */
  private async status(conv: HandoffConversation, value: Record<string, unknown>): Promise<void> {
    try {
      await this.channelOf(conv).continueConversation(conv.conversationId, async (context) => {
        Object.assign(context.activity, { type: ActivityTypes.Event, name: HandoffEventNames.HandoffStatus, value });
        unanchor(context);
        stampIdentity(context.activity, { customerId: conv.customerId, ...(conv.customerName ? { name: conv.customerName } : {}) });
        markHubTurn(context);
        await this.o.bot.run(context);
      });
    } catch (err) {
      this.o.logger.error({ err, conversationId: conv.conversationId, state: value.state }, 'could not tell the bot the handoff status');
    }
  }

  /** Sends into the customer's conversation outside their turn (as the bot, or as `from`). */
  private async send(conv: HandoffConversation, activity: Partial<Activity>, from?: { id: string; name?: string }): Promise<void> {
    await this.channelOf(conv).continueConversation(
      conv.conversationId,
      async (context) => {
        unanchor(context);
        await context.sendActivity(activity);
      },
      from,
    );
  }

  private channelOf(conv: HandoffConversation): HandoffChannel {
    const channel = this.channels.get(conv.channelId);
    if (!channel) throw serviceUnavailable(`The handoff hub cannot reach the "${conv.channelId}" channel.`);
    return channel;
  }

  private async notify(notice: HubNotice): Promise<void> {
    try {
      await this.o.bus.publish(notice);
    } catch (err) {
      this.o.logger.warn({ err, kind: notice.kind }, 'could not publish a handoff notice');
    }
  }

  /** Observers never break the hub. */
  private emit<K extends keyof HandoffEventMap>(name: K, ...args: HandoffEventMap[K]): void {
    try {
      (this.events.emit as (n: K, ...a: HandoffEventMap[K]) => boolean)(name, ...args);
    } catch (err) {
      this.o.logger.warn({ err, event: name }, 'a handoff event listener failed');
    }
  }
}

/**
 * A proactive turn's synthetic event is never in the conversation: replies must not point at
 * it with `replyToId`, or Web Chat holds them back for seconds waiting for it.
 */
function unanchor(context: TurnContext): void {
  delete (context.activity as Partial<Activity>).id;
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
