import type { ReviewReason, ReviewStatus } from './reviewItem';

/** How the trainer page names why an utterance landed in the review inbox (`REVIEW_REASONS`). */
export const REVIEW_REASON_LABELS: Readonly<Record<ReviewReason, string>> = {
  fallback: 'fallback',
  clarify: 'clarifying question',
  low_confidence: 'low confidence',
  handoff: 'handoff',
};

/** How the trainer page names where an item of the review inbox stands (`REVIEW_STATUSES`). */
export const REVIEW_STATUS_LABELS: Readonly<Record<ReviewStatus, string>> = {
  open: 'open',
  accepted: 'accepted',
  out_of_scope: 'out of scope',
  dismissed: 'dismissed',
};
