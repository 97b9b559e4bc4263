import { connect, text, type Client, type Seen } from '../../test/bot/channels/support/directLineClient';
import type { TurnTranscript } from './judgeConversation';
import type { Turn } from './scriptedConversation';

/** How long to wait for the bot. */
export interface Settle {
  /** The bot has finished a turn when it sent nothing (not even typing) for this long. */
  quietMs: number;
  /** At most this long for the first reply to a turn. */
  maxMs: number;
}

export interface Talk {
  turns: TurnTranscript[];
  /** Did the bot hand the conversation to a person? */
  handoff: boolean;
  /** Why the script could not be played to the end. */
  error?: string;
}

type Action = { type?: string; title?: string; value?: unknown; text?: string; displayText?: string };

/** The handoff hub's words to a waiting customer (its queue position), or the handoff event. */
const HANDOFF_TEXT = /kept for the agent|in the queue/i;
const isHandoff = (a: Seen) => (a.type === 'event' && /^handoff/i.test((a as { name?: string }).name ?? '')) || (a.type === 'message' && HANDOFF_TEXT.test(text(a)));

const fromBot = (a: Seen) => a.from?.role !== 'user';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the bot answered (a message replying to `replyTo`, or any message when not given)
 * after `start` and then went quiet; returns everything it sent since `start`. Matching the
 * reply id keeps a slow previous turn's last message from passing for this turn's answer.
 */
async function settle(c: Client, start: number, s: Settle, replyTo?: string): Promise<Seen[] | undefined> {
  const deadline = Date.now() + s.maxMs;
  let seenCount = c.seen.length;
  let quietSince = Date.now();
  for (;;) {
    await sleep(25);
    if (c.seen.length !== seenCount) {
      seenCount = c.seen.length;
      quietSince = Date.now();
    }
    const mine = c.seen.slice(start).filter(fromBot);
    const answered = mine.some((a) => a.type === 'message' && (replyTo === undefined || a.replyToId === replyTo));
    if (answered && Date.now() - quietSince >= s.quietMs) return mine;
    if (!answered && Date.now() > deadline) return undefined;
    // A bot that keeps typing forever still ends the turn.
    if (answered && Date.now() > deadline + s.maxMs) return mine;
  }
}

function transcriptOf(customer: string, activities: Seen[]): TurnTranscript {
  const messages = activities.filter((a) => a.type === 'message');
  return {
    customer,
    bot: messages.map(text).filter(Boolean),
    suggestions: messages.flatMap((m) => (m.suggestedActions?.actions ?? []).map((a) => a.title ?? '')),
  };
}

/** The activity Web Chat posts when a suggested action is clicked. */
function clickActivity(action: Action): Record<string, unknown> {
  switch (action.type) {
    case 'messageBack':
      return { type: 'message', text: action.text ?? action.displayText, value: action.value, channelData: { messageBack: { displayText: action.displayText } } };
    case 'postBack':
      return { type: 'message', ...(typeof action.value === 'string' ? { text: action.value } : {}), value: action.value, channelData: { postBack: true } };
    default:
      return { type: 'message', text: String(action.value ?? action.title) };
  }
}

/**
 * Plays a script through the real channel with the official Direct Line client (WebSocket):
 * signs in through the product's demo token route, waits for the welcome, then for each turn
 * sends it and waits for the bot's replies to settle.
 */
export async function talkToBot(productUrl: string, customerId: string | null, turns: readonly Turn[], s: Settle): Promise<Talk> {
  const res = await fetch(`${productUrl}/api/demo/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(customerId ? { customerId } : {}) });
  if (!res.ok) return { turns: [], handoff: false, error: `demo token: HTTP ${res.status} ${await res.text()}` };
  const { token } = (await res.json()) as { token: string };
  const c = connect(productUrl, { token, webSocket: true });
  const out: TurnTranscript[] = [];
  try {
    // The welcome is one message: a short quiet period is enough.
    if (!(await settle(c, 0, { ...s, quietMs: Math.min(300, s.quietMs) }))) return { turns: out, handoff: false, error: 'no welcome from the bot' };
    let last: Seen[] = [];
    for (const turn of turns) {
      let activity: Record<string, unknown>;
      let said: string;
      if (typeof turn === 'object' && 'click' in turn) {
        const re = new RegExp(turn.click, 'i');
        const actions = last.filter((a) => a.type === 'message').flatMap((m) => (m.suggestedActions?.actions ?? []) as Action[]);
        const action = actions.find((a) => re.test(a.title ?? ''));
        if (!action) return { turns: out, handoff: c.seen.some(isHandoff), error: `no suggested action matching /${turn.click}/ (offered: ${actions.map((a) => a.title).join(' | ') || 'none'})` };
        activity = clickActivity(action);
        said = `[click] ${action.title}`;
      } else {
        said = typeof turn === 'string' ? turn : turn.say;
        activity = { type: 'message', text: said };
      }
      const start = c.seen.length;
      // While waiting for a person, the hub keeps messages after the first without a reply.
      const waitingForPerson = c.seen.some(isHandoff);
      const id = await c.post(activity);
      const replies = await settle(c, start, waitingForPerson ? { ...s, maxMs: Math.min(s.maxMs, 3000) } : s, id);
      if (!replies && waitingForPerson) {
        last = [];
        out.push(transcriptOf(said, c.seen.slice(start).filter(fromBot)));
        continue;
      }
      if (!replies) {
        out.push(transcriptOf(said, []));
        return { turns: out, handoff: c.seen.some(isHandoff), error: `no reply to "${said}" within ${s.maxMs} ms` };
      }
      last = replies;
      out.push(transcriptOf(said, replies));
    }
    return { turns: out, handoff: c.seen.some(isHandoff) };
  } catch (err) {
    return { turns: out, handoff: c.seen.some(isHandoff), error: `channel error: ${(err as Error).message}` };
  } finally {
    c.stop();
  }
}
