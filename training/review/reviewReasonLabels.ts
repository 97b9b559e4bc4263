import type { ReviewReason } from './reviewItem';

/** How the trainer page names why an utterance landed in the review inbox (`REVIEW_REASONS`). */
export const REVIEW_REASON_LABELS: Readonly<Record<ReviewReason, string>> = {
  fallback: 'fallback',
  clarify: 'clarifying question',
  low_confidence: 'low confidence',
  handoff: 'handoff',
};
