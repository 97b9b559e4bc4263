import type { TurnContext } from 'botbuilder';
import type { Recognition } from '../../nlu/recognizer';

const HEARD = Symbol('paw.heard');
const INSIST = Symbol('paw.insist');
const DECLINED = Symbol('paw.declined');
const REPROMPTED = Symbol('paw.reprompted');
const CONSENTED = Symbol('paw.consented');
const ASIDE = Symbol('paw.aside');

/**
 * How a message reaches a waiting prompt. The bot offers it to the prompt first: the prompt
 * takes a valid answer, or declines without a word. Only then does the bot look for a back-out,
 * a side question or another request; if it is none of these, it hands the message back
 * *insisting*, and the prompt says why the answer was not taken (or gives up).
 */
export const promptTurn = {
  /** The understanding of this turn's message (prompts read values and corrections from it). */
  setHeard: (context: TurnContext, r: Recognition): void => void context.turnState.set(HEARD, r),
  heard: (context: TurnContext): Recognition | undefined => context.turnState.get(HEARD) as Recognition | undefined,
  /** The message is for the prompt whatever it says. */
  insist: (context: TurnContext): void => void context.turnState.set(INSIST, true),
  insisting: (context: TurnContext): boolean => context.turnState.get(INSIST) === true,
  /** A prompt could not use the message (nothing was said, nothing changed). */
  decline: (context: TurnContext): void => void context.turnState.set(DECLINED, true),
  /** Whether a prompt declined the message since the last call, and resets it. */
  takeDeclined: (context: TurnContext): boolean => {
    const d = context.turnState.get(DECLINED) === true;
    context.turnState.delete(DECLINED);
    return d;
  },
  /** A prompt asked its question again this turn (the bot must not ask it twice). */
  markReprompted: (context: TurnContext): void => void context.turnState.set(REPROMPTED, true),
  reprompted: (context: TurnContext): boolean => context.turnState.get(REPROMPTED) === true,
  /** The customer gave a clear yes to an account change this turn. */
  markConsented: (context: TurnContext): void => void context.turnState.set(CONSENTED, true),
  consented: (context: TurnContext): boolean => context.turnState.get(CONSENTED) === true,
  /** This turn serves a side request on top of a waiting flow (its dialog should not ask questions of its own). */
  markAside: (context: TurnContext): void => void context.turnState.set(ASIDE, true),
  aside: (context: TurnContext): boolean => context.turnState.get(ASIDE) === true,
};
