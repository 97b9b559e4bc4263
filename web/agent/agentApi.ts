import { Router, type Request } from 'express';
import { z } from 'zod';
import type { HandoffHub } from '../../bot/handoff/handoffHub';
import { OUTCOMES, type HandoffConversation } from '../../bot/handoff/handoffRecords';
import type { AgentIdentity } from '../../bot/handoff/handoffStore';
import { IN_SCOPE_INTENTS, NONE_INTENT } from '../../nlu/intents';
import { resource } from '../../platform/http/resource';
import { parseInput } from '../../platform/http/validate';
import { requireUser } from '../../platform/auth/auth';
import type { SessionStore } from '../../platform/auth/sessionStore';
import type { CannedResponse } from './cannedResponses';
import type { ChatSummary, ConsoleState, ConversationView } from './consoleViews';

/** Intents an agent may label a chat with (what the customer really wanted). */
export const LABEL_INTENTS = [...IN_SCOPE_INTENTS, NONE_INTENT] as const;

/** How long one request or heartbeat keeps an agent "connected" (consoles refresh it). */
export const PRESENCE_TTL_MS = 30_000;

export interface AgentApiOptions {
  hub: HandoffHub;
  sessions: SessionStore;
  canned: CannedResponse[];
}

const Params = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a conversation id') });
const TicketParams = z.object({ id: z.string().regex(/^T-[0-9A-F]{8}$/, 'is not a ticket id') });
const Text = z.object({ text: z.string().trim().min(1, 'is empty').max(2000) }).strict();
const Presence = z.object({ status: z.enum(['online', 'away']) }).strict();
const End = z.object({ outcome: z.enum(OUTCOMES), intent: z.enum(LABEL_INTENTS).optional() }).strict();

/** The signed-in agent (requireUser ran). */
export function agentOf(req: Request): AgentIdentity {
  const u = req.session!.user;
  return { username: u.username, displayName: u.displayName, capacity: u.capacity };
}

/** What the console shows of one of the agent's conversations: everything the bot knew, and the live chat. */
function view(c: HandoffConversation): ConversationView {
  return {
    conversationId: c.conversationId,
    state: c.state,
    reason: c.reason,
    summary: c.summary,
    customerId: c.customerId,
    customerName: c.customerName ?? null,
    queuedAt: c.queuedAt,
    acceptedAt: c.acceptedAt ?? null,
    endedAt: c.endedAt ?? null,
    outcome: c.outcome ?? null,
    packet: { trail: c.packet.trail, slots: c.packet.slots, shown: c.packet.shown, requestedAt: c.packet.requestedAt },
    transcript: c.transcript,
    lines: c.lines,
  };
}

/**
 * The agent console's API under `/agent/api` (signed-in agents only: 401 without a session,
 * 403 without the agent role or, on POST, without the CSRF token). An agent reads and writes
 * only the conversations assigned to them (403 otherwise).
 */
export function agentApiRouter(o: AgentApiOptions): Router {
  const router = Router();
  router.use('/agent/api', requireUser(o.sessions, ['agent']));
  const { hub } = o;

  const chatsOf = async (username: string): Promise<ChatSummary[]> => {
    const me = await hub.agent(username);
    const convs = await Promise.all((me?.active ?? []).map((id) => hub.conversationFor(username, id).catch(() => undefined)));
    return convs.flatMap((c) => (c ? [{ conversationId: c.conversationId, customerName: c.customerName ?? null, customerId: c.customerId, reason: c.reason, acceptedAt: c.acceptedAt ?? null }] : []));
  };

  resource(router, '/agent/api/state', {
    get: async (req, res) => {
      const agent = agentOf(req);
      const [queue, staffing, chats, tickets] = await Promise.all([hub.queue(), hub.staffing(), chatsOf(agent.username), hub.openTickets()]);
      const me = staffing.agents.find((a) => a.username === agent.username);
      res.json({
        me: { ...agent, status: me?.status ?? 'online' },
        online: staffing.online.length,
        queue,
        chats,
        tickets,
        canned: o.canned,
        outcomes: OUTCOMES,
        intents: LABEL_INTENTS,
      } satisfies ConsoleState);
    },
  });
  resource(router, '/agent/api/presence', {
    post: async (req, res) => {
      const { status } = parseInput(Presence, req.body);
      const rec = await hub.setPresence(agentOf(req), status, PRESENCE_TTL_MS);
      res.json({ status: rec.status, capacity: rec.capacity, active: rec.active.length });
    },
  });
  resource(router, '/agent/api/queue', { get: async (_req, res) => void res.json({ queue: await hub.queue() }) });
  resource(router, '/agent/api/chats', { get: async (req, res) => void res.json({ chats: await chatsOf(agentOf(req).username) }) });
  resource(router, '/agent/api/conversations/:id', {
    get: async (req, res) => {
      const { id } = parseInput(Params, req.params, 'path');
      res.json(view(await hub.conversationFor(agentOf(req).username, id)));
    },
  });
  resource(router, '/agent/api/conversations/:id/accept', {
    post: async (req, res) => {
      const { id } = parseInput(Params, req.params, 'path');
      res.json(view(await hub.accept(agentOf(req), id)));
    },
  });
  resource(router, '/agent/api/conversations/:id/messages', {
    post: async (req, res) => {
      const { id } = parseInput(Params, req.params, 'path');
      const { text } = parseInput(Text, req.body);
      res.status(201).json(await hub.say(agentOf(req), id, text));
    },
  });
  resource(router, '/agent/api/conversations/:id/notes', {
    post: async (req, res) => {
      const { id } = parseInput(Params, req.params, 'path');
      const { text } = parseInput(Text, req.body);
      res.status(201).json(await hub.note(agentOf(req), id, text));
    },
  });
  resource(router, '/agent/api/conversations/:id/typing', {
    post: async (req, res) => {
      const { id } = parseInput(Params, req.params, 'path');
      await hub.typing(agentOf(req), id);
      res.status(204).end();
    },
  });
  resource(router, '/agent/api/conversations/:id/end', {
    post: async (req, res) => {
      const { id } = parseInput(Params, req.params, 'path');
      const { outcome, intent } = parseInput(End, req.body);
      res.json(view(await hub.end(agentOf(req), id, outcome, intent)));
    },
  });
  resource(router, '/agent/api/tickets', { get: async (_req, res) => void res.json({ tickets: await hub.openTickets() }) });
  resource(router, '/agent/api/tickets/:id/close', {
    post: async (req, res) => {
      const { id } = parseInput(TicketParams, req.params, 'path');
      res.json(await hub.closeTicket(agentOf(req), id));
    },
  });
  return router;
}
