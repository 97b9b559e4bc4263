/** One thing the service needs to serve customers. */
export interface ReadinessCheck {
  /** Short stable name, reported when it fails: `model`, `store`, `apis`… */
  name: string;
  /** Resolves true when fine; false or a throw means not ready. */
  check: () => Promise<boolean>;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  ms: number;
  /** Why it failed (an error's message; never a secret). */
  error?: string;
}

export interface ReadinessReport {
  ready: boolean;
  checks: CheckResult[];
}

/**
 * Runs the readiness checks in parallel, each bounded by a timeout (a hung dependency is a
 * failed check, not a hung probe). While draining (shutting down) the service is never ready.
 */
export class Readiness {
  private draining = false;

  constructor(
    private readonly checks: ReadinessCheck[],
    private readonly timeoutMs = 2000,
  ) {}

  /** From now on, report not ready (`draining`), so load balancers stop sending traffic. */
  startDraining(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  async run(): Promise<ReadinessReport> {
    const results = await Promise.all(this.checks.map((c) => this.one(c)));
    if (this.draining) results.unshift({ name: 'draining', ok: false, ms: 0, error: 'shutting down' });
    return { ready: results.every((r) => r.ok), checks: results };
  }

  private async one(c: ReadinessCheck): Promise<CheckResult> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const ok = await Promise.race([
        c.check(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
        }),
      ]);
      return { name: c.name, ok: ok === true, ms: Math.round(performance.now() - started), ...(ok === true ? {} : { error: 'check failed' }) };
    } catch (err) {
      return { name: c.name, ok: false, ms: Math.round(performance.now() - started), error: (err as Error)?.message?.slice(0, 200) ?? 'failed' };
    } finally {
      clearTimeout(timer);
    }
  }
}
