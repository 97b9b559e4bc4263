import type { TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import { maskText } from '../../platform/mask';
import { decide } from '../routing/decide';
import { withoutRefusedClauses } from '../routing/negatedRequest';
import { splitRequests } from '../routing/splitRequests';
import { promptTurn } from '../turn/promptTurn';
import { conversationData } from '../turn/turnMemory';
import type { ConversationContext } from './conversationContext';
import type { Router } from './router';

/**
 * Several requests in one message: the first is served now, the others queued (masked, in
 * conversation state) and served one after the other once nothing is in progress.
 */
export class SeveralRequests {
  constructor(
    private readonly ctx: ConversationContext,
    private readonly router: Router,
  ) {}

  /**
   * "skip my next litter delivery, and what's my points balance?": when every part of a message
   * is a clear request of its own, quick answers come first, then the others one after the other
   * (each with the details its part gave). @returns false when the message is one request.
   */
  async serve(context: TurnContext, dc: DialogContext, text: string): Promise<boolean> {
    const parts = splitRequests(text);
    // "order PS-10030 never showed up?? what happened": a part of two words asks nothing of its own.
    if (parts.length < 2 || parts.some((p) => p.split(/\s+/).filter(Boolean).length < 3)) return false;
    // "dont cancel my bird seed!! i just want to skip the next bag": a refusal is no request; the message is read whole.
    if (withoutRefusedClauses(text) !== undefined) return false;
    const thresholds = this.ctx.thresholds();
    const requests = await Promise.all(
      parts.map(async (part) => {
        const r = await this.ctx.recognizer.recognize(part);
        return { r, d: decide(r, thresholds, { consecutiveFallbacks: 0 }) };
      }),
    );
    const intents = requests.map(({ d }) => (d.kind === 'answer' && this.ctx.intents.has(d.intent) ? d.intent : undefined));
    const secret = requests.map(({ r }) => r.entities.some((e) => e.type === 'pin' || e.type === 'giftCardNumber'));
    if (secret.filter(Boolean).length > 1 || intents.some((i) => i === undefined) || new Set(intents).size < intents.length) return false;
    // A part with a card number or PIN is served now: what waits in the queue is kept masked, and would lose it.
    const rank = (i: number) => (secret[i] ? 0 : this.ctx.intents.get(intents[i]!)!.readOnly === true ? 1 : 2);
    const ordered = requests.map((x, i) => ({ ...x, quick: rank(i) })).sort((a, b) => a.quick - b.quick);
    const [first, ...rest] = ordered;
    // Another request waits: the first must not end on a question of its own ("shall I get you a person?").
    promptTurn.markAside(context);
    await this.router.route(context, dc, first!.r, first!.d);
    const data = conversationData(context);
    // Kept in conversation state until served: masked like every other kept text.
    data.queued = [...rest.map((x) => maskText(x.r.text)), ...(data.queued ?? [])];
    return true;
  }

  /** Serves queued requests once nothing is in progress. */
  async serveQueued(context: TurnContext, dc: DialogContext): Promise<void> {
    const data = conversationData(context);
    while (data.queued?.length && !dc.activeDialog && data.handoff.status === 'none') {
      const next = data.queued.shift()!;
      if (data.queued.length === 0) data.queued = undefined;
      const r = await this.ctx.recognizer.recognize(next);
      promptTurn.setHeard(context, r);
      await this.router.route(context, dc, r, decide(r, this.ctx.thresholds(), { consecutiveFallbacks: 0 }));
    }
    // A person took the conversation: what was queued before is theirs to handle now.
    if (data.handoff.status !== 'none') data.queued = undefined;
  }
}
