import { randomBytes } from 'node:crypto';
import { conflict, forbidden, notFound } from '../../platform/errors';
import type { DocStore, DocWrite } from '../../platform/store/docStore';
import type { AgentRecord, HandoffConversation, HandoffLine, Outcome, Presence, QueueDoc, QueueEntry, Ticket } from './handoffRecords';

/** Handoff conversations are kept this long after their last change. */
const CONVERSATION_TTL_SECONDS = 7 * 86_400;
/** Follow-up tickets are kept this long after their last change. */
const TICKET_TTL_SECONDS = 30 * 86_400;
/** Lines kept per handoff conversation (oldest dropped). */
const MAX_LINES = 500;
/** Handle times the wait estimate averages. */
const RECENT_HANDLE_TIMES = 20;
const MAX_OPEN_TICKETS = 1000;

const K = {
  conv: (id: string) => `handoff:conv:${id}`,
  queue: 'handoff:queue',
  agent: (u: string) => `handoff:agent:${u}`,
  roster: 'handoff:roster',
  stats: 'handoff:stats',
  ticket: (id: string) => `handoff:ticket:${id}`,
  tickets: 'handoff:tickets',
};

const emptyQueue = (): QueueDoc => ({ entries: [], nextSeq: 1, told: {} });
/** Priority first, then arrival. */
const byTurn = (a: QueueEntry, b: QueueEntry) => a.priority - b.priority || a.seq - b.seq;
const convWrite = (c: HandoffConversation): DocWrite => ({ key: K.conv(c.conversationId), value: c, ttlSeconds: CONVERSATION_TTL_SECONDS });

/** Who is accepting or ending: from the signed-in session. */
export interface AgentIdentity {
  username: string;
  displayName: string;
  capacity: number;
}

/** A waiting customer's new place in the queue (1 = next); `previous` is what they were told before, if anything. */
export interface PositionChange {
  conversationId: string;
  position: number;
  previous?: number;
}

/** A new handoff, as the hub builds it from the `handoff.initiate` event. */
export type NewHandoff = Omit<HandoffConversation, 'state' | 'lines' | 'acknowledged' | 'offered' | 'agent' | 'agentName' | 'acceptedAt' | 'endedAt' | 'outcome' | 'labelledIntent' | 'ticketId'>;

/**
 * The handoff queue and its conversations, agents and tickets on a {@link DocStore} (memory,
 * or Redis shared by every instance). Every change is one optimistic transaction, so two
 * agents can never take the same conversation, an agent never goes over capacity, and a
 * position change is claimed (and told to the customer) by exactly one instance.
 * Semantics are tested on both DocStores by `test/contracts/handoffStore.contract.ts`.
 *
 * The one owner of handoff state: whether a conversation waits, is with an agent or is back
 * with the bot is what this store says. Only the hub writes it, the customer's "cancel"
 * included (the customer middleware applies it here). The bot's copy
 * (`ConversationData.handoff`) is a cache for routing its own turns: the bot sets it to
 * waiting when it sends `handoff.initiate` (queued here in that same turn), and from then on
 * it changes only on what the hub says: its `handoff.status` turns (accepted, completed,
 * failed, cancelled) and its mark on a customer message that this store does not hold.
 */
export class HandoffStore {
  constructor(private readonly docs: DocStore) {}

  // ── conversations ─────────────────────────────────────────────────

  async get(conversationId: string): Promise<HandoffConversation | undefined> {
    return (await this.docs.get<HandoffConversation>(K.conv(conversationId)))?.value;
  }

  /**
   * Puts a conversation in the queue (a handoff again after an earlier one starts afresh).
   * @returns false when it is already waiting or with an agent (nothing changes).
   */
  async enqueue(h: NewHandoff): Promise<{ queued: boolean; queueLength: number }> {
    return this.docs.transact<{ queued: boolean; queueLength: number }>([K.conv(h.conversationId), K.queue], (read) => {
      const current = read<HandoffConversation>(K.conv(h.conversationId))?.value;
      const queue = read<QueueDoc>(K.queue)?.value ?? emptyQueue();
      if (current && (current.state === 'waiting' || current.state === 'active')) return { result: { queued: false, queueLength: queue.entries.length } };
      const conv: HandoffConversation = { ...h, state: 'waiting', lines: [] };
      const entry: QueueEntry = {
        conversationId: h.conversationId,
        priority: h.priority,
        seq: queue.nextSeq,
        queuedAt: h.queuedAt,
        reason: h.reason,
        summary: h.summary,
        ...(h.customerName ? { customerName: h.customerName } : {}),
      };
      const next: QueueDoc = { ...queue, entries: [...queue.entries.filter((e) => e.conversationId !== h.conversationId), entry].sort(byTurn), nextSeq: queue.nextSeq + 1 };
      return { writes: [convWrite(conv), { key: K.queue, value: next }], result: { queued: true, queueLength: next.entries.length } };
    });
  }

  /**
   * Adds a line to a conversation in one of `states`. @returns the conversation after the
   * change and whether this was the first customer line of the wait (to acknowledge once),
   * or undefined when the conversation is not in one of those states.
   */
  async addLine(conversationId: string, line: HandoffLine, states: HandoffConversation['state'][]): Promise<{ conv: HandoffConversation; firstWhileWaiting: boolean } | undefined> {
    return this.docs.transact([K.conv(conversationId)], (read) => {
      const conv = read<HandoffConversation>(K.conv(conversationId))?.value;
      if (!conv || !states.includes(conv.state)) return { result: undefined };
      const firstWhileWaiting = conv.state === 'waiting' && line.from === 'customer' && !conv.acknowledged;
      const lines = [...conv.lines, line].slice(-MAX_LINES);
      const next: HandoffConversation = { ...conv, lines, ...(firstWhileWaiting ? { acknowledged: true } : {}) };
      return { writes: [convWrite(next)], result: { conv: next, firstWhileWaiting } };
    });
  }

  /** Leaves the queue (or the leave-a-message step) before an agent took it. @returns the wait, or undefined when it was not waiting. */
  async cancel(conversationId: string, now: Date): Promise<{ waitMs: number } | undefined> {
    return this.docs.transact([K.conv(conversationId), K.queue], (read) => {
      const conv = read<HandoffConversation>(K.conv(conversationId))?.value;
      if (!conv || (conv.state !== 'waiting' && conv.state !== 'leaving_message')) return { result: undefined };
      const queue = read<QueueDoc>(K.queue)?.value ?? emptyQueue();
      const ended: HandoffConversation = { ...conv, state: 'ended', outcome: 'cancelled', endedAt: now.toISOString() };
      return {
        writes: [convWrite(ended), { key: K.queue, value: withoutEntry(queue, conversationId) }],
        result: { waitMs: now.getTime() - Date.parse(conv.queuedAt) },
      };
    });
  }

  /** The customer chose to leave a message: out of the queue, the next message becomes a ticket. */
  async startLeavingMessage(conversationId: string): Promise<boolean> {
    return this.docs.transact([K.conv(conversationId), K.queue], (read) => {
      const conv = read<HandoffConversation>(K.conv(conversationId))?.value;
      if (!conv || conv.state !== 'waiting') return { result: false };
      const queue = read<QueueDoc>(K.queue)?.value ?? emptyQueue();
      return { writes: [convWrite({ ...conv, state: 'leaving_message' }), { key: K.queue, value: withoutEntry(queue, conversationId) }], result: true };
    });
  }

  /** Stores the customer's message as a follow-up ticket and ends the handoff. @returns the ticket, or undefined when not leaving a message. */
  async storeTicket(conversationId: string, message: string, now: Date): Promise<Ticket | undefined> {
    const id = `T-${randomBytes(4).toString('hex').toUpperCase()}`;
    return this.docs.transact([K.conv(conversationId), K.ticket(id), K.tickets], (read) => {
      const conv = read<HandoffConversation>(K.conv(conversationId))?.value;
      if (!conv || conv.state !== 'leaving_message') return { result: undefined };
      const ticket: Ticket = {
        id,
        conversationId,
        customerId: conv.customerId,
        ...(conv.customerName ? { customerName: conv.customerName } : {}),
        reason: conv.reason,
        summary: conv.summary,
        message,
        earlier: conv.lines.filter((l) => l.from === 'customer').map((l) => l.text),
        createdAt: now.toISOString(),
        status: 'open',
      };
      const open = read<{ ids: string[] }>(K.tickets)?.value.ids ?? [];
      return {
        writes: [
          convWrite({ ...conv, state: 'ended', outcome: 'ticket', ticketId: id, endedAt: now.toISOString() }),
          { key: K.ticket(id), value: ticket, ttlSeconds: TICKET_TTL_SECONDS },
          { key: K.tickets, value: { ids: [...open, id].slice(-MAX_OPEN_TICKETS) } },
        ],
        result: ticket,
      };
    });
  }

  /**
   * An agent takes a waiting conversation. @throws AppError 409 when it is no longer waiting,
   * the agent is away or offline, or already at capacity.
   */
  async accept(conversationId: string, agent: AgentIdentity, now: Date): Promise<{ conv: HandoffConversation; waitMs: number; queueLength: number }> {
    return this.docs.transact([K.conv(conversationId), K.queue, K.agent(agent.username)], (read) => {
      const conv = read<HandoffConversation>(K.conv(conversationId))?.value;
      if (!conv) throw notFound('There is no such conversation in the queue.');
      if (conv.state !== 'waiting') throw conflict(conv.state === 'active' ? 'Another agent has already taken this conversation.' : 'This customer is no longer waiting.');
      const me = read<AgentRecord>(K.agent(agent.username))?.value;
      if (!me || me.status !== 'online' || me.seenUntil <= now.getTime()) throw conflict('Set yourself online to take conversations.');
      if (me.active.length >= me.capacity) throw conflict(`You already have ${me.capacity} chats, your capacity. End one first.`);
      const queue = read<QueueDoc>(K.queue)?.value ?? emptyQueue();
      const accepted: HandoffConversation = {
        ...conv,
        state: 'active',
        agent: agent.username,
        agentName: agent.displayName,
        acceptedAt: now.toISOString(),
        lines: [...conv.lines, { from: 'system' as const, text: `${agent.displayName} joined the chat.`, at: now.toISOString() }].slice(-MAX_LINES),
      };
      const nextQueue = withoutEntry(queue, conversationId);
      return {
        writes: [convWrite(accepted), { key: K.queue, value: nextQueue }, { key: K.agent(agent.username), value: { ...me, active: [...me.active, conversationId] } }],
        result: { conv: accepted, waitMs: now.getTime() - Date.parse(conv.queuedAt), queueLength: nextQueue.entries.length },
      };
    });
  }

  /**
   * The assigned agent ends the chat. @throws AppError 404 unknown, 403 not theirs, 409 not active.
   */
  async end(conversationId: string, username: string, outcome: Outcome, labelledIntent: string | undefined, now: Date): Promise<{ conv: HandoffConversation; handleMs: number }> {
    return this.docs.transact([K.conv(conversationId), K.agent(username), K.stats], (read) => {
      const conv = this.assigned(read<HandoffConversation>(K.conv(conversationId))?.value, username);
      if (conv.state !== 'active') throw conflict('This chat has already ended.');
      const handleMs = now.getTime() - Date.parse(conv.acceptedAt ?? conv.queuedAt);
      const ended: HandoffConversation = {
        ...conv,
        state: 'ended',
        outcome,
        ...(labelledIntent ? { labelledIntent } : {}),
        endedAt: now.toISOString(),
        lines: [...conv.lines, { from: 'system' as const, text: `${conv.agentName ?? username} ended the chat (${outcome.replace('_', ' ')}).`, at: now.toISOString() }].slice(-MAX_LINES),
      };
      const me = read<AgentRecord>(K.agent(username))?.value;
      const stats = read<{ handleMs: number[] }>(K.stats)?.value.handleMs ?? [];
      const writes: DocWrite[] = [convWrite(ended), { key: K.stats, value: { handleMs: [...stats, handleMs].slice(-RECENT_HANDLE_TIMES) } }];
      if (me) writes.push({ key: K.agent(username), value: { ...me, active: me.active.filter((c) => c !== conversationId) } });
      return { writes, result: { conv: ended, handleMs } };
    });
  }

  /** The conversation if `username` has it (now or had it). @throws AppError 404 / 403 */
  async forAgent(conversationId: string, username: string): Promise<HandoffConversation> {
    return this.assigned(await this.get(conversationId), username);
  }

  private assigned(conv: HandoffConversation | undefined, username: string): HandoffConversation {
    if (!conv) throw notFound('There is no such conversation.');
    if (conv.agent !== username) throw forbidden('This conversation is not assigned to you.');
    return conv;
  }

  // ── the queue ─────────────────────────────────────────────────────

  /** Waiting conversations in serving order. */
  async queue(): Promise<QueueEntry[]> {
    return [...((await this.docs.get<QueueDoc>(K.queue))?.value.entries ?? [])].sort(byTurn);
  }

  /**
   * Positions (1 = next) that changed since customers were last told, claimed atomically:
   * each change is returned to exactly one caller across instances.
   */
  async claimPositionChanges(): Promise<PositionChange[]> {
    return this.docs.transact([K.queue], (read) => {
      const queue = read<QueueDoc>(K.queue)?.value;
      if (!queue) return { result: [] };
      const told: Record<string, number> = {};
      const changes: PositionChange[] = [];
      queue.entries.forEach((e, i) => {
        told[e.conversationId] = i + 1;
        const previous = queue.told[e.conversationId];
        if (previous !== i + 1) changes.push({ conversationId: e.conversationId, position: i + 1, ...(previous ? { previous } : {}) });
      });
      if (!changes.length && Object.keys(told).length === Object.keys(queue.told).length) return { result: [] };
      return { writes: [{ key: K.queue, value: { ...queue, told } }], result: changes };
    });
  }

  /**
   * Marks as offered (leave a message) the waiting conversations that match `due` and were not
   * offered yet; each is returned to exactly one caller across instances.
   */
  async claimOffers(due: (e: QueueEntry) => boolean): Promise<QueueEntry[]> {
    return this.docs.transact([K.queue], (read) => {
      const queue = read<QueueDoc>(K.queue)?.value;
      const claimed = queue?.entries.filter((e) => !e.offered && due(e)) ?? [];
      if (!queue || !claimed.length) return { result: [] };
      const ids = new Set(claimed.map((e) => e.conversationId));
      return { writes: [{ key: K.queue, value: { ...queue, entries: queue.entries.map((e) => (ids.has(e.conversationId) ? { ...e, offered: true } : e)) } }], result: claimed };
    });
  }

  // ── agents ────────────────────────────────────────────────────────

  /** Sets an agent's presence and marks them connected until `seenUntil` (epoch ms). */
  async setPresence(agent: AgentIdentity, status: Presence | undefined, seenUntil: number): Promise<AgentRecord> {
    return this.docs.transact([K.agent(agent.username), K.roster], (read) => {
      const current = read<AgentRecord>(K.agent(agent.username))?.value;
      const roster = read<{ usernames: string[] }>(K.roster)?.value.usernames ?? [];
      const next: AgentRecord = {
        username: agent.username,
        displayName: agent.displayName,
        capacity: agent.capacity,
        status: status ?? current?.status ?? 'online',
        seenUntil: Math.max(seenUntil, status ? 0 : (current?.seenUntil ?? 0)),
        active: current?.active ?? [],
      };
      const writes: DocWrite[] = [{ key: K.agent(agent.username), value: next }];
      if (!roster.includes(agent.username)) writes.push({ key: K.roster, value: { usernames: [...roster, agent.username] } });
      return { writes, result: next };
    });
  }

  async agent(username: string): Promise<AgentRecord | undefined> {
    return (await this.docs.get<AgentRecord>(K.agent(username)))?.value;
  }

  /** Every agent who ever opened the console (online or not). */
  async agents(): Promise<AgentRecord[]> {
    const names = (await this.docs.get<{ usernames: string[] }>(K.roster))?.value.usernames ?? [];
    const docs = await this.docs.getMany<AgentRecord>(names.map(K.agent));
    return docs.flatMap((d) => (d ? [d.value] : []));
  }

  /** Recent handle times (ms), newest last. */
  async handleTimes(): Promise<number[]> {
    return (await this.docs.get<{ handleMs: number[] }>(K.stats))?.value.handleMs ?? [];
  }

  // ── tickets ───────────────────────────────────────────────────────

  /** Open follow-up tickets, oldest first. */
  async openTickets(): Promise<Ticket[]> {
    const ids = (await this.docs.get<{ ids: string[] }>(K.tickets))?.value.ids ?? [];
    const docs = await this.docs.getMany<Ticket>(ids.map(K.ticket));
    return docs.flatMap((d) => (d && d.value.status === 'open' ? [d.value] : []));
  }

  /** Closes a ticket (an agent followed up). @throws AppError 404 / 409 */
  async closeTicket(id: string, by: string, now: Date): Promise<Ticket> {
    return this.docs.transact([K.ticket(id), K.tickets], (read) => {
      const ticket = read<Ticket>(K.ticket(id))?.value;
      if (!ticket) throw notFound('There is no such ticket.');
      if (ticket.status !== 'open') throw conflict('This ticket is already closed.');
      const closed: Ticket = { ...ticket, status: 'closed', closedBy: by, closedAt: now.toISOString() };
      const ids = read<{ ids: string[] }>(K.tickets)?.value.ids ?? [];
      return { writes: [{ key: K.ticket(id), value: closed, ttlSeconds: TICKET_TTL_SECONDS }, { key: K.tickets, value: { ids: ids.filter((x) => x !== id) } }], result: closed };
    });
  }
}

function withoutEntry(queue: QueueDoc, conversationId: string): QueueDoc {
  const { [conversationId]: _gone, ...told } = queue.told;
  return { ...queue, entries: queue.entries.filter((e) => e.conversationId !== conversationId), told };
}
