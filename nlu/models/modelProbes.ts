import type { Probe } from './modelRegistry';

type Classify = (text: string) => Promise<{ intent: string }>;

/**
 * Probes of a model: a few messages and the intent the model gives them now. A copy of the
 * model loaded elsewhere must give the same intents, or it is not the same model.
 * Picks the first `perIntent` examples of each intent (sorted by intent), up to `max`.
 */
export async function makeProbes(classify: Classify, examples: readonly { text: string; intent: string }[], max = 12): Promise<Probe[]> {
  const byIntent = new Map<string, string>();
  for (const e of examples) if (!byIntent.has(e.intent)) byIntent.set(e.intent, e.text);
  const texts = [...byIntent.entries()].sort(([a], [b]) => a.localeCompare(b)).slice(0, max).map(([, t]) => t);
  const out: Probe[] = [];
  for (const text of texts) out.push({ text, intent: (await classify(text)).intent });
  return out;
}

/** The probes a model answers differently (empty when it behaves as recorded). */
export async function failedProbes(classify: Classify, probes: readonly Probe[]): Promise<{ text: string; expected: string; got: string }[]> {
  const out: { text: string; expected: string; got: string }[] = [];
  for (const p of probes) {
    const got = (await classify(p.text)).intent;
    if (got !== p.intent) out.push({ text: p.text, expected: p.intent, got });
  }
  return out;
}
