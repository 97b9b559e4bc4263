/**
 * Typed failures of the internal API clients. Dialogs branch on these, never on HTTP details.
 */
export type ApiErrorKind =
  /** The API refused the request (4xx problem): `code` says why (e.g. `not_found`, `conflict`). */
  | 'rejected'
  /** Timeout, connection refused, 5xx: the action may or may not have happened. */
  | 'unavailable'
  /** The API answered something that does not match the contract. */
  | 'contract';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    /** HTTP status (0 when no response). */
    readonly status: number,
    /** The problem `code` (e.g. `not_found`, `pin_incorrect`), `timeout`, `network` or `contract_violation`. */
    readonly code: string,
    message: string,
    /** Extra members of the problem document (e.g. `attemptsLeft`, `errors`). */
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ApiError';
  }

  /** Seconds from `Retry-After`, when the API sent one. */
  get retryAfterSeconds(): number | undefined {
    const v = this.details.retryAfterSeconds;
    return typeof v === 'number' ? v : undefined;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
