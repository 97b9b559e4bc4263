import type { RequestHandler } from 'express';
import { AppError } from '../../platform/errors';

/** Added latency and an error rate for one route (`"POST /v1/customers/{customerId}/rewards/redemptions"`) or `"*"`. */
export interface FaultRule {
  latencyMs: number;
  errorRate: number;
  /** Status of injected errors (default 503). */
  errorStatus?: number;
}

/**
 * Fault injection for resilience tests and demos. Rules are keyed by `"<METHOD> <path template>"`
 * exactly as in the OpenAPI document, or `"*"` for every route.
 */
export class FaultInjector {
  private rules = new Map<string, FaultRule>();

  constructor(
    initial: Record<string, Partial<FaultRule>> = {},
    private readonly random: () => number = Math.random,
  ) {
    this.replace(initial);
  }

  replace(rules: Record<string, Partial<FaultRule>>): void {
    this.rules = new Map(Object.entries(rules).map(([k, r]) => [normalise(k), { latencyMs: r.latencyMs ?? 0, errorRate: r.errorRate ?? 0, errorStatus: r.errorStatus }]));
  }

  set(route: string, rule: Partial<FaultRule>): void {
    this.rules.set(normalise(route), { latencyMs: rule.latencyMs ?? 0, errorRate: rule.errorRate ?? 0, errorStatus: rule.errorStatus });
  }

  clear(): void {
    this.rules.clear();
  }

  list(): Record<string, FaultRule> {
    return Object.fromEntries(this.rules);
  }

  /** Middleware for one route; reads the rules at request time so changes apply at once. */
  middleware(method: string, pathTemplate: string): RequestHandler {
    const key = normalise(`${method} ${pathTemplate}`);
    return async (_req, _res, next) => {
      const rule = this.rules.get(key) ?? this.rules.get('*');
      if (!rule) return next();
      if (rule.latencyMs > 0) await new Promise((r) => setTimeout(r, rule.latencyMs));
      if (rule.errorRate > 0 && this.random() < rule.errorRate) {
        const status = rule.errorStatus ?? 503;
        return next(new AppError(status, 'injected_fault', `Injected fault on ${key} (fault injection is on for this route).`));
      }
      next();
    };
  }
}

function normalise(key: string): string {
  if (key.trim() === '*') return '*';
  const [method, ...rest] = key.trim().split(/\s+/);
  return `${method!.toUpperCase()} ${rest.join(' ')}`;
}
