import type { TurnContext } from 'botbuilder';
import { maskText } from '../../platform/mask';
import type { EmitBotEvent } from '../botEvents';
import { replies } from '../replies';
import type { ConversationData } from '../state/conversationData';
import { say } from '../turn/say';
import { chosenIntent } from '../turn/suggestions';
import { conversationData } from '../turn/turnMemory';
import { isSkip, MAX_COMMENT, parseRating, RATING_SUGGESTIONS, SKIP_COMMENT, type CsatState } from './csatSurvey';

/**
 * The satisfaction survey, once per conversation: asked after a goodbye, an agent's chat or
 * idleness; a rating 1–5, then an optional comment. Its answers are never classified.
 */
export class SatisfactionSurvey {
  constructor(private readonly emit: EmitBotEvent) {}

  /** Starts the survey unless it was asked already. @returns whether it asked */
  async ask(context: TurnContext, trigger: CsatState['trigger']): Promise<boolean> {
    const data = conversationData(context);
    if (data.csat) return false;
    data.csat = { stage: 'rating', trigger };
    this.emit('csat', { conversationId: context.activity.conversation.id, channelId: context.activity.channelId, stage: 'asked', trigger, at: new Date() });
    const question = trigger === 'agent' ? replies.csatAfterAgent : trigger === 'idle' ? replies.csatIdle : replies.csatQuestion;
    await say(context, question, RATING_SUGGESTIONS);
    return true;
  }

  /**
   * A message while the survey waits for a rating or a comment.
   * @returns false when the message is not for the survey (it ends, and the message is routed).
   */
  async continue(context: TurnContext, data: ConversationData, csat: CsatState, text: string): Promise<boolean> {
    const base = { conversationId: context.activity.conversation.id, channelId: context.activity.channelId, trigger: csat.trigger };
    const clickedIntent = chosenIntent(context.activity.value) !== undefined;
    if (csat.stage === 'rating') {
      const rating = clickedIntent ? undefined : parseRating(text);
      data.csat = rating === undefined ? { ...csat, stage: 'done' } : { ...csat, stage: 'comment', rating };
      if (rating === undefined) {
        this.emit('csat', { ...base, stage: 'skipped', at: new Date() });
        return false;
      }
      this.emit('csat', { ...base, stage: 'rated', rating, at: new Date() });
      await say(context, replies.csatComment, [SKIP_COMMENT]);
      return true;
    }
    data.csat = { ...csat, stage: 'done' };
    if (clickedIntent) return false;
    if (isSkip(text) || text.toLowerCase() === SKIP_COMMENT.title.toLowerCase()) this.emit('csat', { ...base, stage: 'skipped', rating: csat.rating, at: new Date() });
    else this.emit('csat', { ...base, stage: 'commented', rating: csat.rating, comment: maskText(text).slice(0, MAX_COMMENT), at: new Date() });
    await say(context, replies.csatThanks);
    return true;
  }
}
