import { createHash, randomBytes } from 'node:crypto';
import type { DocStore } from '../store/docStore';
import type { PublicUser } from './users';

/** A signed-in person's session. */
export interface Session {
  user: PublicUser;
  /** Must accompany every state-changing request (header `X-CSRF-Token`). */
  csrfToken: string;
  createdAt: string;
}

const key = (id: string) => `session:${createHash('sha256').update(id).digest('hex')}`;

/**
 * Sessions on the DocStore (memory or Redis, so every instance knows them). Only a hash of
 * the session id is stored; the id itself lives in the person's HttpOnly cookie.
 */
export class SessionStore {
  constructor(
    private readonly docs: DocStore,
    private readonly ttlSeconds: number,
  ) {}

  async create(user: PublicUser): Promise<{ id: string; session: Session }> {
    const id = randomBytes(32).toString('base64url');
    const session: Session = { user, csrfToken: randomBytes(24).toString('base64url'), createdAt: new Date().toISOString() };
    await this.docs.transact([key(id)], () => ({ writes: [{ key: key(id), value: session, ttlSeconds: this.ttlSeconds }], result: null }));
    return { id, session };
  }

  async get(id: string | undefined): Promise<Session | undefined> {
    if (!id || id.length > 100) return undefined;
    return (await this.docs.get<Session>(key(id)))?.value;
  }

  async destroy(id: string): Promise<void> {
    await this.docs.transact([key(id)], () => ({ writes: [{ key: key(id), value: null }], result: null }));
  }
}
