import type { IntentScore } from '../recognizer';

/**
 * The ensemble's score of each intent: (1 − w) · the head's probability + w · NLP.js's
 * confidence (absent = 0), best first. The head's probabilities sum to 1 and NLP.js's
 * confidences are in 0…1, so the blend stays in 0…1.
 */
export function blendScores(head: readonly IntentScore[], nlpjs: readonly IntentScore[], nlpjsWeight: number): IntentScore[] {
  const out = new Map<string, number>();
  for (const h of head) out.set(h.intent, (1 - nlpjsWeight) * h.score);
  for (const n of nlpjs) out.set(n.intent, (out.get(n.intent) ?? 0) + nlpjsWeight * n.score);
  return [...out].map(([intent, score]) => ({ intent, score })).sort((a, b) => b.score - a.score);
}
