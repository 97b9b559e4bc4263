import { z } from 'zod';

/** Why an utterance landed in the review inbox. */
export const REVIEW_REASONS = ['fallback', 'clarify', 'low_confidence', 'handoff'] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

/** `open` until a trainer assigns it to an intent (`accepted`), marks it out of scope, or dismisses it. */
export const REVIEW_STATUSES = ['open', 'accepted', 'out_of_scope', 'dismissed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

const scored = z.object({ intent: z.string(), score: z.number() });

/** One utterance a real customer said that the bot missed (or nearly missed). Text is masked. */
export const reviewItemSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  /** Masked customer text (card numbers, PINs, emails, phone numbers). */
  text: z.string(),
  reason: z.enum(REVIEW_REASONS),
  /** For `handoff`: why the bot handed over (asked_for_agent, not_understood_twice…). */
  handoffReason: z.string().optional(),
  /** The recognizer's best intent and score, and its ranking (best first). */
  intent: z.string(),
  score: z.number(),
  ranking: z.array(scored),
  /** What routing did: answer, clarify, fallback, handoff. */
  decision: z.string(),
  modelVersion: z.string().optional(),
  at: z.string(),
  /** The intent the agent chose when ending the handoff of this conversation. */
  agentLabel: z.string().optional(),
  agentLabelledBy: z.string().optional(),
  status: z.enum(REVIEW_STATUSES),
  /** Who reviewed it, when, and the intent it was assigned (`none` for out of scope). */
  resolution: z.object({ intent: z.string().optional(), by: z.string(), at: z.string() }).optional(),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

/** What capture supplies; the inbox adds the id and the `open` status. */
export type NewReviewItem = Omit<ReviewItem, 'id' | 'status' | 'resolution'>;

export const reviewQuerySchema = z.object({
  status: z.enum([...REVIEW_STATUSES, 'all']).default('open'),
  reason: z.enum(REVIEW_REASONS).optional(),
  /** The recognizer's intent or the agent's label. */
  intent: z.string().max(100).optional(),
  /** Case-insensitive substring of the text. */
  q: z.string().max(200).optional(),
  sort: z.enum(['newest', 'oldest', 'score', '-score']).default('newest'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ReviewQuery = z.input<typeof reviewQuerySchema>;

/** Filters, sorts and pages items (newest first as stored). Shared by every inbox implementation. */
export function queryItems(newestFirst: readonly ReviewItem[], query: ReviewQuery): { items: ReviewItem[]; total: number } {
  const q = reviewQuerySchema.parse(query);
  const needle = q.q?.toLowerCase();
  const matches = newestFirst.filter(
    (i) =>
      (q.status === 'all' || i.status === q.status) &&
      (!q.reason || i.reason === q.reason) &&
      (!q.intent || i.intent === q.intent || i.agentLabel === q.intent) &&
      (!needle || i.text.toLowerCase().includes(needle)),
  );
  const sorted =
    q.sort === 'newest' ? matches : q.sort === 'oldest' ? [...matches].reverse() : [...matches].sort((a, b) => (q.sort === 'score' ? a.score - b.score : b.score - a.score));
  return { items: sorted.slice(q.offset, q.offset + q.limit), total: matches.length };
}
