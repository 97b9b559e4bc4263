import type { ActivityLog, ChatActivity } from '../../bot/channels/activityLog';
import { maskText } from '../../platform/mask';

/** One line of a conversation as an admin reads it (texts masked). */
export interface TranscriptEntry {
  /** ISO 8601. */
  at: string;
  /** `customer`, `bot`, an agent (`agent`, with their `name`), or `event` (e.g. `handoff.initiate`). */
  from: 'customer' | 'bot' | 'agent' | 'event';
  name?: string;
  text: string;
  /** The buttons offered with a bot message. */
  suggestions?: string[];
}

const PAGE = 500;
/** Lines read per conversation at most (the activity log keeps DIRECTLINE_MAX_ACTIVITIES anyway). */
const MAX_LINES = 5000;

function entryOf(a: ChatActivity, botName: string | undefined): TranscriptEntry | undefined {
  if (a.type === 'event' && typeof a.name === 'string') return { at: a.timestamp, from: 'event', text: a.name };
  if (a.type !== 'message' || typeof a.text !== 'string') return undefined;
  const actions = (a.suggestedActions as { actions?: { title?: unknown }[] } | undefined)?.actions;
  const suggestions = Array.isArray(actions) ? actions.map((x) => maskText(String(x.title ?? ''))) : [];
  // The hub marks an agent's messages (channelData.pawAgent); a sender not named as the bot is one too.
  const agent = (a.channelData?.pawAgent as { displayName?: string } | undefined)?.displayName ?? (a.from.role !== 'user' && a.from.name && botName && a.from.name !== botName ? a.from.name : undefined);
  const from = a.from.role === 'user' ? 'customer' : agent ? 'agent' : 'bot';
  return { at: a.timestamp, from, ...(from === 'agent' ? { name: agent } : {}), text: maskText(a.text), ...(suggestions.length ? { suggestions } : {}) };
}

/**
 * A conversation's transcript from the chat channel's activity log, every text masked; undefined
 * when the log no longer has the conversation (it keeps DIRECTLINE_RETENTION_SECONDS).
 *
 * @param botName the bot's display name (CHAT_BOT_NAME): messages from another name are an agent's.
 */
export async function maskedTranscript(log: ActivityLog, conversationId: string, botName?: string): Promise<TranscriptEntry[] | undefined> {
  if (!(await log.getConversation(conversationId))) return undefined;
  const out: TranscriptEntry[] = [];
  let after = 0;
  while (out.length < MAX_LINES) {
    const page = await log.read(conversationId, after, PAGE);
    for (const e of page) {
      const entry = entryOf(e.activity, botName);
      if (entry) out.push(entry);
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.seq;
  }
  return out;
}
