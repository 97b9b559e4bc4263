import { conflict } from '../../platform/errors';
import { maskText } from '../../platform/mask';
import type { CustomerLink } from './customerLink';
import { onlineAgents } from './estimateWait';
import type { AgentRecord, HandoffConversation, HandoffLine, Outcome, Presence, QueueEntry, Ticket } from './handoffRecords';
import { handoffReplies } from './handoffReplies';
import type { AgentIdentity } from './handoffStore';
import type { HubContext } from './hubContext';
import type { QueueAnnouncer } from './queueAnnouncer';

/** A waiting conversation as agents see it in the queue. */
export interface QueueItem extends QueueEntry {
  position: number;
  waitedMs: number;
}

/**
 * What agents do (the console's routes and socket call these): presence, the queue, accept,
 * say, note, typing, end, and follow-up tickets. Every change goes through the store first;
 * the customer and the bot hear of it through the {@link CustomerLink}.
 */
export class AgentDesk {
  constructor(
    protected readonly c: HubContext,
    protected readonly link: CustomerLink,
    protected readonly announcer: QueueAnnouncer,
  ) {}

  /** Waiting conversations in serving order, with position and time waited. */
  async queue(): Promise<QueueItem[]> {
    const now = this.c.now().getTime();
    return (await this.c.store.queue()).map((e, i) => ({ ...e, position: i + 1, waitedMs: now - Date.parse(e.queuedAt) }));
  }

  /** Online agents and the figures behind the estimates. */
  staffing(): Promise<{ agents: AgentRecord[]; online: AgentRecord[]; handleMs: number[] }> {
    return this.announcer.staffing();
  }

  /** Sets presence (and connectedness for `ttlMs`). @returns the agent's record */
  async setPresence(agent: AgentIdentity, status: Presence | undefined, ttlMs: number): Promise<AgentRecord> {
    const before = await this.c.store.agent(agent.username);
    const rec = await this.c.store.setPresence(agent, status, this.c.now().getTime() + ttlMs);
    const wasOnline = !!before && onlineAgents([before], this.c.now().getTime()).length > 0;
    if (wasOnline !== onlineAgents([rec], this.c.now().getTime()).length > 0) await this.c.notify({ kind: 'presence' });
    return rec;
  }

  /** The agent's presence, capacity and current chats (undefined before their first console). */
  async agent(username: string): Promise<AgentRecord | undefined> {
    return this.c.store.agent(username);
  }

  /** One of the agent's conversations (current or past). @throws AppError 404 unknown, 403 not theirs */
  async conversationFor(username: string, conversationId: string): Promise<HandoffConversation> {
    return this.c.store.forAgent(conversationId, username);
  }

  /** Takes a waiting conversation. @throws AppError 404/409 */
  async accept(agent: AgentIdentity, conversationId: string): Promise<HandoffConversation> {
    const now = this.c.now();
    const { conv, waitMs, queueLength } = await this.c.store.accept(conversationId, agent, now);
    this.c.emit('accepted', { conversationId, agent: agent.username, waitMs, at: now });
    this.c.logger.info({ conversationId, agent: agent.username, waitMs, queueLength }, 'agent accepted a handoff');
    await this.link.status(conv, { state: 'accepted', agentName: agent.displayName });
    await this.c.notify({ kind: 'chats', agent: agent.username });
    // The agent does not wait while everyone behind is told their new position.
    this.announcer.queueChanged();
    return conv;
  }

  /** The agent's message to the customer, shown with the agent's name. @throws AppError 403/404/409 */
  async say(agent: AgentIdentity, conversationId: string, text: string): Promise<HandoffLine> {
    const conv = await this.activeFor(agent, conversationId);
    await this.link.send(
      conv,
      { type: 'message', text: handoffReplies.fromAgent(agent.displayName, text), textFormat: 'markdown', channelData: { pawAgent: { username: agent.username, displayName: agent.displayName } } },
      { id: `agent:${agent.username}`, name: agent.displayName },
    );
    return this.addAgentLine(conv, { from: 'agent', text: maskText(text), at: this.c.now().toISOString(), by: agent.displayName });
  }

  /** A message the bot sent on its own (a proactive notice) joins the chat's lines, so the agent sees it too. @returns whether people have the chat */
  async showToAgent(conversationId: string, text: string): Promise<boolean> {
    const line: HandoffLine = { from: 'system', text: maskText(text), at: this.c.now().toISOString() };
    const r = await this.c.store.addLine(conversationId, line, ['waiting', 'active']);
    if (r?.conv.state === 'active' && r.conv.agent) await this.c.notify({ kind: 'line', conversationId, agent: r.conv.agent, line });
    return !!r;
  }

  /** An internal note: stored with the conversation, never sent to the customer. @throws AppError 403/404/409 */
  async note(agent: AgentIdentity, conversationId: string, text: string): Promise<HandoffLine> {
    const conv = await this.activeFor(agent, conversationId);
    return this.addAgentLine(conv, { from: 'note', text: maskText(text), at: this.c.now().toISOString(), by: agent.displayName });
  }

  /** Shows the customer that the agent is typing. @throws AppError 403/404/409 */
  async typing(agent: AgentIdentity, conversationId: string): Promise<void> {
    const conv = await this.activeFor(agent, conversationId);
    await this.link.send(conv, { type: 'typing' }, { id: `agent:${agent.username}`, name: agent.displayName });
  }

  /**
   * Ends the chat: the bot greets the customer back and answers again. `labelledIntent` is
   * what the customer really wanted (for the trainers). @throws AppError 403/404/409
   */
  async end(agent: AgentIdentity, conversationId: string, outcome: Outcome, labelledIntent?: string): Promise<HandoffConversation> {
    const now = this.c.now();
    const { conv, handleMs } = await this.c.store.end(conversationId, agent.username, outcome, labelledIntent, now);
    this.c.emit('completed', {
      conversationId,
      agent: agent.username,
      handleMs,
      outcome,
      ...(labelledIntent ? { labelledIntent } : {}),
      customerUtterances: conv.lines.filter((l) => l.from === 'customer').map((l) => l.text),
      at: now,
    });
    this.c.logger.info({ conversationId, agent: agent.username, handleMs, outcome }, 'agent ended a handoff');
    await this.c.notify({ kind: 'line', conversationId, agent: agent.username, line: conv.lines[conv.lines.length - 1]! });
    await this.link.status(conv, { state: 'completed' });
    await this.c.notify({ kind: 'chats', agent: agent.username });
    return conv;
  }

  async openTickets(): Promise<Ticket[]> {
    return this.c.store.openTickets();
  }

  async closeTicket(agent: AgentIdentity, id: string): Promise<Ticket> {
    const t = await this.c.store.closeTicket(id, agent.username, this.c.now());
    await this.c.notify({ kind: 'tickets' });
    return t;
  }

  private async activeFor(agent: AgentIdentity, conversationId: string): Promise<HandoffConversation> {
    const conv = await this.c.store.forAgent(conversationId, agent.username);
    if (conv.state !== 'active') throw conflict('This chat has ended.');
    return conv;
  }

  private async addAgentLine(conv: HandoffConversation, line: HandoffLine): Promise<HandoffLine> {
    await this.c.store.addLine(conv.conversationId, line, ['active']);
    await this.c.notify({ kind: 'line', conversationId: conv.conversationId, agent: conv.agent!, line });
    return line;
  }
}
