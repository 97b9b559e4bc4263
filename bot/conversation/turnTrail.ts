import { maskSecretAnswer, maskText } from '../../platform/mask';
import type { Recognition } from '../../nlu/recognizer';
import { LIMITS, pushBounded, type ConversationData, type TrailEntry } from '../state/conversationData';

/**
 * The routing trail of a conversation (what each message was read as, and what was done), masked:
 * a message that answers a secret prompt (card number, PIN) hides every digit.
 */
export class TurnTrail {
  /** Turns whose message answers a secret prompt: their trail entry hides every digit. */
  private readonly secretAnswers = new WeakSet<ConversationData>();

  /** Call at the start of a customer message, before any prompt reads it. */
  begin(data: ConversationData): void {
    // The prompt may take the secret and clear the flag before the trail is written: remember it for the turn.
    if (data.expectingSecret) this.secretAnswers.add(data);
    else this.secretAnswers.delete(data);
  }

  /** Records how the message `r` was handled. */
  record(data: ConversationData, r: Recognition, decision: TrailEntry['decision']): void {
    pushBounded(data.trail, { text: data.expectingSecret || this.secretAnswers.has(data) ? maskSecretAnswer(r.text) : maskText(r.text), intent: r.intent, score: Math.round(r.score * 1000) / 1000, decision, at: new Date().toISOString() }, LIMITS.trail);
  }
}
