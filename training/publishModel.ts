import { loadRegistryModel } from '../nlu/models/activeModel';
import type { ModelBus } from '../nlu/models/modelBus';
import type { ModelEntry, ModelRegistry, RegistryState, Scorecard } from '../nlu/models/modelRegistry';
import { DEFAULT_THRESHOLDS } from '../nlu/thresholds';
import { AppError, conflict, notFound } from '../platform/errors';
import { evaluatePredictions, predictAll, testSetHash } from './evaluate';
import { qualityGate, type GatePolicy, type GateVerdict } from './qualityGate';
import { toScorecard } from './scorecard';

/** What publishing needs: the shared registry and bus, the gate and the test set it is measured on. */
export interface PublishContext {
  registry: ModelRegistry;
  bus: ModelBus;
  policy: GatePolicy;
  /** The held-out test set (`intents/test.tsv`). */
  testRows: readonly { text: string; intent: string }[];
  onProgress?: (message: string) => void;
}

export interface PublishOutcome {
  state: RegistryState;
  verdict: GateVerdict;
}

/** A publish refused by the quality gate (422); `reasons` lists every failed check. */
export class QualityGateError extends AppError {
  constructor(
    readonly version: string,
    readonly verdict: GateVerdict,
  ) {
    super(422, 'quality_gate_failed', `Model ${version} was not published: ${verdict.reasons.join('; ')}.`, { extensions: { version, reasons: verdict.reasons, f1Changes: verdict.f1Changes } });
    this.name = 'QualityGateError';
  }
}

/**
 * A version's figures on the current test set: the stored ones when they were measured on the
 * same rows, otherwise the model is loaded from the registry, evaluated and the figures stored.
 */
export async function scorecardOf(ctx: PublishContext, entry: ModelEntry): Promise<Scorecard> {
  const hash = testSetHash(ctx.testRows);
  if (entry.scorecard?.testSetHash === hash) return entry.scorecard;
  ctx.onProgress?.(`evaluating ${entry.version} on the test set (${ctx.testRows.length} rows)`);
  const model = await loadRegistryModel(ctx.registry, entry.version);
  const predictions = await predictAll((t) => model.classify(t), ctx.testRows);
  const scorecard = toScorecard(evaluatePredictions(predictions, model.metadata.thresholds ?? DEFAULT_THRESHOLDS), hash);
  await ctx.registry.setScorecard(entry.version, scorecard);
  return scorecard;
}

/** Runs the quality gate for a stored version against the active model, without publishing. */
export async function checkVersion(ctx: PublishContext, version: string): Promise<GateVerdict> {
  const state = await ctx.registry.state();
  const entry = state.entries.find((e) => e.version === version);
  if (!entry) throw notFound(`Model ${version} is not in the registry.`);
  const active = state.active && state.active !== version ? state.entries.find((e) => e.version === state.active) : undefined;
  const candidate = await scorecardOf(ctx, entry);
  const baseline = active ? await scorecardOf(ctx, active) : undefined;
  return qualityGate(candidate, baseline, ctx.policy);
}

/**
 * Publishes a stored version: quality gate against the active model, then it becomes the active
 * version and every instance is told to load it.
 * @throws QualityGateError (422) with the reasons; AppError 404 (unknown), 409 (already active)
 */
export async function publishVersion(ctx: PublishContext, version: string, by: string): Promise<PublishOutcome> {
  const before = await ctx.registry.state();
  if (before.active === version) throw conflict(`Model ${version} is already the active model.`);
  const verdict = await checkVersion(ctx, version);
  if (!verdict.passed) throw new QualityGateError(version, verdict);
  const state = await ctx.registry.activate(version, by, 'publish');
  await ctx.bus.publish({ kind: 'activated', version, by, at: state.activatedAt! });
  ctx.onProgress?.(`published ${version}: every instance is switching to it`);
  return { state, verdict };
}

/**
 * Makes an earlier version active again (no quality gate: it was published before, or is the
 * start-up model) and tells every instance.
 * @throws AppError 404 (unknown), 409 (already active, or never published)
 */
export async function rollbackTo(ctx: Pick<PublishContext, 'registry' | 'bus' | 'onProgress'>, version: string, by: string): Promise<RegistryState> {
  const before = await ctx.registry.state();
  const entry = before.entries.find((e) => e.version === version);
  if (!entry) throw notFound(`Model ${version} is not in the registry.`);
  if (before.active === version) throw conflict(`Model ${version} is already the active model.`);
  if (!entry.publishedAt) throw conflict(`Model ${version} was never published: publish it (quality gate) instead of rolling back to it.`);
  const state = await ctx.registry.activate(version, by, 'rollback');
  await ctx.bus.publish({ kind: 'activated', version, by, at: state.activatedAt! });
  ctx.onProgress?.(`rolled back to ${version}: every instance is switching to it`);
  return state;
}
