import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { addDays } from '../../platform/dates';

/** Where the scripted conversations live: one JSON file per theme. */
export const CONVERSATIONS_DIR = path.join(__dirname, '../../test/conversations');

/** The ways a real customer departs from "one clear request stated once" (issue 11). */
export const Twist = z.enum([
  'correction', // changes a value at a confirmation or a prompt ("actually make it 5 weeks")
  'question-at-confirmation', // a question containing ok/sure/fine at a confirmation: nothing may change
  'backing-out', // "nah leave it", "never mind I'll do it later"
  'typed-choice', // types an answer to a button question ("the salmon one", "we are moving")
  'two-requests', // two requests in one message
  'side-question', // a question in the middle of a flow, then the flow goes on
  'ineligible-subscription', // names a subscription that can't take the action
  'order-by-product', // names an order by what is in it ("the kibble order")
  'wrong-pin', // a wrong gift card PIN, then the right one
  'negation', // "don't cancel it"
  'holiday-date', // "until after new year's"
  'someone-elses-data', // asks about another customer's order
]);
export type Twist = z.infer<typeof Twist>;

/**
 * A date as the customer means it, resolved when the conversation runs (the sandbox seeds its
 * dates relative to today): `today+21`, `today-3`, `MM-DD` (the next such day on or after
 * today, e.g. `01-02` for "after new year's"), or a literal `YYYY-MM-DD`.
 */
export const DateSpec = z.string().regex(/^(today([+-]\d{1,3})?|\d{2}-\d{2}|\d{4}-\d{2}-\d{2})$/, 'today, today+N, today-N, MM-DD or YYYY-MM-DD');
/** A date exactly, or within bounds (inclusive). */
export const DateExpectation = z.union([DateSpec, z.object({ min: DateSpec.optional(), max: DateSpec.optional() }).strict().refine((r) => r.min || r.max, 'give min, max or both')]);
export type DateExpectation = z.infer<typeof DateExpectation>;

const subscriptionId = z.string().regex(/^sub-[a-z]+-\d+$/);
const giftCardNumber = z.string().regex(/^\d{16}$/);

/** An account change the conversation must end with. Any other change to any account is a wrong change. */
export const ExpectedChange = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('subscription'),
      id: subscriptionId,
      status: z.enum(['active', 'paused', 'cancelled']).optional(),
      pausedUntil: DateExpectation.optional(),
      /** A date, or `later` (than before the conversation, e.g. after a skip). */
      nextDeliveryDate: z.union([DateExpectation, z.literal('later')]).optional(),
      frequencyWeeks: z.number().int().min(1).max(26).optional(),
      quantity: z.number().int().min(1).max(20).optional(),
      cancelReason: z.enum(['too_much_product', 'too_expensive', 'pet_no_longer_needs', 'switching_product', 'moving', 'other']).optional(),
    })
    .strict(),
  /** The conversation's customer redeemed exactly this many points (balance down, store credit up by as many cents). */
  z.object({ kind: z.literal('pointsRedeemed'), points: z.number().int().positive().multipleOf(100) }).strict(),
  /** The conversation's customer redeemed this gift card's whole balance into store credit. */
  z.object({ kind: z.literal('giftCardRedeemed'), number: giftCardNumber }).strict(),
]);
export type ExpectedChange = z.infer<typeof ExpectedChange>;

/** Regular expressions (case-insensitive) the bot's replies must, or must not, contain. */
const ReplyFacts = z
  .object({
    must: z.array(z.string().min(1)).default([]),
    mustNot: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .superRefine((facts, ctx) => {
    for (const re of [...facts.must, ...facts.mustNot]) {
      try {
        new RegExp(re, 'i');
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `not a regular expression: ${re} (${(err as Error).message})` });
      }
    }
  });

/**
 * One customer turn: what they type, or a click on the suggested action (of the bot's latest
 * replies) whose title matches `click` (a case-insensitive regular expression). `replies` are
 * facts about the bot's answer to this turn alone.
 */
export const Turn = z.union([
  z.string().min(1).max(500),
  z.object({ say: z.string().min(1).max(500), replies: ReplyFacts.optional() }).strict(),
  z.object({ click: z.string().min(1).max(100), replies: ReplyFacts.optional() }).strict(),
]);
export type Turn = z.infer<typeof Turn>;

export const ScriptedConversation = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case'),
    /** What the customer wants, in a few words. */
    title: z.string().min(3).max(200),
    /** A demo customer of the sandbox seed, or null for an anonymous visitor. */
    customer: z.string().regex(/^cus-[a-z]+$/).nullable(),
    /** The twists it has; empty for a plain conversation. */
    twists: z.array(Twist).default([]),
    turns: z.array(Turn).min(1).max(12),
    expect: z
      .object({
        /** Exactly these account changes (empty: nothing may change anywhere). */
        changes: z.array(ExpectedChange).default([]),
        /** Does the customer want a person by the end? (A handoff not wanted is a failure.) */
        handoff: z.boolean().default(false),
        /** Facts about everything the bot said in the conversation. */
        replies: ReplyFacts.optional(),
      })
      .strict(),
  })
  .strict();
export type ScriptedConversation = z.infer<typeof ScriptedConversation>;

/** One theme's file. */
export const ConversationFile = z.object({ theme: z.string().min(1), conversations: z.array(ScriptedConversation).min(1) }).strict();

/** A conversation with the file it came from. */
export type LoadedConversation = ScriptedConversation & { file: string };

/**
 * Reads and validates every `*.json` in {@link CONVERSATIONS_DIR}.
 * @throws Error naming the file and the first problems when a file is malformed or ids repeat.
 */
export function loadConversationSet(dir = CONVERSATIONS_DIR): LoadedConversation[] {
  const all: LoadedConversation[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const parsed = ConversationFile.safeParse(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
    all.push(...parsed.data.conversations.map((c) => ({ ...c, file })));
  }
  const seen = new Set<string>();
  for (const c of all) {
    if (seen.has(c.id)) throw new Error(`${c.file}: conversation id "${c.id}" is used twice`);
    seen.add(c.id);
  }
  return all;
}

/** Resolves a {@link DateSpec} against `today` (`YYYY-MM-DD`). */
export function resolveDate(spec: string, today: string): string {
  const rel = /^today([+-]\d+)?$/.exec(spec);
  if (rel) return addDays(today, Number(rel[1] ?? 0));
  if (/^\d{2}-\d{2}$/.test(spec)) {
    const year = Number(today.slice(0, 4));
    const thisYear = `${year}-${spec}`;
    return thisYear >= today ? thisYear : `${year + 1}-${spec}`;
  }
  return spec;
}
