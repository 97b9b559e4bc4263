import type { ConversationData } from '../state/conversationData';

/** The handoff packet's one-line summary for the agent: why, and the customer's last words. */
export function handoffSummary(reason: string, data: ConversationData): string {
  const said = data.trail
    .slice(-3)
    .map((t) => `"${t.text.slice(0, 60)}"`)
    .join(', ');
  return reason === 'not_understood_twice' ? `Bot did not understand twice: ${said}` : `Handoff (${reason}) after ${said}`;
}
