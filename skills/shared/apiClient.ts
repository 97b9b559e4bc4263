import { randomUUID } from 'node:crypto';
import axios, { AxiosError, type AxiosInstance, type Method } from 'axios';
import type { z } from 'zod';
import { ApiError } from './apiErrors';

/** How a client reaches an internal API. */
export interface ApiClientOptions {
  baseUrl: string;
  token: string;
  /** Per-attempt timeout (default 2000 ms). */
  timeoutMs?: number;
  /** Extra attempts for safe requests (default 2). */
  retries?: number;
  /** Called after every attempt (metrics). */
  onCall?: (call: { api: string; route: string; method: string; status: number; ms: number }) => void;
}

export interface RequestSpec<S extends z.ZodType> {
  method: Method;
  /** Route template for metrics, e.g. `/v1/customers/{customerId}/orders`. */
  route: string;
  /** Concrete path, already encoded. */
  path: string;
  schema: S;
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  /** Makes a write safe to retry: sent as `Idempotency-Key`. */
  idempotencyKey?: string;
}

const RETRIABLE = new Set([502, 503, 504]);

/**
 * The base of every typed internal-API client: bearer token, timeout, responses parsed with
 * the contract's zod schemas (mismatch → `ApiError('contract')`), problem+json mapped to
 * `ApiError('rejected')`, and retries with backoff only for reads and for writes that carry an
 * `Idempotency-Key` (a retry of any other write could apply it twice).
 */
export class ApiClient {
  protected readonly http: AxiosInstance;
  private readonly retries: number;

  constructor(
    protected readonly api: string,
    private readonly options: ApiClientOptions,
  ) {
    this.http = axios.create({
      baseURL: options.baseUrl.replace(/\/$/, ''),
      timeout: options.timeoutMs ?? 2000,
      headers: { Authorization: `Bearer ${options.token}`, Accept: 'application/json, application/problem+json' },
      validateStatus: () => true,
      // Problem bodies and JSON only; never follow redirects to somewhere else with our token.
      maxRedirects: 0,
      responseType: 'json',
      transitional: { clarifyTimeoutError: true },
    });
    this.retries = options.retries ?? 2;
  }

  /** Sends one request (with the retries it is allowed) and returns the parsed body and headers. */
  protected async send<S extends z.ZodType>(spec: RequestSpec<S>): Promise<{ data: z.output<S>; headers: Record<string, string> }> {
    const safe = spec.method.toUpperCase() === 'GET' || spec.idempotencyKey !== undefined;
    const attempts = safe ? this.retries + 1 : 1;
    let last: ApiError | undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 100 * 2 ** (attempt - 1) + Math.random() * 50));
      const started = performance.now();
      try {
        const res = await this.http.request({
          method: spec.method,
          url: spec.path,
          data: spec.body,
          params: spec.query,
          headers: {
            ...(spec.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
            ...(spec.idempotencyKey ? { 'Idempotency-Key': spec.idempotencyKey } : {}),
            'X-Request-Id': randomUUID(),
            ...spec.headers,
          },
        });
        this.options.onCall?.({ api: this.api, route: spec.route, method: spec.method.toUpperCase(), status: res.status, ms: performance.now() - started });
        const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
        if (res.status >= 200 && res.status < 300) {
          const parsed = spec.schema.safeParse(res.data);
          if (!parsed.success) {
            throw new ApiError('contract', res.status, 'contract_violation', `${this.api} answered ${spec.method.toUpperCase()} ${spec.route} with a body that does not match the contract: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
          }
          return { data: parsed.data, headers };
        }
        const problem = (res.data && typeof res.data === 'object' ? res.data : {}) as Record<string, unknown>;
        const retryAfter = Number(headers['retry-after']);
        const details = { ...problem, ...(Number.isFinite(retryAfter) ? { retryAfterSeconds: retryAfter } : {}) };
        const err = new ApiError(
          res.status >= 500 ? 'unavailable' : 'rejected',
          res.status,
          typeof problem.code === 'string' ? problem.code : `http_${res.status}`,
          typeof problem.detail === 'string' ? problem.detail : `${this.api} answered ${res.status}`,
          details,
        );
        if (res.status >= 500 && (RETRIABLE.has(res.status) || res.status === 500)) {
          last = err;
          continue;
        }
        throw err;
      } catch (e) {
        if (e instanceof ApiError) throw e;
        const ax = e as AxiosError;
        const timeout = ax.code === 'ETIMEDOUT' || ax.code === 'ECONNABORTED';
        this.options.onCall?.({ api: this.api, route: spec.route, method: spec.method.toUpperCase(), status: 0, ms: performance.now() - started });
        last = new ApiError('unavailable', 0, timeout ? 'timeout' : 'network', `${this.api} did not answer (${timeout ? 'timeout' : ax.code ?? ax.message})`, {}, { cause: e });
      }
    }
    throw last!;
  }
}

/** Encodes one path segment. */
export const seg = (s: string) => encodeURIComponent(s);
