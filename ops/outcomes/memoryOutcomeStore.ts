import { idleCandidate, isOpen, type ConversationOutcome } from './conversationOutcome';
import { DEFAULT_OUTCOME_RETENTION_DAYS, type OutcomeChange, type OutcomeStore, type OutcomeUpdate } from './outcomeStore';

interface Entry {
  record: ConversationOutcome;
  expiresAt: number;
}

/** {@link OutcomeStore} in one process's memory (lost on restart). */
export class MemoryOutcomeStore implements OutcomeStore {
  private readonly records = new Map<string, Entry>();
  private readonly retentionMs: number;
  private readonly now: () => number;

  constructor(options: { retentionDays?: number; now?: () => number } = {}) {
    this.retentionMs = (options.retentionDays ?? DEFAULT_OUTCOME_RETENTION_DAYS) * 86_400_000;
    this.now = options.now ?? Date.now;
  }

  private live(id: string): ConversationOutcome | undefined {
    const e = this.records.get(id);
    if (!e) return undefined;
    if (e.expiresAt <= this.now()) {
      this.records.delete(id);
      return undefined;
    }
    return e.record;
  }

  async get(conversationId: string): Promise<ConversationOutcome | undefined> {
    const r = this.live(conversationId);
    return r && structuredClone(r);
  }

  async update(conversationId: string, change: OutcomeChange): Promise<OutcomeUpdate> {
    const previous = this.live(conversationId);
    const next = change(previous && structuredClone(previous));
    if (next === undefined) return { previous: previous && structuredClone(previous), current: previous && structuredClone(previous), changed: false };
    this.records.set(conversationId, { record: structuredClone(next), expiresAt: this.now() + this.retentionMs });
    return { previous: previous && structuredClone(previous), current: structuredClone(next), changed: true };
  }

  async listStarted(from: Date, to: Date): Promise<ConversationOutcome[]> {
    const out: ConversationOutcome[] = [];
    for (const id of [...this.records.keys()]) {
      const r = this.live(id);
      if (!r) continue;
      const t = Date.parse(r.startedAt);
      if (t >= from.getTime() && t < to.getTime()) out.push(structuredClone(r));
    }
    return out.sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.conversationId.localeCompare(b.conversationId));
  }

  async idleCandidates(before: Date, limit: number): Promise<string[]> {
    const found: ConversationOutcome[] = [];
    for (const id of [...this.records.keys()]) {
      const r = this.live(id);
      if (r && idleCandidate(r) && Date.parse(r.lastActivityAt) <= before.getTime()) found.push(r);
    }
    found.sort((a, b) => Date.parse(a.lastActivityAt) - Date.parse(b.lastActivityAt) || a.conversationId.localeCompare(b.conversationId));
    return found.slice(0, limit).map((r) => r.conversationId);
  }

  async countOpen(since: Date): Promise<number> {
    let n = 0;
    for (const id of [...this.records.keys()]) {
      const r = this.live(id);
      if (r && isOpen(r) && Date.parse(r.lastActivityAt) >= since.getTime()) n++;
    }
    return n;
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {}
}
