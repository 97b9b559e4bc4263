import type { EventEmitter } from 'node:events';
import type { BotEventMap, BotEvents } from '../../bot/botEvents';
import type { HandoffEventMap, HandoffEvents } from '../../bot/handoff/handoffEvents';
import type { HandoffPacket } from '../../bot/handoff/handoffPacket';
import type { Logger } from '../../platform/logger';
import { describeDecision } from '../../bot/routing/describeDecision';
import { MAX_ROUTING_STEPS, newOutcome, type ConversationOutcome, type EndedHow, type RoutingStep } from './conversationOutcome';
import type { OutcomeStore } from './outcomeStore';
import { intentsOfKind, NONE_INTENT } from '../../intents/catalog';

/** Intents that say nothing about the customer's topic. */
const NOT_A_TOPIC = new Set<string>([...intentsOfKind('agent'), ...intentsOfKind('smallTalk'), NONE_INTENT]);

/**
 * The customer's topic when the bot handed off: the newest intent in the packet's trail that is
 * a real topic and was not a misunderstanding; `none` when there is none.
 */
export function handoffTopic(packet: Pick<HandoffPacket, 'trail'>): string {
  for (let i = packet.trail.length - 1; i >= 0; i--) {
    const t = packet.trail[i]!;
    if (t.decision !== 'fallback' && !NOT_A_TOPIC.has(t.intent)) return t.intent;
  }
  return 'none';
}

export interface OutcomeRecorderOptions {
  store: OutcomeStore;
  logger: Logger;
  /** Called once when a conversation's record goes from open to ended (metrics). */
  onEnded?: (outcome: ConversationOutcome) => void;
  /** Called when a write fails (metrics); it is also logged. */
  onError?: (err: unknown) => void;
}

type Change = (o: ConversationOutcome) => ConversationOutcome | undefined;
/** Only changes a record that exists (events about conversations this store never saw create nothing). */
const EXISTING = { create: false } as const;

/**
 * Builds conversation outcomes from the bot's events (turns, routing, handoffs, goodbyes,
 * the satisfaction survey) and the handoff hub's (queue, accept, complete, cancel, ticket).
 * Writes for one conversation are applied in event order; observers never slow a turn.
 */
export class OutcomeRecorder {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly unsubscribes: (() => void)[] = [];

  constructor(private readonly options: OutcomeRecorderOptions) {}

  /** Listens to a bot's events. */
  observeBot(events: BotEvents): this {
    this.listen(events, 'turn', (e) => this.onTurn(e));
    this.listen(events, 'routed', (e) => this.onRouted(e));
    this.listen(events, 'handoff', (e) => this.onHandoff(e));
    this.listen(events, 'goodbye', (e) => this.change(e.conversationId, e.channelId, e.at, (o) => end(o, 'goodbye', e.at)));
    this.listen(events, 'csat', (e) => this.onCsat(e));
    return this;
  }

  /** Listens to the handoff hub's events. */
  observeHandoff(events: HandoffEvents): this {
    this.listen(events, 'queued', (e) =>
      this.change(e.conversationId, undefined, e.at, (o) => ({
        ...o,
        handoff: { ...(o.handoff ?? { reason: e.reason, at: e.at.toISOString(), intent: 'none' }), queuedAt: e.at.toISOString() },
      })),
    );
    this.listen(events, 'accepted', (e) =>
      this.change(e.conversationId, undefined, e.at, (o) => o.handoff && { ...o, handoff: { ...o.handoff, waitMs: e.waitMs, acceptedAt: e.at.toISOString(), agent: e.agent } }, EXISTING),
    );
    this.listen(events, 'completed', (e) =>
      this.change(e.conversationId, undefined, e.at, (o) =>
        end({ ...o, ...(o.handoff && { handoff: { ...o.handoff, agent: e.agent, handleMs: e.handleMs, result: e.outcome, completedAt: e.at.toISOString() } }) }, 'agent', e.at),
      EXISTING),
    );
    this.listen(events, 'cancelled', (e) => this.change(e.conversationId, undefined, e.at, (o) => o.handoff && { ...o, handoff: { ...o.handoff, cancelled: true, waitMs: e.waitMs } }, EXISTING));
    this.listen(events, 'ticket', (e) => this.change(e.conversationId, undefined, e.at, (o) => o.handoff && { ...o, handoff: { ...o.handoff, ticket: true } }, EXISTING));
    return this;
  }

  /** Resolves when every write queued so far is done (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.chains.size) await Promise.allSettled([...this.chains.values()]);
  }

  /** Stops listening. */
  close(): void {
    for (const u of this.unsubscribes.splice(0)) u();
  }

  private listen<K extends keyof BotEventMap>(events: BotEvents, name: K, handler: (e: BotEventMap[K][0]) => void): void;
  private listen<K extends keyof HandoffEventMap>(events: HandoffEvents, name: K, handler: (e: HandoffEventMap[K][0]) => void): void;
  private listen(events: EventEmitter, name: string, handler: (e: unknown) => void): void {
    events.on(name, handler);
    this.unsubscribes.push(() => void events.off(name, handler));
  }

  private onTurn(e: BotEventMap['turn'][0]): void {
    const message = e.activityType === 'message';
    // Proactive turns and events of a conversation we never saw (e.g. after a restart) create nothing.
    if (!message && e.activityType !== 'conversationUpdate') return;
    this.change(e.conversationId, e.channelId, e.at, (o) => {
      if (!message) return o;
      const first = o.messages === 0 && e.firstReplyMs !== undefined ? { firstReplyMs: Math.round(e.firstReplyMs) } : {};
      return { ...o, ...first, messages: o.messages + 1, lastActivityAt: e.at.toISOString() };
    });
  }

  private onRouted(e: BotEventMap['routed'][0]): void {
    this.change(e.conversationId, e.channelId, e.at, (o) => {
      const d = e.decision;
      const intent = d.kind === 'answer' ? d.intent : undefined;
      // A classified message after the end: the customer came back; the conversation is open again.
      const { endedAt: _e, endedHow: _h, ...open } = o;
      const step: RoutingStep = { at: e.at.toISOString(), text: e.maskedText, intent: e.recognition.intent, score: Math.round(e.recognition.score * 1000) / 1000, decision: d.kind, detail: describeDecision(d) };
      return {
        ...open,
        customerId: o.customerId ?? e.customerId,
        routed: o.routed + 1,
        fallbacks: o.fallbacks + (d.kind === 'fallback' ? 1 : 0),
        lastDecision: d.kind,
        intents: intent && !o.intents.includes(intent) ? [...o.intents, intent] : o.intents,
        trail: [...(o.trail ?? []), step].slice(-MAX_ROUTING_STEPS),
        lastActivityAt: e.at.toISOString(),
      };
    });
  }

  private onHandoff(e: BotEventMap['handoff'][0]): void {
    this.change(e.conversationId, e.channelId, e.at, (o) => ({
      ...o,
      customerId: o.customerId ?? e.packet.customerId,
      lastDecision: 'handoff',
      // A new handoff (after an earlier one was cancelled or completed) starts a fresh record of it.
      handoff: { reason: e.packet.reason, at: e.at.toISOString(), intent: handoffTopic(e.packet) },
    }));
  }

  private onCsat(e: BotEventMap['csat'][0]): void {
    this.change(e.conversationId, e.channelId, e.at, (o) => {
      const at = e.at.toISOString();
      const csat = o.csat ?? { askedAt: at, trigger: e.trigger };
      switch (e.stage) {
        case 'asked':
          // Asked after the agent's chat: it ended by the agent even if the hub's event lands elsewhere.
          return e.trigger === 'agent' ? end({ ...o, csat }, 'agent', e.at) : { ...o, csat };
        case 'rated':
          return { ...o, csat: { ...csat, rating: e.rating, ratedAt: at } };
        case 'commented':
          return { ...o, csat: { ...csat, ...(e.rating !== undefined && { rating: e.rating, ratedAt: csat.ratedAt ?? at }), comment: e.comment } };
        case 'skipped':
          return undefined;
      }
    });
  }

  /** Queues a change of one conversation's record after the earlier ones. */
  private change(conversationId: string, channelId: string | undefined, at: Date, fn: Change, opts: { create?: boolean } = {}): void {
    const { store, logger } = this.options;
    const previous = this.chains.get(conversationId) ?? Promise.resolve();
    const next = previous
      .then(async () => {
        const u = await store.update(conversationId, (current) => {
          if (!current && opts.create === false) return undefined;
          const base = current ?? newOutcome(conversationId, channelId ?? '', at);
          const changed = fn(base);
          return changed === base && current ? undefined : (changed ?? (current ? undefined : base));
        });
        if (u.changed && u.previous?.endedAt === undefined && u.current?.endedAt !== undefined) this.options.onEnded?.(u.current);
      })
      .catch((err: unknown) => {
        logger.warn({ err, conversationId }, 'could not record the conversation outcome');
        this.options.onError?.(err);
      })
      .finally(() => {
        if (this.chains.get(conversationId) === next) this.chains.delete(conversationId);
      });
    this.chains.set(conversationId, next);
  }
}

/** Ends an open record (an ended one keeps how it ended). */
function end(o: ConversationOutcome, how: EndedHow, at: Date): ConversationOutcome {
  return o.endedAt ? o : { ...o, endedAt: at.toISOString(), endedHow: how };
}
