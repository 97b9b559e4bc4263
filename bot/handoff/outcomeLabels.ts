import type { Outcome } from './handoffRecords';

/** How the agent console names each way an agent closes a chat (`OUTCOMES`). */
export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  resolved: 'Resolved',
  follow_up: 'Needs follow-up',
  not_resolved: 'Not resolved',
};
