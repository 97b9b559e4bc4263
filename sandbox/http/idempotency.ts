import { createHash, createHmac } from 'node:crypto';
import type { Request } from 'express';
import { AppError, badRequest } from '../../platform/errors';
import type { DocStore, DocWrite, TxSnapshot } from '../../platform/store/docStore';

/** What a write endpoint answers; recorded for replay when the request had an Idempotency-Key. */
export interface StoredResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A write's outcome: the response, or a typed error (its `writes` still commit, e.g. a failed-PIN counter). */
export type WriteOutcome = { writes?: DocWrite[]; response: StoredResponse } | { writes?: DocWrite[]; error: AppError };

interface IdempotencyRecord {
  requestHash: string;
  response: StoredResponse;
}

const KEY_FORMAT = /^[\x21-\x7e]{1,200}$/;
const TTL_SECONDS = 24 * 60 * 60;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
// Bodies may hold a gift card number and PIN: only a keyed hash of them is ever stored.
const hmac = (secret: string, s: string) => createHmac('sha256', secret).update(s).digest('hex');

/**
 * Runs one account-changing write atomically, honouring `Idempotency-Key`: the effect and
 * the record of its response commit in the same transaction, so a retry with the same key
 * and body returns the first response without applying anything again (even when both
 * arrive at once); the same key with another body → 422. Only successful responses are
 * recorded: a refused request changed nothing and may be retried.
 *
 * @param deps the store, and the secret that keys the stored request fingerprints.
 * @param keys the documents `fn` reads and writes.
 */
export async function idempotentWrite(
  { store, idempotencySecret }: { store: DocStore; idempotencySecret: string },
  req: Request,
  keys: string[],
  fn: (read: TxSnapshot) => WriteOutcome | Promise<WriteOutcome>,
): Promise<StoredResponse & { replayed: boolean }> {
  const key = req.get('idempotency-key');
  if (key !== undefined && !KEY_FORMAT.test(key)) throw badRequest('Idempotency-Key must be 1 to 200 visible ASCII characters.');
  const scope = `${req.method} ${req.baseUrl}${req.path}`;
  const requestHash = hmac(idempotencySecret, `${scope}\n${canonical(req.body ?? null)}`);
  const idemKey = key === undefined ? undefined : `idem:${sha256(`${scope}\n${key}`)}`;

  type TxOut = { replay: IdempotencyRecord } | { out: WriteOutcome };
  const outcome = await store.transact<TxOut>([...keys, ...(idemKey ? [idemKey] : [])], async (read) => {
    const prior = idemKey ? read<IdempotencyRecord>(idemKey)?.value : undefined;
    if (prior) return { result: { replay: prior } satisfies TxOut };
    const out = await fn(read);
    const writes = [...(out.writes ?? [])];
    if ('response' in out && idemKey && out.response.status < 300) {
      writes.push({ key: idemKey, value: { requestHash, response: out.response } satisfies IdempotencyRecord, ttlSeconds: TTL_SECONDS });
    }
    return { writes, result: { out } satisfies TxOut };
  });

  if ('replay' in outcome) {
    if (outcome.replay.requestHash !== requestHash) {
      throw new AppError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request body; use a new key for a new request.');
    }
    return { ...outcome.replay.response, replayed: true };
  }
  if ('error' in outcome.out) throw outcome.out.error;
  return { ...outcome.out.response, replayed: false };
}
