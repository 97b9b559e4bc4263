import type { Logger } from '../../platform/logger';
import { LOG_MODULES } from './logModules';

export const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LevelName = (typeof LEVELS)[number];

/** Sets the level of every module not covered by a more specific override. */
export const ALL_MODULES = '*';

/** A module's level set at runtime (`module` `*` = every module). */
export interface LevelOverride {
  module: string;
  level: LevelName;
  /** ISO 8601; the override is dropped then and the level reverts. */
  expiresAt?: string;
}

export interface LogLevelsSnapshot {
  /** The configured level (LOG_LEVEL), used where no override applies. */
  default: LevelName;
  overrides: LevelOverride[];
  /** The level in force for `*`, each known module, and each module with an override. */
  modules: Record<string, LevelName>;
  /** The module names a level can be set for (besides `*`). */
  known: string[];
}

/** `skills` covers `skills.shipping`; `skills.shipping` does not cover `skills`. */
const covers = (prefix: string, module: string) => prefix === ALL_MODULES || module === prefix || module.startsWith(`${prefix}.`);

const MODULE = /^(\*|[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*)$/i;

/** Is this a valid module name (dotted words) or `*`? */
export const isModuleName = (m: string): boolean => m.length <= 100 && MODULE.test(m);

/**
 * The loggers of each module (pino children of one root, bound to `{ module }`) and their levels,
 * changeable at runtime without a restart: an override applies to a module and every module
 * under it (`skills` → `skills.shipping`), the most specific one wins, `*` covers all, and an
 * override with an expiry reverts by itself. Other instances learn of changes through a
 * {@link ./logLevelSync}.
 */
export class LogLevels {
  private readonly loggers = new Map<string, Logger>();
  private readonly overridesByModule = new Map<string, LevelOverride>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly listeners = new Set<(snapshot: LogLevelsSnapshot) => void>();

  private readonly knownModules: Set<string>;

  constructor(
    private readonly root: Logger,
    private readonly defaultLevel: LevelName,
    private readonly now: () => number = Date.now,
    known: readonly string[] = LOG_MODULES,
  ) {
    root.level = defaultLevel;
    this.knownModules = new Set(known);
  }

  /** The modules a level can be set for: the declared ones and every module that has a logger, sorted. */
  known(): string[] {
    return [...new Set([...this.knownModules, ...this.loggers.keys()])].sort();
  }

  /** Can a level be set for this module? `*` or a {@link known} module. */
  isKnown(module: string): boolean {
    return module === ALL_MODULES || this.knownModules.has(module) || this.loggers.has(module);
  }

  /** The logger of a module (`bot`, `nlu`, `skills.shipping`, `channel`…), made once. */
  logger(module: string): Logger {
    let l = this.loggers.get(module);
    if (!l) {
      l = this.root.child({ module });
      l.level = this.levelOf(module);
      this.loggers.set(module, l);
    }
    return l;
  }

  /** The level in force for a module (`*` = the root logger's). */
  levelOf(module: string): LevelName {
    let best: LevelOverride | undefined;
    for (const o of this.overridesByModule.values()) {
      if (!covers(o.module, module)) continue;
      if (!best || specificity(o.module) > specificity(best.module)) best = o;
    }
    return best?.level ?? this.defaultLevel;
  }

  /**
   * Sets (or, with `level` null, removes) the override of a module; `ttlSeconds` makes it
   * revert by itself. @returns the override as stored (with its absolute expiry), or undefined when removed.
   */
  set(module: string, level: LevelName | null, ttlSeconds?: number): LevelOverride | undefined {
    if (!isModuleName(module)) throw new Error(`"${module}" is not a module name`);
    const override = level === null ? undefined : { module, level, ...(ttlSeconds ? { expiresAt: new Date(this.now() + ttlSeconds * 1000).toISOString() } : {}) };
    this.apply(module, override);
    return override;
  }

  /**
   * Applies an override decided elsewhere (another instance), keeping its absolute expiry;
   * undefined removes the module's override. Already expired ones are ignored.
   */
  apply(module: string, override: LevelOverride | undefined): void {
    clearTimeout(this.timers.get(module));
    this.timers.delete(module);
    const expiresIn = override?.expiresAt ? Date.parse(override.expiresAt) - this.now() : undefined;
    if (!override || (expiresIn !== undefined && expiresIn <= 0)) this.overridesByModule.delete(module);
    else {
      this.overridesByModule.set(module, override);
      if (expiresIn !== undefined) {
        const timer = setTimeout(() => {
          if (this.overridesByModule.get(module) === override) this.apply(module, undefined);
        }, expiresIn);
        timer.unref();
        this.timers.set(module, timer);
      }
    }
    this.refresh();
  }

  overrides(): LevelOverride[] {
    return [...this.overridesByModule.values()].sort((a, b) => a.module.localeCompare(b.module));
  }

  snapshot(): LogLevelsSnapshot {
    const modules: Record<string, LevelName> = { [ALL_MODULES]: this.levelOf(ALL_MODULES) };
    const known = this.known();
    for (const m of [...new Set([...known, ...this.overridesByModule.keys()])].sort()) modules[m] = this.levelOf(m);
    return { default: this.defaultLevel, overrides: this.overrides(), modules, known };
  }

  /** Called after every change (including reverts at expiry). @returns unsubscribe. */
  onChange(listener: (snapshot: LogLevelsSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops the expiry timers. */
  close(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private refresh(): void {
    this.root.level = this.levelOf(ALL_MODULES);
    for (const [m, l] of this.loggers) l.level = this.levelOf(m);
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }
}

/** `*` is the least specific; then more dotted segments win. */
function specificity(module: string): number {
  return module === ALL_MODULES ? 0 : module.split('.').length;
}
