import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { conflict, notFound } from '../../platform/errors';
import type { DocStore } from '../../platform/store/docStore';
import { thresholdsSchema } from '../thresholds';
import type { ModelFiles } from './modelFiles';
import { modelMetadataSchema } from './modelMetadata';

/** A model's figures on a test set (what the quality gate compares). */
export const scorecardSchema = z.object({
  /** sha256 of the test set's rows: figures on the same hash are comparable. */
  testSetHash: z.string(),
  testRows: z.number().int().nonnegative(),
  inScopeAccuracy: z.number(),
  oosRecall: z.number().nullable(),
  oosPrecision: z.number().nullable(),
  macroF1: z.number(),
  top1Accuracy: z.number().optional(),
  /** F1 of every label with test rows (`none` included). */
  perIntentF1: z.record(z.string(), z.number()),
});
export type Scorecard = z.infer<typeof scorecardSchema>;

/** A message and the intent the model gave it when stored: loading it elsewhere must give the same. */
export const probeSchema = z.object({ text: z.string(), intent: z.string() });
export type Probe = z.infer<typeof probeSchema>;

/** One stored model version. */
export const modelEntrySchema = z.object({
  version: z.string(),
  modelHash: z.string(),
  trainedAt: z.string(),
  corpusHash: z.string().optional(),
  examples: z.number().int().nonnegative(),
  intents: z.array(z.string()),
  thresholds: thresholdsSchema.optional(),
  scorecard: scorecardSchema.optional(),
  probes: z.array(probeSchema),
  /** Size of `model.nlp` in bytes. */
  bytes: z.number().int().nonnegative(),
  addedAt: z.string(),
  addedBy: z.string(),
  /** The last time it became the active model, and who did it. */
  publishedAt: z.string().optional(),
  publishedBy: z.string().optional(),
});
export type ModelEntry = z.infer<typeof modelEntrySchema>;

export type RegistryAction = 'publish' | 'rollback' | 'bootstrap';

export interface RegistryState {
  /** The version every instance serves, when one was published. */
  active: string | null;
  activatedAt: string | null;
  activatedBy: string | null;
  /** Newest first. */
  entries: ModelEntry[];
  /** What changed the active model, newest first (bounded). */
  history: { version: string; action: RegistryAction; by: string; at: string }[];
}

interface Blob {
  metadata: Record<string, unknown>;
  /** `model.nlp`, gzip, base64. */
  modelGz: string;
}

const INDEX = 'models:index';
const blobKey = (version: string) => `models:blob:${version}`;
const HISTORY = 50;
const empty = (): RegistryState => ({ active: null, activatedAt: null, activatedBy: null, entries: [], history: [] });

export interface AddModelInfo {
  by: string;
  scorecard?: Scorecard;
  probes?: Probe[];
}

/**
 * Published intent models, shared by every instance: an index document (the active version,
 * who published it and when, every stored version with its figures) and one document per model
 * (gzipped `model.nlp` + `metadata.json`) in the {@link DocStore} (Redis when `STORE=redis`).
 * At most `keep` versions are stored; the oldest inactive ones are dropped first.
 */
export class ModelRegistry {
  constructor(
    private readonly docs: DocStore,
    private readonly options: { keep?: number; now?: () => Date } = {},
  ) {}

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  async state(): Promise<RegistryState> {
    return (await this.docs.get<RegistryState>(INDEX))?.value ?? empty();
  }

  async entry(version: string): Promise<ModelEntry | undefined> {
    return (await this.state()).entries.find((e) => e.version === version);
  }

  /** The active version's entry, if any. */
  async active(): Promise<ModelEntry | undefined> {
    const s = await this.state();
    return s.active ? s.entries.find((e) => e.version === s.active) : undefined;
  }

  /**
   * Stores a model (not active yet). Storing a version again updates its figures and probes.
   * @returns its entry
   */
  async add(files: ModelFiles, info: AddModelInfo): Promise<ModelEntry> {
    const metadata = modelMetadataSchema.parse(files.metadata);
    const version = metadata.modelVersion;
    const blob: Blob = { metadata: files.metadata, modelGz: gzipSync(files.model).toString('base64') };
    // The model first, then the index: the index never names a model that is not there.
    await this.docs.transact([blobKey(version)], () => ({ writes: [{ key: blobKey(version), value: blob }], result: null }));
    const keep = Math.max(2, this.options.keep ?? 10);
    const { entry, dropped } = await this.docs.transact([INDEX], (read) => {
      const s = read<RegistryState>(INDEX)?.value ?? empty();
      const previous = s.entries.find((e) => e.version === version);
      const entry: ModelEntry = {
        version,
        modelHash: metadata.modelHash,
        trainedAt: metadata.trainedAt,
        ...(metadata.corpusHash ? { corpusHash: metadata.corpusHash } : {}),
        examples: metadata.examples,
        intents: metadata.intents,
        ...(metadata.thresholds ? { thresholds: metadata.thresholds } : {}),
        ...((info.scorecard ?? previous?.scorecard) ? { scorecard: info.scorecard ?? previous!.scorecard } : {}),
        probes: info.probes ?? previous?.probes ?? [],
        bytes: Buffer.byteLength(files.model),
        addedAt: previous?.addedAt ?? this.now(),
        addedBy: previous?.addedBy ?? info.by,
        ...(previous?.publishedAt ? { publishedAt: previous.publishedAt, publishedBy: previous.publishedBy } : {}),
      };
      let entries = [entry, ...s.entries.filter((e) => e.version !== version)];
      const dropped: string[] = [];
      while (entries.length > keep) {
        const victim = [...entries].reverse().find((e) => e.version !== s.active && e.version !== version);
        if (!victim) break;
        dropped.push(victim.version);
        entries = entries.filter((e) => e !== victim);
      }
      return { writes: [{ key: INDEX, value: { ...s, entries } }], result: { entry, dropped } };
    });
    for (const v of dropped) await this.docs.transact([blobKey(v)], () => ({ writes: [{ key: blobKey(v), value: null }], result: null }));
    return entry;
  }

  /** The stored files of a version. @throws AppError 404 */
  async files(version: string): Promise<ModelFiles> {
    const blob = (await this.docs.get<Blob>(blobKey(version)))?.value;
    if (!blob) throw notFound(`Model ${version} is not in the registry.`);
    return { metadata: blob.metadata, model: gunzipSync(Buffer.from(blob.modelGz, 'base64')).toString('utf8') };
  }

  /**
   * Makes a stored version the active one (publish, or roll back to an earlier one).
   * @throws AppError 404 when the version is not stored
   */
  async activate(version: string, by: string, action: RegistryAction): Promise<RegistryState> {
    return this.docs.transact([INDEX], (read) => {
      const s = read<RegistryState>(INDEX)?.value ?? empty();
      if (!s.entries.some((e) => e.version === version)) throw notFound(`Model ${version} is not in the registry.`);
      const at = this.now();
      const next: RegistryState = {
        active: version,
        activatedAt: at,
        activatedBy: by,
        entries: s.entries.map((e) => (e.version === version ? { ...e, publishedAt: at, publishedBy: by } : e)),
        history: [{ version, action, by, at }, ...s.history].slice(0, HISTORY),
      };
      return { writes: [{ key: INDEX, value: next }], result: next };
    });
  }

  /**
   * The first model of a deployment: stores and activates `files` unless a model is active
   * already (another instance was first). @returns the active version afterwards
   */
  async bootstrap(files: ModelFiles, info: AddModelInfo): Promise<string> {
    const current = await this.state();
    if (current.active) return current.active;
    const entry = await this.add(files, info);
    return this.docs.transact([INDEX], (read) => {
      const s = read<RegistryState>(INDEX)?.value ?? empty();
      if (s.active) return { result: s.active };
      const at = this.now();
      const next: RegistryState = {
        ...s,
        active: entry.version,
        activatedAt: at,
        activatedBy: info.by,
        entries: s.entries.map((e) => (e.version === entry.version ? { ...e, publishedAt: at, publishedBy: info.by } : e)),
        history: [{ version: entry.version, action: 'bootstrap' as const, by: info.by, at }, ...s.history].slice(0, HISTORY),
      };
      return { writes: [{ key: INDEX, value: next }], result: entry.version };
    });
  }

  /** Records a version's figures on a (new) test set. @throws AppError 404 */
  async setScorecard(version: string, scorecard: Scorecard): Promise<void> {
    await this.docs.transact([INDEX], (read) => {
      const s = read<RegistryState>(INDEX)?.value ?? empty();
      if (!s.entries.some((e) => e.version === version)) throw notFound(`Model ${version} is not in the registry.`);
      return { writes: [{ key: INDEX, value: { ...s, entries: s.entries.map((e) => (e.version === version ? { ...e, scorecard } : e)) } }], result: null };
    });
  }

  /** Removes an inactive version. @throws AppError 404, 409 when it is the active one */
  async remove(version: string): Promise<void> {
    await this.docs.transact([INDEX], (read) => {
      const s = read<RegistryState>(INDEX)?.value ?? empty();
      if (!s.entries.some((e) => e.version === version)) throw notFound(`Model ${version} is not in the registry.`);
      if (s.active === version) throw conflict(`Model ${version} is active: publish another one first.`);
      return { writes: [{ key: INDEX, value: { ...s, entries: s.entries.filter((e) => e.version !== version) } }], result: null };
    });
    await this.docs.transact([blobKey(version)], () => ({ writes: [{ key: blobKey(version), value: null }], result: null }));
  }
}
