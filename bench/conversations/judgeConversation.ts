import { resolveDate, type DateExpectation, type ScriptedConversation } from './scriptedConversation';
import { diffStates, type SandboxState, type StateChange } from './sandboxState';

/** What the bot said in answer to one customer turn. */
export interface TurnTranscript {
  /** What the customer sent (the clicked title for a click). */
  customer: string;
  /** The bot's message texts, in order. */
  bot: string[];
  /** Suggested action titles the bot offered in this turn. */
  suggestions: string[];
}

export interface Verdict {
  pass: boolean;
  /** Why it failed (empty when it passed). */
  reasons: string[];
  /** Account changes the expected outcome did not call for, or made with other values. */
  wrongChanges: string[];
  unwantedHandoff: boolean;
}

const show = (v: unknown) => JSON.stringify(v);

function dateMatches(actual: unknown, want: DateExpectation, today: string): boolean {
  if (typeof actual !== 'string') return false;
  if (typeof want === 'string') return actual === resolveDate(want, today);
  return (!want.min || actual >= resolveDate(want.min, today)) && (!want.max || actual <= resolveDate(want.max, today));
}

interface Constraint {
  path: string;
  ok: (after: unknown, before: unknown) => boolean;
  want: string;
}

/**
 * Judges one conversation by the sandbox state before and after it (every account, every
 * gift card) and by what the bot said.
 */
export function judgeConversation(
  c: ScriptedConversation,
  run: { before: SandboxState; after: SandboxState; turns: TurnTranscript[]; handoff: boolean; error?: string; today: string },
): Verdict {
  const reasons: string[] = [];
  const wrongChanges: string[] = [];
  if (run.error) reasons.push(run.error);

  // What must hold after the conversation, and which other leaves may change along with it.
  const constraints: Constraint[] = [];
  const alsoAllowed = new Set<string>();
  let creditCents = 0;
  const customer = c.customer ?? '(anonymous)';
  for (const e of c.expect.changes) {
    if (e.kind === 'subscription') {
      const owner = Object.keys(run.before.accounts).find((id) => run.before.accounts[id]!.subscriptions[e.id]) ?? customer;
      const at = (field: string) => `${owner}.subscriptions.${e.id}.${field}`;
      const exact = (field: string, v: unknown) => constraints.push({ path: at(field), ok: (a) => a === v, want: show(v) });
      if (e.status) exact('status', e.status);
      if (e.frequencyWeeks !== undefined) exact('frequencyWeeks', e.frequencyWeeks);
      if (e.quantity !== undefined) exact('quantity', e.quantity);
      if (e.cancelReason) exact('cancelReason', e.cancelReason);
      if (e.pausedUntil) {
        const want = e.pausedUntil;
        constraints.push({ path: at('pausedUntil'), ok: (a) => dateMatches(a, want, run.today), want: show(want) });
      }
      if (e.nextDeliveryDate === 'later') constraints.push({ path: at('nextDeliveryDate'), ok: (a, b) => typeof a === 'string' && typeof b === 'string' && a > b, want: 'a later date' });
      else if (e.nextDeliveryDate) {
        const want = e.nextDeliveryDate;
        constraints.push({ path: at('nextDeliveryDate'), ok: (a) => dateMatches(a, want, run.today), want: show(want) });
      }
      // A pause, resume or cancel moves the dates and the reason with it.
      if (e.status || e.pausedUntil) ['status', 'pausedUntil', 'nextDeliveryDate', 'cancelReason'].forEach((f) => alsoAllowed.add(at(f)));
    } else if (e.kind === 'pointsRedeemed') {
      const points = e.points;
      constraints.push({ path: `${customer}.points`, ok: (a, b) => typeof a === 'number' && typeof b === 'number' && b - a === points, want: `${points} points fewer` });
      alsoAllowed.add(`${customer}.rewardsTransactions`);
      creditCents += points;
    } else {
      const path = `giftCards.${e.number}.balanceCents`;
      constraints.push({ path, ok: (a) => a === 0, want: '0 (redeemed)' });
      alsoAllowed.add(`giftCards.${e.number}.status`);
      const before = run.before.giftCards[e.number];
      if (before && before !== 'locked') creditCents += before.balanceCents;
    }
  }
  if (creditCents) constraints.push({ path: `${customer}.storeCreditCents`, ok: (a, b) => typeof a === 'number' && typeof b === 'number' && a - b === creditCents, want: `${creditCents} cents more store credit` });

  const changes = new Map<string, StateChange>(diffStates(run.before, run.after).map((ch) => [ch.path, ch]));
  const valueAt = (state: SandboxState, path: string): unknown => {
    const [head, ...rest] = path.split('.');
    let v: unknown = head === 'giftCards' ? state.giftCards : state.accounts[head!];
    // Card numbers and ids contain no dots, so the path splits cleanly.
    for (const k of rest) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
    return v;
  };
  for (const k of constraints) {
    const before = valueAt(run.before, k.path);
    const after = valueAt(run.after, k.path);
    if (k.ok(after, before)) continue;
    if (changes.has(k.path)) wrongChanges.push(`${k.path} became ${show(after)} (was ${show(before)}), expected ${k.want}`);
    else reasons.push(`${k.path} stayed ${show(before)}, expected ${k.want}`);
  }
  const constrained = new Set(constraints.map((k) => k.path));
  for (const ch of changes.values()) {
    if (constrained.has(ch.path) || alsoAllowed.has(ch.path)) continue;
    wrongChanges.push(`${ch.path} changed from ${show(ch.before)} to ${show(ch.after)}, which nobody asked for`);
  }

  const unwantedHandoff = run.handoff && !c.expect.handoff;
  if (unwantedHandoff) reasons.push('handed off to a person, which the customer did not ask for');
  if (!run.handoff && c.expect.handoff) reasons.push('did not hand off to a person');

  const check = (facts: { must: string[]; mustNot: string[] } | undefined, text: string, where: string) => {
    for (const re of facts?.must ?? []) if (!new RegExp(re, 'i').test(text)) reasons.push(`${where} lack /${re}/`);
    for (const re of facts?.mustNot ?? []) {
      const m = new RegExp(re, 'i').exec(text);
      if (m) reasons.push(`${where} contain /${re}/ ("${m[0]}")`);
    }
  };
  const all = run.turns.map((t) => [...t.bot, ...t.suggestions].join('\n')).join('\n');
  check(c.expect.replies, all, 'the replies');
  c.turns.forEach((turn, i) => {
    if (typeof turn === 'string' || !turn.replies) return;
    const t = run.turns[i];
    check(turn.replies, t ? [...t.bot, ...t.suggestions].join('\n') : '', `the replies to turn ${i + 1}`);
  });

  reasons.push(...wrongChanges.map((w) => `account changed wrongly: ${w}`));
  return { pass: reasons.length === 0, reasons, wrongChanges, unwantedHandoff };
}
