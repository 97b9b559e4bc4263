import type { AgentRecord } from './handoffRecords';

/** Agents who can take chats now: online, with a console open. */
export function onlineAgents(agents: AgentRecord[], nowMs: number): AgentRecord[] {
  return agents.filter((a) => a.status === 'online' && a.seenUntil > nowMs);
}

/**
 * Estimated wait (ms) of the customer at `position` (1 = next). Free chat slots of online
 * agents are taken at once; beyond them, chats end at a rate of (all slots ÷ average handle
 * time), so the k-th customer past the free slots waits about k × handle time ÷ slots.
 * @returns undefined when no agent is online (no estimate can be honest).
 */
export function estimateWaitMs(position: number, online: Pick<AgentRecord, 'capacity' | 'active'>[], recentHandleMs: number[], defaultHandleMs: number): number | undefined {
  if (!online.length) return undefined;
  const slots = online.reduce((n, a) => n + a.capacity, 0);
  const free = online.reduce((n, a) => n + Math.max(0, a.capacity - a.active.length), 0);
  if (position <= free) return 0;
  const handleMs = recentHandleMs.length ? recentHandleMs.reduce((a, b) => a + b, 0) / recentHandleMs.length : defaultHandleMs;
  return Math.round(((position - free) * handleMs) / Math.max(1, slots));
}

/** "less than a minute", "about 1 minute", "about 7 minutes". */
export function describeWait(ms: number): string {
  if (ms < 60_000) return 'less than a minute';
  const minutes = Math.round(ms / 60_000);
  return `about ${minutes} minute${minutes === 1 ? '' : 's'}`;
}
