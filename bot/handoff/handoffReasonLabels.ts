import type { HandoffReason } from './handoffPacket';

/** How staff pages name each handoff reason (the agent console's badges, the dashboard's charts and filters). */
export const HANDOFF_REASON_LABELS: Readonly<Record<HandoffReason, string>> = {
  shipping_problem: 'Shipping problem',
  api_failure: 'System failure',
  asked_for_agent: 'Asked for a person',
  not_understood_twice: 'Not understood twice',
};
