// @ts-check
// The page kit's HTTP client: JSON in and out, the CSRF token on every state-changing call, and
// RFC 9457 problem+json errors turned into an ApiError whose message a person can read.

/**
 * An RFC 9457 problem document as `platform/http/problemHandler.ts` writes it.
 * @typedef {object} Problem
 * @property {string} [type]
 * @property {string} [title]
 * @property {number} [status]
 * @property {string} [detail]
 * @property {string} [code]
 * @property {{ path: string, message: string }[]} [errors] failing fields (422)
 * @property {string[]} [reasons] failed checks (e.g. the quality gate)
 */

/** A non-2xx answer: `message` is the problem's detail (or title), `problem` the whole document. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {Problem | null} problem
   */
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The server answered ${status}.`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** The details a person should see besides the message: failing fields and failed checks. */
  get details() {
    const p = this.problem;
    return [...(p?.errors ?? []).map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)), ...(p?.reasons ?? [])];
  }
}

/** @type {string} */
let csrfToken = '';
/** @type {(() => void)[]} */
const signedOutListeners = [];

/** The session's CSRF token, sent with every call that is not a GET. @param {string} token */
export function setCsrf(token) {
  csrfToken = token;
}

/**
 * Called when any call answers 401 (the session ended), except the sign-in calls (`/auth/*`: the sign-in flow handles those).
 * @param {() => void} listener
 */
export function onSignedOut(listener) {
  signedOutListeners.push(listener);
}

/**
 * Calls our server. Resolves with the parsed JSON (null for 204); rejects with an
 * {@link ApiError}. Callers cast the result to the view type they expect.
 * @param {'GET' | 'POST' | 'PUT' | 'DELETE'} method
 * @param {string} path
 * @param {unknown} [body] sent as JSON
 * @returns {Promise<unknown>}
 */
export async function api(method, path, body) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 204) return null;
  /** @type {unknown} */
  const json = await res.json().catch(() => null);
  if (res.ok) return json;
  if (res.status === 401 && !path.startsWith('/auth/')) for (const l of signedOutListeners) l();
  throw new ApiError(res.status, json && typeof json === 'object' ? /** @type {Problem} */ (json) : null);
}

/**
 * A readable sentence for any error: an ApiError's message with its details, or the error's message.
 * @param {unknown} err
 * @returns {string}
 */
export function errorText(err) {
  if (err instanceof ApiError) return [err.message, ...err.details].join(' ');
  return err instanceof Error ? err.message : String(err);
}
