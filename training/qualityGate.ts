import type { Scorecard } from '../nlu/models/modelRegistry';

/** When a model may be published (config PUBLISH_MIN_ACCURACY, PUBLISH_MAX_F1_DROP). */
export interface GatePolicy {
  /** In-scope accuracy on the test set must be at least this (0…1). */
  minAccuracy: number;
  /** No label's F1 may fall by more than this against the active model (0…1). */
  maxF1Drop: number;
}

export interface GateVerdict {
  passed: boolean;
  /** Why it was refused, one sentence each (empty when it passed). */
  reasons: string[];
  /** Per label: the active model's F1, the candidate's, and the change (only when compared). */
  f1Changes: { label: string; active: number; candidate: number; change: number }[];
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/**
 * The quality gate of publishing: refuses a candidate whose in-scope accuracy is below the floor,
 * or any of whose labels lost more F1 than allowed against the active model (both scorecards on
 * the same test set). Pure.
 */
export function qualityGate(candidate: Scorecard | undefined, active: Scorecard | undefined, policy: GatePolicy): GateVerdict {
  if (!candidate) return { passed: false, reasons: ['the model has not been evaluated on a test set'], f1Changes: [] };
  const reasons: string[] = [];
  if (candidate.inScopeAccuracy < policy.minAccuracy) {
    reasons.push(`in-scope accuracy ${pct(candidate.inScopeAccuracy)} is below the floor of ${pct(policy.minAccuracy)}`);
  }
  const f1Changes: GateVerdict['f1Changes'] = [];
  if (active) {
    if (active.testSetHash !== candidate.testSetHash) {
      reasons.push('the active model was evaluated on a different test set: the two cannot be compared');
    } else {
      for (const [label, before] of Object.entries(active.perIntentF1).sort(([a], [b]) => a.localeCompare(b))) {
        const after = candidate.perIntentF1[label] ?? 0;
        const change = Math.round((after - before) * 10_000) / 10_000;
        f1Changes.push({ label, active: before, candidate: after, change });
        if (before - after > policy.maxF1Drop + 1e-9) reasons.push(`F1 of ${label} drops from ${before.toFixed(3)} to ${after.toFixed(3)} (more than the allowed ${policy.maxF1Drop.toFixed(3)})`);
      }
    }
  }
  return { passed: reasons.length === 0, reasons, f1Changes };
}
