import assert from 'node:assert/strict';
import { MemoryStorage, TestAdapter, type Activity, type Storage } from 'botbuilder';
import { buildBot } from '../../bin/buildBot';
import { IDENTITY_KEY } from '../../bot/identity';
import type { PawBot } from '../../bot/PawBot';
import { silentLogger } from '../../platform/logger';
import { fixedClock, startTestSandbox, type TestSandbox } from './sandboxServer';
import { testRecognizer, testThresholds } from './testRecognizer';
import { markHubTurn } from '../../bot/handoff/hubTurn';

/** What the bot sent in one turn. */
export interface TurnReplies {
  activities: Partial<Activity>[];
  /** Message texts joined with newlines. */
  text: string;
  /** Titles of the suggested actions of the last message that had some. */
  suggestions: string[];
  events: Partial<Activity>[];
}

export interface BotHarness {
  sandbox: TestSandbox;
  bot: PawBot;
  adapter: TestAdapter;
  conversationId: string;
  /** The customer says something (or clicks a suggested action with its value). */
  send(text: string, extra?: Partial<Activity>): Promise<TurnReplies>;
  /** Delivers an activity as the channel would (events, redeliveries): as the customer's client sent it. */
  deliver(activity: Partial<Activity>): Promise<TurnReplies>;
  /** The handoff hub's `handoff.status` turn (accepted, completed, failed), as only the hub can run it. */
  handoffStatus(value: Record<string, unknown>): Promise<TurnReplies>;
  close(): Promise<void>;
}

/**
 * The whole bot (real recognizer, real typed clients, real sandbox over HTTP) on botbuilder's
 * TestAdapter, for one customer (null = anonymous).
 */
export async function startBotHarness(
  opts: { customerId?: string | null; name?: string; storage?: Storage; sandbox?: TestSandbox; apiTimeoutMs?: number; signInUrl?: string } = {},
): Promise<BotHarness> {
  const clock = fixedClock();
  const sandbox = opts.sandbox ?? (await startTestSandbox({ clock }));
  const recognizer = await testRecognizer();
  const { bot } = buildBot({
    api: { baseUrl: sandbox.url, token: sandbox.token, timeoutMs: opts.apiTimeoutMs ?? 1000, retries: 1 },
    recognizer,
    thresholds: testThresholds,
    storage: opts.storage ?? new MemoryStorage(),
    logger: silentLogger(),
    now: clock.now,
    signInUrl: opts.signInUrl,
  });
  const customerId = opts.customerId === undefined ? 'cus-ava' : opts.customerId;
  const conversationId = `test-${Math.random().toString(36).slice(2)}`;
  let hubTurn = false;
  const adapter = new TestAdapter(async (ctx) => {
    if (hubTurn) markHubTurn(ctx);
    await bot.run(ctx);
  }, {
    channelId: 'test',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: 't' },
    channelData: { [IDENTITY_KEY]: { customerId, ...(opts.name ? { name: opts.name } : {}) } },
  } as Partial<Activity>);
  let seq = 0;
  const collect = (): TurnReplies => {
    const activities = adapter.activeQueue.splice(0) as Partial<Activity>[];
    const messages = activities.filter((a) => a.type === 'message');
    const withSuggestions = messages.filter((m) => m.suggestedActions?.actions?.length).at(-1);
    return {
      activities,
      text: messages.map((m) => m.text ?? '').join('\n'),
      suggestions: withSuggestions?.suggestedActions?.actions.map((a) => String(a.title)) ?? [],
      events: activities.filter((a) => a.type === 'event'),
    };
  };
  const deliver = async (activity: Partial<Activity>) => {
    await adapter.receiveActivity({ id: `in-${++seq}`, ...activity });
    return collect();
  };
  return {
    sandbox,
    bot,
    adapter,
    conversationId,
    send: (text, extra = {}) => deliver({ type: 'message', text, ...extra }),
    deliver,
    handoffStatus: async (value) => {
      hubTurn = true;
      try {
        return await deliver({ type: 'event', name: 'handoff.status', value });
      } finally {
        hubTurn = false;
      }
    },
    close: async () => {
      if (!opts.sandbox) await sandbox.close();
    },
  };
}

/** One step of a transcript: what the customer says, and what the bot's reply must show. */
export type Step = [says: string, expect: string | RegExp | ((r: TurnReplies) => void)];

/** Plays a transcript; a failing step names its index and shows the bot's actual reply. */
export async function transcript(h: BotHarness, steps: Step[]): Promise<TurnReplies[]> {
  const all: TurnReplies[] = [];
  for (const [i, [says, expect]] of steps.entries()) {
    const r = await h.send(says);
    all.push(r);
    const where = `step ${i + 1} ("${says}") got:\n${r.text}`;
    if (typeof expect === 'string') assert.ok(r.text.toLowerCase().includes(expect.toLowerCase()), `${where}\nexpected to contain: ${expect}`);
    else if (expect instanceof RegExp) assert.match(r.text, expect, where);
    else
      try {
        expect(r);
      } catch (e) {
        (e as Error).message = `${where}\n${(e as Error).message}`;
        throw e;
      }
  }
  return all;
}
