import type { TurnContext } from 'botbuilder';
import type { Choice, DialogTurnResult, FoundChoice, PromptOptions, WaterfallStepContext } from 'botbuilder-dialogs';
import type { EntityType, Recognition } from '../../nlu/recognizer';
import type { Suggestion } from '../turn/suggestions';
import { promptTurn } from '../turn/promptTurn';
import { conversationData } from '../turn/turnMemory';
import { isBackOut } from './backOut';
import { actionVerbs } from '../routing/negatedRequest';
import { readConsent } from './consent';
import { matchChoice, type ChoiceOption } from './matchChoice';
import { PawPrompt, promptText, type PawPromptState, type PromptReading } from './pawPrompt';

export { MAX_TRIES } from './pawPrompt';

/** Dialog ids of the shared prompts every skill uses. */
export const PROMPTS = { confirm: 'paw.confirm', choice: 'paw.choice', text: 'paw.text' } as const;

const YES_NO: Suggestion[] = [{ title: 'Yes' }, { title: 'No' }];
const isQuestion = (text: string) => /\?\s*$/.test(text) || /^(?:is|are|will|would|can|could|does|do|did|what|when|why|how|which|where|who|should)\b/i.test(text);

function yesNoProblem(text: string): string {
  return isQuestion(text) ? "I can't answer that here, sorry, and nothing has changed yet." : 'I need a clear yes or no here; nothing has changed yet.';
}

// "yes, for 4 weeks": the answer first, then a value that goes with it. Anything else after the
// yes or no ("ok then no", "yes but…") leaves the answer unclear.
const LEADING = /^\s*(yes|yeah|yep|yup|sure|ok|okay|no|nope|nah)\b[\s,.!-]+(?!.*\b(?:but|wait|though|however|meant|no|not|nope|nah|never|don'?t|stop|cancel|yes|ok|okay|sure)\b)(?=[^?]*$)\S/i;

/** A clear yes or no; or one followed only by a value ("yes, for 4 weeks"). */
function leadingConsent(text: string, heard: Recognition | undefined) {
  const lead = LEADING.exec(text)?.[1];
  return lead && heard?.entities.length ? readConsent(lead) : undefined;
}

/**
 * An offer the customer may decline in their own words ("would you rather pause it instead?"):
 * `yesVerbs` take it ("yes pause it"); `noVerbs` ("cancel it", "yes just cancel it") and a
 * reason for what they asked for ("we're moving abroad", one of `reasons`) decline it.
 */
export interface OfferWords {
  yesVerbs?: string[];
  noVerbs?: string[];
  reasons?: ChoiceOption[];
}

/** A yes/no question (the result is `true`, `false`, or `undefined`: gave up); a yes counts as consent. */
class YesNoPrompt extends PawPrompt<boolean> {
  private readonly decline: RegExp | undefined;
  constructor(
    id: string,
    private readonly offer: OfferWords = {},
  ) {
    super(id);
    const verbs = offer.noVerbs?.filter((v) => /^[a-z]+$/.test(v)) ?? [];
    this.decline = verbs.length
      ? new RegExp(String.raw`^(?:(?:yes|yeah|yep|no|nope|nah|just|please|ok|okay|i said|i want to)[\s,.!]*)*(?:${verbs.join('|')})(?:\s+(?:it|that|them|this|the subscription|my subscription))?(?:\s+(?:please|then|now|already))*[\s.!]*$`, 'i')
      : undefined;
  }
  protected async read(context: TurnContext, text: string, heard: Recognition | undefined): Promise<PromptReading<boolean>> {
    const c = readConsent(text, ...(this.offer.yesVerbs ?? [])) ?? leadingConsent(text, heard);
    if (c === 'yes') promptTurn.markConsented(context);
    if (c) return { kind: 'answer', value: c === 'yes' };
    if (this.decline?.test(text.trim())) return { kind: 'answer', value: false };
    if (this.offer.reasons && !isQuestion(text) && matchChoice(text, this.offer.reasons).kind === 'one') return { kind: 'answer', value: false };
    return { kind: 'miss', problem: yesNoProblem(text) };
  }
  protected question(state: PawPromptState) {
    return { text: promptText(state), suggestions: YES_NO };
  }
}

/**
 * Yes/No buttons; only a clear yes or no is an answer ("is that ok for kittens?" is not). An
 * offer may be declined in other words too (see {@link OfferWords}).
 */
export const confirmPrompt = (id: string = PROMPTS.confirm, offer?: OfferWords) => new YesNoPrompt(id, offer);

/** How a confirmed account change is described and corrected. */
export interface ConsentSpec<P> {
  /** The question naming exactly what will happen, with the values read from the customer. */
  describe: (pending: P) => string;
  /**
   * A correction of the pending change in the customer's message ("make that 5 weeks instead",
   * "no, I meant the cat litter"): the new pending change, a problem to say (the old change
   * stays pending), or undefined when the message corrects nothing.
   */
  revise?: (pending: P, heard: Recognition, context: TurnContext) => Promise<{ pending: P } | { problem: string } | undefined>;
}

/** The answer to a consent question: `undefined` when the prompt gave up. */
export type ConsentAnswer<P> = { yes: true; pending: P } | { yes: false } | undefined;

/** Words that make a question a correction ("can you make it 5 weeks instead?"). */
const CHANGE_MARK = /\b(?:instead|make (?:it|that)|change (?:it|that) to|actually|rather|i meant|not \d+)\b/i;

class ConsentPrompt<P> extends PawPrompt<ConsentAnswer<P>> {
  constructor(
    id: string,
    private readonly spec: ConsentSpec<P>,
  ) {
    super(id);
  }
  protected async read(context: TurnContext, text: string, heard: Recognition | undefined, state: PawPromptState): Promise<PromptReading<ConsentAnswer<P>>> {
    const pending = state.options.pending as P;
    const c = readConsent(text, /^[\p{L}]+/u.exec(this.spec.describe(pending))?.[0], ...actionVerbs(conversationData(context).activeIntent));
    if (c === 'yes') {
      promptTurn.markConsented(context);
      return { kind: 'answer', value: { yes: true, pending } };
    }
    if (c === 'no') return { kind: 'answer', value: { yes: false } };
    // "sure but does that mean the one coming in a couple days won't come?" asks; it changes nothing.
    const asks = /\?\s*$/.test(text) && !CHANGE_MARK.test(text);
    if (heard && this.spec.revise && !isBackOut(text) && !asks) {
      const revised = await this.spec.revise(pending, heard, context);
      if (revised && 'pending' in revised) {
        state.options.pending = revised.pending;
        return { kind: 'changed', text: this.spec.describe(revised.pending) };
      }
      if (revised) return { kind: 'miss', problem: revised.problem, meant: true };
    }
    return { kind: 'miss', problem: yesNoProblem(text) };
  }
  protected question(state: PawPromptState) {
    return { text: this.spec.describe(state.options.pending as P), suggestions: YES_NO };
  }
}

/**
 * The confirmation of an account change: only a clear yes applies it; a correction updates the
 * pending change and confirms the new version. Ask with {@link askConsent}.
 */
export const consentPrompt = <P>(id: string, spec: ConsentSpec<P>) => new ConsentPrompt<P>(id, spec);

/** Asks a {@link consentPrompt} to confirm `pending`. */
export const askConsent = <P>(step: WaterfallStepContext, id: string, pending: P): Promise<DialogTurnResult> => step.prompt(id, { pending } as PromptOptions);

/** A choice: `index` and `value` of the option, and what the customer typed. */
export type ChoiceAnswer = FoundChoice & { text: string };

/** Extra knobs of a choice question (in the prompt options). */
export interface ChoiceExtras {
  /** The option taken when an answer fits none, once the customer insisted ("Something else"). */
  otherwise?: number;
  /**
   * Values that answer the question without naming an option ("3", "every 5 weeks" at "what
   * would you like to change?"): such a message ends the prompt with index -1 and its text.
   */
  values?: EntityType[];
}

const optionsOf = (state: PawPromptState): ChoiceOption[] =>
  (state.options.choices ?? []).map((c) => (typeof c === 'string' ? { title: c } : { title: (c as Choice).value, synonyms: (c as Choice).synonyms }));

class PawChoicePrompt extends PawPrompt<ChoiceAnswer> {
  protected async read(context: TurnContext, text: string, heard: Recognition | undefined, state: PawPromptState): Promise<PromptReading<ChoiceAnswer>> {
    const options = optionsOf(state);
    // "I changed my mind" is no reason to pick "Switching products".
    if (isBackOut(text)) return { kind: 'miss', problem: '' };
    // A question is never an answer picked by its words ("why do you need to know?" is not "My pet doesn't need it").
    // ("how often it comes" answers "what would you like to change?": only a real question is one here.)
    const asks = /\?\s*$/.test(text) || /^(?:why|will|would|can|could|should|do|does|did|is|are|am)\b/i.test(text);
    const m = asks && !options.some((o) => o.title.toLowerCase() === text.toLowerCase()) ? { kind: 'none' as const } : matchChoice(text, options);
    const answer = (index: number): PromptReading<ChoiceAnswer> => ({ kind: 'answer', value: { index, value: options[index]?.title ?? text, score: 1, text } });
    const values = (state.options as ChoiceExtras).values;
    if (m.kind === 'none' && values && heard?.entities.some((e) => values.includes(e.type))) return answer(-1);
    if (m.kind === 'one') {
      // "skip the litter instead" while asked which to pause names an option but asks for another
      // task of the same skill: offered to the bot first, taken as the answer only if it is not one.
      const active = conversationData(context).activeIntent;
      const domain = (i: string | undefined) => (i ?? '').split('.')[0];
      const otherTask = heard && active && heard.intent !== active && domain(heard.intent) === domain(active);
      if (otherTask && !promptTurn.insisting(context)) return { kind: 'miss', problem: '' };
      return answer(m.index);
    }
    const otherwise = (state.options as ChoiceExtras).otherwise;
    if (m.kind === 'none' && otherwise !== undefined && promptTurn.insisting(context) && !asks && !isBackOut(text)) return answer(otherwise);
    if (m.kind === 'several') {
      const titles = m.indexes.map((i) => options[i]!.title);
      return { kind: 'miss', meant: true, problem: `That could be ${titles.map((t) => `"${t}"`).join(' or ')}.`, suggestions: titles.map((title) => ({ title })) };
    }
    const list = options.map((o) => o.title).join(', ');
    if (asks) return { kind: 'miss', problem: `I can't answer that here, sorry. Please pick one of: ${list}.` };
    return { kind: 'miss', problem: `I couldn't match "${text.slice(0, 60)}" to one of the options (${list}): tap one, or type its name or its number.` };
  }
  protected question(state: PawPromptState) {
    return { text: promptText(state), suggestions: optionsOf(state).map((o) => ({ title: o.title })) };
  }
}

/**
 * A choice with buttons that also takes typed answers: names, words of an option or its
 * synonyms, numbers and ordinals (see {@link matchChoice}). The result is a {@link ChoiceAnswer}.
 */
export const choicePrompt = (id: string = PROMPTS.choice) => new PawChoicePrompt(id);

/** What a free-text check sees besides the text. */
export interface CheckContext {
  options: PromptOptions;
  context: TurnContext;
}

class CheckedTextPrompt extends PawPrompt<string | undefined> {
  constructor(
    id: string,
    private readonly check: (text: string, pc: CheckContext) => Promise<string | null>,
    private readonly expects: readonly EntityType[],
  ) {
    super(id);
  }
  protected async read(context: TurnContext, text: string, heard: Recognition | undefined, state: PawPromptState): Promise<PromptReading<string | undefined>> {
    if (isBackOut(text)) return { kind: 'miss', problem: '' };
    const problem = await this.check(text, { options: state.options, context });
    if (problem === null) return { kind: 'answer', value: text };
    const meant = (heard?.entities ?? []).some((e) => this.expects.includes(e.type));
    return { kind: 'miss', problem, meant };
  }
  protected question(state: PawPromptState) {
    return { text: promptText(state), suggestions: [] };
  }
}

/**
 * A free-text prompt whose answer a dialog validates itself: the check returns an error sentence
 * (said, then the question again) or null. A message with a value of an `expects` type is always
 * taken as an attempt at an answer; any other unusable message is first offered to the rest of
 * the bot (a side question, a back-out). After {@link MAX_TRIES} the prompt ends with `undefined`.
 */
export const checkedTextPrompt = (id: string, check: (text: string, pc: CheckContext) => Promise<string | null>, expects: readonly EntityType[] = []) =>
  new CheckedTextPrompt(id, check, expects);

/** Any text is an answer, except a back-out ("never mind"). */
export const freeTextPrompt = (id: string = PROMPTS.text) => checkedTextPrompt(id, async () => null);
