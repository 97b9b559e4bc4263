import type { ConversationResult } from './conversationOutcome';

/** How the dashboard names each result of a conversation (`RESULTS`), in the browser and its filter. */
export const RESULT_LABELS: Readonly<Record<ConversationResult, string>> = {
  contained: 'contained',
  handoff: 'handed off',
  abandoned: 'abandoned',
  open: 'still open',
};
