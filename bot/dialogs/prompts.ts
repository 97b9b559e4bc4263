import { ChoicePrompt, ConfirmPrompt, ListStyle, TextPrompt, type PromptValidatorContext } from 'botbuilder-dialogs';

/** Dialog ids of the shared prompts every skill uses. */
export const PROMPTS = { confirm: 'paw.confirm', choice: 'paw.choice', text: 'paw.text' } as const;

/** After this many invalid answers a dialog gives up politely. */
export const MAX_TRIES = 3;

/** Yes/No as suggested-action buttons; recognises "yes", "yep", "no", "nope"… */
export function confirmPrompt(id: string = PROMPTS.confirm): ConfirmPrompt {
  const p = new ConfirmPrompt(id, async (pc) => pc.recognized.succeeded || pc.attemptCount >= MAX_TRIES, 'en-us');
  p.style = ListStyle.suggestedAction;
  p.choiceOptions = { includeNumbers: false };
  p.confirmChoices = ['Yes', 'No'];
  return p;
}

export function choicePrompt(id: string = PROMPTS.choice): ChoicePrompt {
  const p = new ChoicePrompt(id, async (pc) => pc.recognized.succeeded || pc.attemptCount >= MAX_TRIES, 'en-us');
  p.style = ListStyle.suggestedAction;
  return p;
}

/**
 * A free-text prompt whose answer a dialog validates itself: the validator returns an error
 * sentence (re-asked with that reason) or null; after {@link MAX_TRIES} the prompt ends with
 * `undefined` and the dialog says goodbye politely.
 */
export function checkedTextPrompt(id: string, check: (text: string, pc: PromptValidatorContext<string>) => Promise<string | null>): TextPrompt {
  return new TextPrompt(id, async (pc) => {
    const text = (pc.recognized.value ?? '').trim();
    const problem = await check(text, pc);
    if (problem === null) return true;
    if (pc.attemptCount >= MAX_TRIES) {
      pc.recognized.value = undefined as unknown as string;
      return true;
    }
    // The reason first; the prompt then asks again by itself.
    await pc.context.sendActivity(problem);
    return false;
  });
}
