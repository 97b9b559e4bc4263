import type { BotEventMap, BotEvents } from '../../bot/botEvents';
import type { HandoffEventMap, HandoffEvents } from '../../bot/handoff/handoffEvents';
import type { Recognizer } from '../../nlu/recognizer';
import { answerThreshold, type Thresholds } from '../../nlu/thresholds';
import type { Logger } from '../../platform/logger';
import { maskText } from '../../platform/mask';
import type { RateLimit, RateLimiter } from '../../platform/store/rateLimiter';
import type { ReviewInbox } from './reviewInbox';
import type { NewReviewItem } from './reviewItem';

export interface ReviewCaptureOptions {
  inbox: ReviewInbox;
  /** The bot's events (`PawBot.events`). */
  botEvents: BotEvents;
  /** The handoff hub's events, for the agents' labels. */
  handoffEvents?: HandoffEvents;
  /** The routing thresholds in force (of the active model). */
  thresholds: () => Thresholds;
  /** Answers below their intent's answer threshold plus this are kept as low-confidence. */
  lowConfidenceMargin: number;
  /** Scores the customer's messages to an agent (the active model). */
  recognizer: Recognizer;
  logger: Logger;
  /** Customer messages of a labelled handoff added to the inbox, at most. */
  maxHandoffUtterances?: number;
  /** Builds the capture limits of {@link REVIEW_CAPTURE_LIMITS} (shared by every instance when Redis is used). */
  rateLimiter: (limit: RateLimit, name: string) => RateLimiter;
}

/**
 * What one visitor can put into the inbox, so nobody can push the real items out of it
 * (the inbox keeps the newest REVIEW_INBOX_MAX): per conversation, and per client address
 * across all their conversations. Agents' labels are not limited.
 */
export const REVIEW_CAPTURE_LIMITS = {
  conversation: { capacity: 20, windowMs: 24 * 3600_000, what: 'review captures in this conversation' },
  address: { capacity: 100, windowMs: 3600_000, what: 'review captures from this address' },
} satisfies Record<string, RateLimit>;

const RANKING = 3;

/**
 * Fills the review inbox from what the bot and the agents report: every fallback, clarifying
 * question, low-confidence answer and handoff (with the masked text, scores, conversation and
 * time), and, when an agent ends a handoff naming the customer's real intent, that label on
 * the conversation's items plus the customer's (masked) messages to the agent. Never throws
 * into the bot: failures are logged.
 * @returns a function that stops capturing
 */
export function captureForReview(o: ReviewCaptureOptions): () => void {
  const perConversation = o.rateLimiter(REVIEW_CAPTURE_LIMITS.conversation, 'review-conversation');
  const perAddress = o.rateLimiter(REVIEW_CAPTURE_LIMITS.address, 'review-address');
  /** Within the limits? A refusal (or a limiter that cannot answer) skips the capture, never the turn. */
  const allowed = async (conversationId: string, clientAddress: string | undefined) => {
    try {
      if (clientAddress) await perAddress.take(clientAddress);
      await perConversation.take(conversationId);
      return true;
    } catch {
      return false;
    }
  };
  const store = (item: NewReviewItem, clientAddress?: string) =>
    void (async () => {
      if (!(await allowed(item.conversationId, clientAddress))) return;
      await o.inbox.add(item);
    })().catch((err: unknown) => o.logger.warn({ err: (err as Error).message, conversationId: item.conversationId }, 'could not store an utterance for review'));

  const routed = (e: BotEventMap['routed'][0]) => {
    const { decision, recognition } = e;
    let reason: NewReviewItem['reason'] | undefined;
    if (decision.kind === 'fallback') reason = 'fallback';
    else if (decision.kind === 'clarify') reason = 'clarify';
    else if (decision.kind === 'answer' && recognition.score < answerThreshold(o.thresholds(), decision.intent) + o.lowConfidenceMargin) reason = 'low_confidence';
    // Handoffs are stored from the `handoff` event (one item whatever the routing reason).
    if (!reason) return;
    store({
      conversationId: e.conversationId,
      text: e.maskedText,
      reason,
      intent: recognition.intent,
      score: recognition.score,
      ranking: recognition.ranking.slice(0, RANKING).map((r) => ({ intent: r.intent, score: r.score })),
      decision: decision.kind,
      modelVersion: o.recognizer.modelVersion,
      at: e.at.toISOString(),
    }, e.clientAddress);
  };

  const handoff = (e: BotEventMap['handoff'][0]) => {
    const last = [...e.packet.trail].reverse().find((t) => t.decision !== 'slot') ?? e.packet.trail.at(-1);
    if (!last) return;
    store({
      conversationId: e.conversationId,
      // Trail texts are masked by the bot; masking again is harmless and guards older states.
      text: maskText(last.text),
      reason: 'handoff',
      handoffReason: e.packet.reason,
      intent: last.intent,
      score: last.score,
      ranking: [{ intent: last.intent, score: last.score }],
      decision: 'handoff',
      modelVersion: o.recognizer.modelVersion,
      at: e.at.toISOString(),
    }, e.clientAddress);
  };

  const completed = async (e: HandoffEventMap['completed'][0]) => {
    if (!e.labelledIntent) return;
    try {
      await o.inbox.labelConversation(e.conversationId, e.labelledIntent, e.agent);
      for (const text of e.customerUtterances.slice(0, o.maxHandoffUtterances ?? 5)) {
        const masked = maskText(text).trim();
        if (!masked) continue;
        const r = await o.recognizer.recognize(masked);
        await o.inbox.add({
          conversationId: e.conversationId,
          text: masked,
          reason: 'handoff',
          handoffReason: 'said_to_agent',
          intent: r.intent,
          score: r.score,
          ranking: r.ranking.slice(0, RANKING).map((x) => ({ intent: x.intent, score: x.score })),
          decision: 'handoff',
          modelVersion: o.recognizer.modelVersion,
          at: e.at.toISOString(),
          agentLabel: e.labelledIntent,
          agentLabelledBy: e.agent,
        });
      }
    } catch (err) {
      o.logger.warn({ err: (err as Error).message, conversationId: e.conversationId }, 'could not record the agent label for review');
    }
  };
  const onCompleted = (e: HandoffEventMap['completed'][0]) => void completed(e);

  o.botEvents.on('routed', routed);
  o.botEvents.on('handoff', handoff);
  o.handoffEvents?.on('completed', onCompleted);
  return () => {
    o.botEvents.off('routed', routed);
    o.botEvents.off('handoff', handoff);
    o.handoffEvents?.off('completed', onCompleted);
  };
}
