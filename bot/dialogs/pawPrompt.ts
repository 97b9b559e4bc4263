import type { TurnContext } from 'botbuilder';
import { Dialog, DialogTurnStatus, type DialogContext, type DialogInstance, type DialogTurnResult, type PromptOptions } from 'botbuilder-dialogs';
import type { Recognition } from '../../nlu/recognizer';
import { promptTurn } from '../turn/promptTurn';
import { say } from '../turn/say';
import type { Suggestion } from '../turn/suggestions';
import { conversationData } from '../turn/turnMemory';
import { isBackOut } from './backOut';

/** After this many answers it could not use, a prompt gives up (its dialog says so politely). */
export const MAX_TRIES = 3;

/** What a prompt made of one message. */
export type PromptReading<T> =
  /** A valid answer: the prompt ends with it. */
  | { kind: 'answer'; value: T }
  /** The answer changed what the prompt asks (a corrected pending change): say `text`, keep waiting. */
  | { kind: 'changed'; text: string; suggestions?: Suggestion[] }
  /**
   * Not an answer: `problem` says why and what would be one. `meant` when the message was
   * clearly meant as an answer (a value of the kind asked for), so it is not routed elsewhere.
   */
  | { kind: 'miss'; problem: string; meant?: boolean; suggestions?: Suggestion[] };

export interface PawPromptState {
  options: PromptOptions & Record<string, unknown>;
  tries: number;
}

/**
 * The base of every prompt: asks, reads answers with {@link read}, and follows the turn policy
 * of {@link promptTurn} (offer first, insist after the bot found nothing else in the message).
 * A question is never re-asked once the conversation went to a person.
 */
export abstract class PawPrompt<T> extends Dialog {
  protected abstract read(context: TurnContext, text: string, heard: Recognition | undefined, state: PawPromptState): Promise<PromptReading<T>>;

  /** The question and its buttons, as asked now. */
  protected abstract question(state: PawPromptState): { text: string; suggestions: Suggestion[] };

  async beginDialog(dc: DialogContext, options?: PromptOptions): Promise<DialogTurnResult> {
    const state: PawPromptState = { options: { ...(options ?? {}) } as PawPromptState['options'], tries: 0 };
    dc.activeDialog!.state = state;
    await this.ask(dc.context, state);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== 'message') return Dialog.EndOfTurn;
    const state = dc.activeDialog!.state as PawPromptState;
    const text = (dc.context.activity.text ?? '').trim();
    const insisting = promptTurn.insisting(dc.context);
    const reading = await this.read(dc.context, text, promptTurn.heard(dc.context), state);
    switch (reading.kind) {
      case 'answer':
        return dc.endDialog(reading.value);
      case 'changed':
        state.tries = 0;
        await say(dc.context, reading.text, reading.suggestions ?? this.question(state).suggestions);
        promptTurn.markReprompted(dc.context);
        return Dialog.EndOfTurn;
      case 'miss':
        if (!insisting && (!reading.meant || isBackOut(text))) {
          promptTurn.decline(dc.context);
          return Dialog.EndOfTurn;
        }
        state.tries += 1;
        if (state.tries >= MAX_TRIES) return dc.endDialog(undefined);
        {
          const q = this.question(state);
          await say(dc.context, `${reading.problem} ${q.text}`, reading.suggestions ?? q.suggestions);
        }
        promptTurn.markReprompted(dc.context);
        return { status: DialogTurnStatus.waiting };
    }
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    // The conversation went to a person in the meantime: no question from the bot.
    if (conversationData(context).handoff.status !== 'none') return;
    await this.ask(context, instance.state as PawPromptState);
  }

  private async ask(context: TurnContext, state: PawPromptState): Promise<void> {
    const q = this.question(state);
    await say(context, q.text, q.suggestions);
    promptTurn.markReprompted(context);
  }
}

/** The question text a prompt was started with. */
export const promptText = (state: PawPromptState): string => (typeof state.options.prompt === 'string' ? state.options.prompt : (state.options.prompt?.text ?? ''));
