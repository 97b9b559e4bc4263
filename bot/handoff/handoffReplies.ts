import { describeWait } from './estimateWait';

/** Button titles the customer can click (or type) while waiting for a person. */
export const LEAVE_MESSAGE = 'Leave a message';
export const KEEP_WAITING = 'Keep waiting';

/** What the handoff hub tells a customer while they wait for a person. */
export const handoffReplies = {
  /** Position in the queue, with the estimate when there is one. */
  position: (position: number, waitMs: number | undefined, changed: boolean) => {
    const where = position === 1 ? "You're next in the queue" : `You're number ${position} in the queue`;
    const eta = waitMs === undefined ? '' : waitMs === 0 ? ': a member of our team should be with you in a moment.' : `. Estimated wait: ${describeWait(waitMs)}.`;
    return `${changed ? 'Update: ' : ''}${where}${eta || '.'}`;
  },
  noAgentOnline: (position: number) =>
    `No one from our support team is online right now (you're number ${position} in the queue). You can keep waiting, or leave a message and the team will follow up.`,
  waitTooLong: (waitMs: number) =>
    `Sorry, this is taking longer than usual (${describeWait(waitMs)} so far). You can keep waiting, or leave a message and the team will follow up.`,
  /** The first message while waiting (later ones are kept silently). */
  kept: (position: number | undefined) =>
    `Thanks, I've added that for the agent, who will see it as soon as they join${position ? ` (you're number ${position} in the queue)` : ''}. Say "cancel" to go back to the bot.`,
  stillInQueue: (position: number | undefined) => `Okay, you stay in the queue${position ? ` (number ${position})` : ''}. Everything you write is kept for the agent.`,
  writeYourMessage: 'Okay. Please type your message for our support team in one go (your order number helps). Say "cancel" to go back to the bot instead.',
  /** The agent's message as the customer sees it: who wrote it, then what. */
  fromAgent: (displayName: string, text: string) => `**${escapeMarkdown(displayName)}:** ${text}`,
};

function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, (c) => `\\${c}`);
}
