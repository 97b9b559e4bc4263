import type { IncomingMessage } from 'node:http';

/** The staff session cookie's name. */
export const SESSION_COOKIE = 'paw_session';

/**
 * The staff session id from a request's `Cookie` header: the one reader for HTTP routes and the
 * agent WebSocket upgrade. A malformed value (`%zz`, `%E0`) is no session, never an exception.
 */
export function sessionIdOf(req: Pick<IncomingMessage, 'headers'>): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0 || part.slice(0, i).trim() !== SESSION_COOKIE) continue;
    try {
      return decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}
