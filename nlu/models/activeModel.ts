import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../platform/logger';
import { DEFAULT_THRESHOLDS, mergeThresholds, type Thresholds, type ThresholdsOverride } from '../thresholds';
import { FEATURE_PIPELINE_VERSION } from '../featureNlu';
import type { ModelBus } from './modelBus';
import { writeModelFiles } from './modelFiles';
import type { ModelMetadata } from './modelMetadata';
import { failedProbes } from './modelProbes';
import type { ModelRegistry } from './modelRegistry';
import { NlpjsRecognizer } from '../nlpjsRecognizer';
import { SwappableRecognizer } from '../swappableRecognizer';

export interface ActiveModelOptions {
  registry: ModelRegistry;
  bus: ModelBus;
  /** Scratch space where a registry model is unpacked while it loads (default: the OS temp directory). */
  scratchDir?: string;
  logger: Logger;
  /** Config overrides (NLU_THRESHOLDS) applied over every model's calibrated thresholds. */
  thresholdsOverride?: ThresholdsOverride;
  /** How often to compare with the registry's active version besides notices (0 = only notices). */
  syncIntervalMs?: number;
}

/** A loaded model and the thresholds it routes with. */
export interface ServedModel {
  recognizer: NlpjsRecognizer;
  thresholds: Thresholds;
}

/** One model switch as it happened on this instance. */
export type SwitchResult = { switched: true; from: string; to: string } | { switched: false; version: string; reason: string };

const WARM_UP = 'pause my order PS-10042 until March 3rd for 2 weeks, 500 points';

/**
 * The model this instance serves, kept in step with the registry's active version. On a bus
 * notice (or the periodic check) it loads the new version from the registry, checks it (content
 * hash, featurisation version, probe answers), warms it up and only then swaps it in: in-flight
 * messages finish on the model they started with, and a model that fails to load or check is
 * never served (the old one stays, the failure is logged).
 */
export class ActiveModel {
  readonly recognizer: SwappableRecognizer;
  private served: ServedModel;
  private queue: Promise<unknown> = Promise.resolve();
  private unsubscribe?: () => void;
  private timer?: NodeJS.Timeout;
  /** Activation → why it was refused, so a bad publish is not retried on every sync. */
  private readonly refused = new Map<string, string>();
  private readonly listeners = new Set<(version: string) => void>();

  constructor(
    private readonly options: ActiveModelOptions,
    initial: ServedModel,
  ) {
    this.served = initial;
    this.recognizer = new SwappableRecognizer(initial.recognizer);
  }

  /** The thresholds of the model in use (pass `() => active.thresholds()` to the bot). */
  thresholds(): Thresholds {
    return this.served.thresholds;
  }

  get metadata(): ModelMetadata {
    return this.served.recognizer.metadata;
  }

  get version(): string {
    return this.served.recognizer.modelVersion;
  }

  /** Calls `listener` with the new version after every switch (metrics, logs). @returns unsubscribe */
  onSwitch(listener: (version: string) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Listens for notices and starts the periodic check. */
  async listen(): Promise<void> {
    this.unsubscribe = this.options.bus.subscribe((notice) => {
      this.options.logger.info({ version: notice.version, by: notice.by }, 'a new intent model was published');
      void this.sync().catch(() => undefined);
    });
    await this.options.bus.ready();
    const every = this.options.syncIntervalMs ?? 0;
    if (every > 0) {
      this.timer = setInterval(() => void this.sync().catch(() => undefined), every);
      this.timer.unref();
    }
  }

  /**
   * Serves the registry's active version if it is not the one in use. Calls run one after the
   * other. @returns what happened
   */
  sync(): Promise<SwitchResult> {
    const run = this.queue.then(async (): Promise<SwitchResult> => {
      const state = await this.options.registry.state();
      const active = state.active;
      if (!active || active === this.version) return { switched: false, version: this.version, reason: 'up to date' };
      // Per activation: publishing the same version again is worth another try.
      const attempt = `${active}@${state.activatedAt}`;
      const refusedBefore = this.refused.get(attempt);
      if (refusedBefore) return { switched: false, version: this.version, reason: refusedBefore };
      try {
        const next = await this.load(active);
        return this.swap(next);
      } catch (err) {
        const reason = (err as Error).message;
        this.refused.set(attempt, reason);
        this.options.logger.error({ version: active, err: reason, serving: this.version }, 'the published intent model cannot be served: keeping the current one');
        return { switched: false, version: this.version, reason };
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Installs a model loaded by the caller (start-up, tests). */
  swap(next: ServedModel): SwitchResult {
    const from = this.version;
    // Both references change in the same tick: no message sees one model with the other's thresholds.
    this.served = next;
    this.recognizer.swap(next.recognizer);
    this.options.logger.info({ from, to: next.recognizer.modelVersion }, 'now serving the new intent model');
    for (const l of [...this.listeners]) {
      try {
        l(next.recognizer.modelVersion);
      } catch {
        // An observer must not undo a switch.
      }
    }
    return { switched: true, from, to: next.recognizer.modelVersion };
  }

  /** Loads and checks a version from the registry (see {@link loadRegistryModel}). */
  async load(version: string): Promise<ServedModel> {
    const recognizer = await loadRegistryModel(this.options.registry, version, this.options.scratchDir);
    return { recognizer, thresholds: mergeThresholds(recognizer.metadata.thresholds ?? DEFAULT_THRESHOLDS, this.options.thresholdsOverride) };
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    await this.queue;
  }
}

/**
 * Loads a version from the registry and checks it: the unpacked model must match its content
 * hash (NlpjsRecognizer.load), be the version asked for, come from this featurisation code and
 * answer its probes as when it was stored; then it is warmed up.
 * @throws Error naming what failed
 */
export async function loadRegistryModel(registry: ModelRegistry, version: string, scratchDir = tmpdir()): Promise<NlpjsRecognizer> {
  const entry = await registry.entry(version);
  if (!entry) throw new Error(`model ${version} is not in the registry`);
  const dir = join(scratchDir, `paw-model-${version}-${randomUUID()}`);
  let recognizer: NlpjsRecognizer;
  try {
    await writeModelFiles(dir, await registry.files(version));
    recognizer = await NlpjsRecognizer.load(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const m = recognizer.metadata;
  if (m.modelVersion !== version) throw new Error(`the registry's model ${version} says it is ${m.modelVersion}`);
  if (m.modelHash !== entry.modelHash) throw new Error(`model ${version}: content hash differs from the registry's entry`);
  if (m.pipelineVersion !== FEATURE_PIPELINE_VERSION) throw new Error(`model ${version} was trained by featurisation v${m.pipelineVersion}, this code is v${FEATURE_PIPELINE_VERSION}: retrain it`);
  const failed = await failedProbes((t) => recognizer.classify(t), entry.probes);
  if (failed.length) throw new Error(`model ${version} answers ${failed.length} of its ${entry.probes.length} probes differently (e.g. "${failed[0]!.text}": ${failed[0]!.got}, stored ${failed[0]!.expected})`);
  // Entity recognizers build their tables on first use: pay that before a customer does.
  await recognizer.recognize(WARM_UP);
  return recognizer;
}
