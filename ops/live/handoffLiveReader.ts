import type { AgentRecord } from '../../bot/handoff/handoffRecords';
import type { LiveReader } from './liveFeed';

/** What the live panel needs of the handoff hub. */
export interface LiveHub {
  queue(): Promise<{ waitedMs: number }[]>;
  staffing(): Promise<{ online: AgentRecord[] }>;
}

/** The live panel's reader over the handoff hub: queue length, longest wait, online agents and their load. */
export function handoffLiveReader(hub: LiveHub): LiveReader {
  return async () => {
    const [queue, staffing] = await Promise.all([hub.queue(), hub.staffing()]);
    return {
      queueLength: queue.length,
      longestWaitMs: queue.length ? Math.max(...queue.map((q) => q.waitedMs)) : null,
      agents: staffing.online
        .map((a) => ({ username: a.username, displayName: a.displayName, load: a.active.length, capacity: a.capacity }))
        .sort((a, b) => a.username.localeCompare(b.username)),
    };
  };
}
