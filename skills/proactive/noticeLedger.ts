import type { DocStore, DocWrite } from '../../platform/store/docStore';

/** Where one notice stands. */
export interface NoticeRecord {
  /** `sending`: claimed, maybe in the log already; `sent`: in the log; `skipped`: never to be sent (stale, opted out…). */
  state: 'sending' | 'sent' | 'skipped';
  conversationId?: string;
  /** The conversation's last sequence number when the send began: the message, if sent, is after it. */
  afterSeq?: number;
  /** While `sending`: nobody else takes it over before this (ms since epoch). */
  leaseUntil?: number;
  reason?: string;
  at: string;
}

/** What {@link NoticeLedger.begin} decided. */
export type NoticeClaim =
  | { kind: 'send' }
  /** An earlier attempt claimed it and may have sent it: look in the log after `afterSeq` before sending. */
  | { kind: 'resume'; conversationId: string; afterSeq: number }
  | { kind: 'done'; state: 'sent' | 'skipped' }
  /** Another instance is sending it right now. */
  | { kind: 'busy' }
  /** A newer notice of the same thread (e.g. the same order) was sent: this one would contradict it. */
  | { kind: 'stale' };

export interface BeginOptions {
  conversationId: string;
  afterSeq: number;
  leaseMs: number;
  now: number;
  /** Notices of one thread (an order) go out in `at` order only: an older one after a newer is stale. */
  thread?: { id: string; at: string };
}

const RETENTION_SECONDS = 60 * 86_400;
const noticeKey = (key: string) => `proactive:notice:${key}`;
const threadKey = (id: string) => `proactive:thread:${id}`;

/**
 * The exactly-once ledger of proactive messages: one record per notice key (a carrier event, a
 * reminder for one delivery date). Claiming and finishing are transactions on the
 * {@link DocStore}, so across instances one of them sends each notice, and a crash between
 * sending and finishing is detected (the claim records where to look) instead of sending twice.
 */
export class NoticeLedger {
  constructor(private readonly docs: DocStore) {}

  async get(key: string): Promise<NoticeRecord | undefined> {
    return (await this.docs.get<NoticeRecord>(noticeKey(key)))?.value;
  }

  async begin(key: string, o: BeginOptions): Promise<NoticeClaim> {
    const nk = noticeKey(key);
    const tk = o.thread ? threadKey(o.thread.id) : undefined;
    return this.docs.transact([nk, ...(tk ? [tk] : [])], (read) => {
      const cur = read<NoticeRecord>(nk)?.value;
      if (cur?.state === 'sent' || cur?.state === 'skipped') return { result: { kind: 'done', state: cur.state } as NoticeClaim };
      if (cur?.state === 'sending' && (cur.leaseUntil ?? 0) > o.now) return { result: { kind: 'busy' } as NoticeClaim };
      const at = new Date(o.now).toISOString();
      const lease = { leaseUntil: o.now + o.leaseMs, at };
      if (cur?.state === 'sending' && cur.conversationId !== undefined) {
        return {
          writes: [{ key: nk, value: { ...cur, ...lease } satisfies NoticeRecord, ttlSeconds: RETENTION_SECONDS }],
          result: { kind: 'resume', conversationId: cur.conversationId, afterSeq: cur.afterSeq ?? 0 } as NoticeClaim,
        };
      }
      const writes: DocWrite[] = [];
      if (tk && o.thread) {
        const latest = read<{ at: string }>(tk)?.value;
        if (latest && Date.parse(latest.at) > Date.parse(o.thread.at)) {
          writes.push({ key: nk, value: { state: 'skipped', reason: 'stale', at } satisfies NoticeRecord, ttlSeconds: RETENTION_SECONDS });
          return { writes, result: { kind: 'stale' } as NoticeClaim };
        }
        writes.push({ key: tk, value: { at: o.thread.at }, ttlSeconds: RETENTION_SECONDS });
      }
      writes.push({ key: nk, value: { state: 'sending', conversationId: o.conversationId, afterSeq: o.afterSeq, ...lease } satisfies NoticeRecord, ttlSeconds: RETENTION_SECONDS });
      return { writes, result: { kind: 'send' } as NoticeClaim };
    });
  }

  /** The notice is in the log (`sent`) or will never be sent (`skipped`, with why). */
  async finish(key: string, state: 'sent' | 'skipped', now: number, reason?: string): Promise<void> {
    const nk = noticeKey(key);
    await this.docs.transact([nk], (read) => {
      const cur = read<NoticeRecord>(nk)?.value;
      if (cur?.state === 'sent') return { result: null };
      const value: NoticeRecord = { ...cur, state, at: new Date(now).toISOString(), ...(reason ? { reason } : {}) };
      delete value.leaseUntil;
      return { writes: [{ key: nk, value, ttlSeconds: RETENTION_SECONDS }], result: null };
    });
  }
}
