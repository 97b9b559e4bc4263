import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Nlp, NlpjsClassification } from '@nlpjs/nlp';
import { createNlp, DEFAULT_NLPJS_SETTINGS, effectiveNlpSettings, type NlpjsSettings } from './createNlp';
import { extractEntities } from './extractEntities';
import { blendScores } from './head/blendScores';
import { readModelBundle, writeModelBundle } from './head/modelBundle';
import { NgramHead } from './head/ngramHead';
import { FEATURE_PIPELINE_VERSION, nlpjsTokens, type NlpjsTokens } from './featureNlu';
import { NONE_INTENT } from './intents';
import { modelMetadataSchema, type ModelMetadata } from './models/modelMetadata';
import type { IntentScore, Recognition, RecognizeOptions, Recognizer } from './recognizer';
import { seededShuffle } from './seededShuffle';

/** One training example; `intent` is `'none'` for out of scope. */
export interface LabeledText {
  text: string;
  intent: string;
}

/** Classification alone (no entities): what evaluation and calibration need. */
export interface Classification {
  intent: string;
  score: number;
  ranking: IntentScore[];
}

export interface TrainOptions {
  settings?: NlpjsSettings;
  /** Seed of the shuffle before training (NLP.js trains in insertion order). */
  seed?: number;
  clock?: () => Date;
}

export const MODEL_FILE = 'model.nlp';
export const METADATA_FILE = 'metadata.json';
export const DEFAULT_SEED = 42;
const NLPJS_NONE = 'None';
const MAX_TEXT = 1000;
const RANKING_SIZE = 5;

/**
 * The {@link Recognizer} built on NLP.js: intent from the n-gram head (`nlu/head/`, TF-IDF +
 * logistic regression over NLP.js's tokens and stems) blended with NLP.js's {@link FeatureNlu}
 * neural network as `settings.head` says (either may be left out), entities from patterns and
 * Microsoft Recognizers-Text. Models are saved to and loaded from a directory (`model.nlp`, a
 * bundle of both classifiers, + `metadata.json`).
 */
export class NlpjsRecognizer implements Recognizer {
  private constructor(
    private readonly nlp: Nlp,
    /** Null when the head routes alone (no network trained). */
    private readonly network: Nlp | null,
    private readonly head: NgramHead | null,
    private readonly model: string,
    readonly metadata: ModelMetadata,
    private readonly clock: () => Date,
  ) {}

  get modelVersion(): string {
    return this.metadata.modelVersion;
  }

  /** Size of the serialised model in bytes. */
  get modelBytes(): number {
    return Buffer.byteLength(this.model);
  }

  /** Trains a model; examples are shuffled with a fixed seed first. */
  static async train(examples: readonly LabeledText[], options: TrainOptions = {}): Promise<NlpjsRecognizer> {
    const settings = options.settings ?? DEFAULT_NLPJS_SETTINGS;
    const seed = options.seed ?? DEFAULT_SEED;
    const clock = options.clock ?? (() => new Date());
    const started = performance.now();
    const nlp = createNlp(settings);
    const withNetwork = !settings.head || settings.head.nlpjsWeight > 0;
    if (withNetwork) {
      for (const ex of seededShuffle(examples, seed)) nlp.addDocument('en', ex.text, ex.intent === NONE_INTENT ? NLPJS_NONE : ex.intent);
      await nlp.train();
    }
    let head: NgramHead | null = null;
    if (settings.head) {
      const tokenised: { tokens: NlpjsTokens; intent: string }[] = [];
      for (const ex of examples) tokenised.push({ tokens: await nlpjsTokens(nlp.container, clip(ex.text), settings.features), intent: ex.intent });
      head = NgramHead.train(tokenised, settings.head, seed);
    }
    const trainingMs = Math.round(performance.now() - started);
    const model = writeModelBundle({ nlpjs: withNetwork ? nlp.export(true) : null, head: head?.toJSON() ?? null });
    const modelHash = sha256(model);
    const trainedAt = new Date();
    const metadata: ModelMetadata = {
      modelVersion: `${trainedAt.toISOString().replace(/[-:]/g, '').slice(0, 15)}-${modelHash.slice(0, 12)}`,
      trainedAt: trainedAt.toISOString(),
      modelHash,
      seed,
      pipelineVersion: FEATURE_PIPELINE_VERSION,
      settings,
      examples: examples.length,
      intents: [...new Set(examples.map((e) => e.intent))].sort(),
      trainingMs,
    };
    return new NlpjsRecognizer(nlp, withNetwork ? nlp : null, head, model, metadata, clock);
  }

  /** Loads `model.nlp` and `metadata.json` from `dir`. */
  static async load(dir: string, options: { clock?: () => Date } = {}): Promise<NlpjsRecognizer> {
    const metadata = modelMetadataSchema.parse(JSON.parse(await readFile(join(dir, METADATA_FILE), 'utf8')));
    const model = await readFile(join(dir, MODEL_FILE), 'utf8');
    if (sha256(model) !== metadata.modelHash) throw new Error(`${join(dir, MODEL_FILE)} does not match its metadata (hash differs): retrain`);
    const bundle = readModelBundle(model, join(dir, MODEL_FILE));
    const settings = metadata.settings;
    if (!bundle.nlpjs && !bundle.head) throw new Error(`${join(dir, MODEL_FILE)} holds no classifier: retrain`);
    if (bundle.head && !settings.head) throw new Error(`${join(dir, METADATA_FILE)} lacks the n-gram head's settings: retrain`);
    const nlp = createNlp(settings);
    if (bundle.nlpjs) nlp.import(bundle.nlpjs);
    const head = bundle.head && settings.head ? NgramHead.fromJSON(bundle.head, settings.head) : null;
    return new NlpjsRecognizer(nlp, bundle.nlpjs ? nlp : null, head, model, metadata, options.clock ?? (() => new Date()));
  }

  /** Writes the model and its metadata (plus `extra`: corpus hash, thresholds…) to `dir`. */
  async save(dir: string, extra: Partial<Pick<ModelMetadata, 'corpusHash' | 'thresholds' | 'calibration'>> = {}): Promise<ModelMetadata> {
    const metadata = modelMetadataSchema.parse({ ...this.metadata, ...extra });
    await mkdir(dir, { recursive: true });
    // Write-then-rename: a crash mid-write never leaves a half model that loads.
    await writeAtomic(join(dir, MODEL_FILE), this.model);
    await writeAtomic(join(dir, METADATA_FILE), `${JSON.stringify(metadata, null, 2)}\n`);
    Object.assign(this.metadata, metadata);
    return metadata;
  }

  async classify(text: string): Promise<Classification> {
    const clean = clip(text);
    if (!clean) return { intent: NONE_INTENT, score: 1, ranking: [{ intent: NONE_INTENT, score: 1 }] };
    const network = this.network ? await this.classifyNetwork(clean) : undefined;
    if (!this.head) return { ...network!, ranking: network!.ranking.slice(0, RANKING_SIZE) };
    const probabilities = this.head.classify(await nlpjsTokens(this.nlp.container, clean, this.metadata.settings.features));
    const w = network ? this.metadata.settings.head!.nlpjsWeight : 0;
    const ranking = blendScores(probabilities, network?.ranking ?? [], w).map((r) => ({ intent: r.intent, score: round4(r.score) }));
    return { intent: ranking[0]!.intent, score: ranking[0]!.score, ranking: ranking.slice(0, RANKING_SIZE) };
  }

  /** NLP.js's network alone, every intent it scores. */
  private async classifyNetwork(clean: string): Promise<Classification> {
    const out = await this.network!.classify('en', clean);
    const name = (i: string) => (i === NLPJS_NONE ? NONE_INTENT : i);
    const intent = name(out.intent);
    const ranking = out.classifications
      .map((c) => ({ intent: name(c.intent), score: confidence(c) }))
      .filter((c) => c.score > 0)
      .sort((a, b) => b.score - a.score);
    const score = ranking.find((r) => r.intent === intent)?.score ?? out.score;
    // NLP.js says None when nothing fires or the top two tie: show that at the head of the ranking.
    if (ranking[0]?.intent !== intent) ranking.unshift({ intent, score });
    const unique = ranking.filter((r, i) => ranking.findIndex((x) => x.intent === r.intent) === i);
    return { intent, score, ranking: unique };
  }

  async recognize(text: string, options: RecognizeOptions = {}): Promise<Recognition> {
    const { intent, score, ranking } = await this.classify(text);
    const entities = extractEntities(text.slice(0, MAX_TEXT), options.now ?? this.clock());
    return { text, intent, score, ranking, entities };
  }

  /** The NLP.js settings in force (see `effectiveNlpSettings`). */
  effectiveSettings() {
    return effectiveNlpSettings(this.nlp);
  }
}

/**
 * How sure the model is of one intent: NLP.js's normalised score (its share of all activations,
 * 1.0 whenever nothing else fires) times the network's raw activation of that intent (how well
 * the message matches what the intent was trained on; trained towards 1, capped at 1). On the
 * cross-validation folds of our corpus this separates right from wrong answers better than
 * either alone. An exact match of a training sentence (NLP.js's stem dictionary) has no raw
 * activation and keeps its 1.
 */
function confidence(c: NlpjsClassification & { raw?: number }): number {
  const raw = c.raw === undefined ? 1 : Math.min(1, Math.max(0, c.raw));
  return Math.round(c.score * raw * 10_000) / 10_000;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const clip = (text: string) => text.trim().slice(0, MAX_TEXT);

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function writeAtomic(path: string, content: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, content);
  await rename(tmp, path);
}
