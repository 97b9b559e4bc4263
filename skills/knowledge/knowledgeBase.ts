import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** A button under an answer: its title, and the intent it starts (e.g. `rewards.balance`). */
const Suggestion = z.object({ title: z.string().min(1).max(40), intent: z.string().regex(/^[a-z.]{2,40}$/, 'an intent name (lower-case letters and dots)') }).strict();

/**
 * One question the bot answers directly, as a trainer writes it in `intents/knowledge.json`
 * (beside its training `utterances`, which the corpus loader reads like any other intent).
 */
export const KnowledgeTopic = z
  .object({
    /** `knowledge.<topic>`: lower-case letters and dots, so a button can carry it. */
    intent: z.string().regex(/^knowledge\.[a-z.]{1,30}$/, 'must be knowledge.<topic> in lower-case letters'),
    /** What the topic is, for buttons and the agent's summary: "Returns and refunds". */
    title: z.string().min(1).max(40),
    /** The answer, Markdown. */
    answer: z.string().min(1).max(2000),
    /** A page with the details, shown under the answer. */
    link: z.object({ title: z.string().min(1).max(60), url: z.url({ protocol: /^https?$/ }) }).strict().optional(),
    /** The answer depends on the case and the bot cannot act on it: ask whether to get a person. */
    offerPerson: z.boolean().default(false),
    suggestions: z.array(Suggestion).max(4).default([]),
    utterances: z.array(z.string()),
  })
  .strict();
export type KnowledgeTopic = z.infer<typeof KnowledgeTopic>;

const KnowledgeFile = z
  .object({ name: z.string().optional(), description: z.string().optional(), locale: z.string().optional(), data: z.array(KnowledgeTopic).min(1) })
  .strict()
  .refine((f) => new Set(f.data.map((t) => t.intent)).size === f.data.length, { message: 'each intent may appear once', path: ['data'] });

/** The answers the knowledge skill gives, by intent. */
export interface KnowledgeBase {
  topics: ReadonlyMap<string, KnowledgeTopic>;
}

/**
 * Reads and checks a knowledge file (the NLP.js corpus format with each topic's answer beside
 * its utterances). Small and read once at start, so synchronously.
 * @throws Error naming the file and every problem.
 */
export function loadKnowledgeBase(file: string): KnowledgeBase {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
  return parseKnowledgeBase(raw, file);
}

export function parseKnowledgeBase(raw: unknown, file: string): KnowledgeBase {
  const parsed = KnowledgeFile.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`);
  return { topics: new Map(parsed.data.data.map((t) => [t.intent, t])) };
}
