import type { Scorecard } from '../nlu/models/modelRegistry';
import type { EvaluationReport } from './evaluate';

/** The figures of an evaluation that the registry keeps and the quality gate compares. */
export function toScorecard(report: EvaluationReport, testSetHash: string): Scorecard {
  return {
    testSetHash,
    testRows: report.rows,
    inScopeAccuracy: report.inScopeAccuracy,
    oosRecall: report.oosRecall,
    oosPrecision: report.oosPrecision,
    macroF1: report.macroF1,
    top1Accuracy: report.top1Accuracy,
    perIntentF1: Object.fromEntries(Object.entries(report.perIntent).filter(([, m]) => m.support > 0).map(([label, m]) => [label, m.f1])),
  };
}
