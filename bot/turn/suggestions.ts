import { ActionTypes, type CardAction } from 'botbuilder';

/** A suggested action: a button that sends its title as the customer's message. */
export interface Suggestion {
  title: string;
  /** When set, the button routes straight to this intent (no classification). */
  intent?: string;
}

/** Key in `activity.value` that carries an intent chosen from a suggested action. */
export const INTENT_VALUE_KEY = 'pawIntent';

export function toCardActions(suggestions: Suggestion[]): CardAction[] {
  return suggestions.map((s) =>
    s.intent
      ? { type: ActionTypes.MessageBack, title: s.title, text: s.title, displayText: s.title, value: { [INTENT_VALUE_KEY]: s.intent } }
      : { type: ActionTypes.ImBack, title: s.title, value: s.title },
  );
}

/** The intent a clicked suggested action carries, if any. */
export function chosenIntent(value: unknown): string | undefined {
  const v = value && typeof value === 'object' ? (value as Record<string, unknown>)[INTENT_VALUE_KEY] : undefined;
  return typeof v === 'string' && /^[a-z.]{2,40}$/.test(v) ? v : undefined;
}
