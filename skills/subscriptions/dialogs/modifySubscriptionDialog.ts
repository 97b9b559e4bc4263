import { checkedTextPrompt, type ChoiceAnswer, type ChoiceExtras, choicePrompt, conversationData, customerOf, PROMPTS, say, type SkillDialogOptions, vals } from '../../../bot/skillKit';
import { ComponentDialog, WaterfallDialog, type PromptOptions, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ModifySubscriptionRequest } from '../../../contracts/subscriptions';
import type { Recognition } from '../../../nlu/recognizer';
import { isoDay } from '../../../platform/dates';
import { formatDay } from '../../shared/format';
import type { SkillServices } from '../../shared/skillServices';
import { slots } from '../../shared/slots';
import { countedQuantity } from '../../shared/statedEntities';
import { readDate } from '../pauseRequest';
import { subscriptionsReplies } from '../subscriptionsReplies';
import { applyIfConfirmed, askToConfirm, changeConfirmPrompt } from './applySubscriptionChange';
import { chooseSubscriptionSteps } from './chooseSubscription';

export const MODIFY_SUBSCRIPTION_DIALOG = 'subscription.modify';

type Field = 'frequencyWeeks' | 'quantity' | 'nextDeliveryDate';
const FIELDS: { field: Field; title: string; synonyms: string[] }[] = [
  { field: 'frequencyWeeks', title: 'How often', synonyms: ['frequency', 'often', 'every', 'weeks', 'interval', 'schedule'] },
  { field: 'quantity', title: 'How many', synonyms: ['quantity', 'amount', 'number', 'bags', 'more', 'fewer', 'less', 'count'] },
  { field: 'nextDeliveryDate', title: 'Next delivery date', synonyms: ['date', 'day', 'when', 'reschedule', 'delivery date', 'move'] },
];
const ASK: Record<Field, string> = {
  frequencyWeeks: subscriptionsReplies.askFrequency,
  quantity: subscriptionsReplies.askQuantity,
  nextDeliveryDate: subscriptionsReplies.askDate,
};
const promptId = (f: Field) => `${MODIFY_SUBSCRIPTION_DIALOG}.${f}`;

type Reading = { ok: true; value: number | string } | { ok: false; problem: string } | undefined;

/**
 * Reads one field's new value from what the customer said. `answer`: the message answers the
 * question about this field, so a bare number is its value; in any other message a count needs
 * what is counted ("2 bags") and a bare number is ambiguous (see {@link bareNumber}).
 */
function readField(field: Field, r: Pick<Recognition, 'entities' | 'text'>, today: string, answer: boolean): Reading {
  switch (field) {
    case 'frequencyWeeks': {
      const days = slots.durationDays(r);
      const w = slots.frequencyWeeks(r) ?? (days !== undefined && days % 7 === 0 ? days / 7 : undefined) ?? (answer && /^\s*\d+\s*(weeks?)?\s*$/i.test(r.text) ? slots.quantity(r) : undefined);
      if (w === undefined) return undefined;
      return Number.isInteger(w) && w >= 1 && w <= 26 ? { ok: true, value: w } : { ok: false, problem: subscriptionsReplies.badFrequency };
    }
    case 'quantity': {
      const q = answer ? slots.quantity(r) : countedQuantity(r);
      if (q === undefined) return undefined;
      return Number.isInteger(q) && q >= 1 && q <= 20 ? { ok: true, value: q } : { ok: false, problem: subscriptionsReplies.badQuantity };
    }
    case 'nextDeliveryDate': {
      const d = slots.date(r);
      if (d === undefined) return undefined;
      const checked = readDate(d, today, 180, (x) => x);
      return checked.ok ? { ok: true, value: checked.until } : checked;
    }
  }
}

/** Every field a message changes, and the problems of the values it can't use. */
function readChanges(r: Pick<Recognition, 'entities' | 'text'>, today: string): { changes: ModifySubscriptionRequest; problems: string[] } {
  const changes: ModifySubscriptionRequest = {};
  const problems: string[] = [];
  for (const { field } of FIELDS) {
    const x = readField(field, r, today, false);
    if (x?.ok) Object.assign(changes, { [field]: x.value });
    else if (x) problems.push(x.problem);
  }
  return { changes, problems };
}

/** "change it to 3": a number that could be how many or how often; the customer is asked which. */
function bareNumber(r: Pick<Recognition, 'entities' | 'text'>): number | undefined {
  const q = slots.quantity(r);
  return q !== undefined && Number.isInteger(q) && q >= 1 && q <= 20 ? q : undefined;
}

function describeChange(changes: ModifySubscriptionRequest, today: string): string {
  const parts: string[] = [];
  if (changes.frequencyWeeks !== undefined) parts.push(changes.frequencyWeeks === 1 ? 'every week' : `every ${changes.frequencyWeeks} weeks`);
  if (changes.quantity !== undefined) parts.push(`${changes.quantity} per delivery`);
  if (changes.nextDeliveryDate !== undefined) parts.push(`next delivery on ${formatDay(changes.nextDeliveryDate, today)}`);
  return `**${parts.join(', ')}**`;
}

/** Change frequency, quantity or the next delivery date ("send 2 bags every 6 weeks"). */
export class ModifySubscriptionDialog extends ComponentDialog {
  constructor(services: SkillServices) {
    super(MODIFY_SUBSCRIPTION_DIALOG);
    this.initialDialogId = `${this.id}.steps`;
    const today = () => isoDay(services.now());
    this.addDialog(
      changeConfirmPrompt<ModifySubscriptionRequest>(services, 'modify', {
        describe: (s, changes) => subscriptionsReplies.confirmModify(s, describeChange(changes, today())),
        read: (heard, pending) => {
          const { changes, problems } = readChanges(heard, today());
          if (problems.length) return { ok: false, problem: problems[0]! };
          if (Object.keys(changes).length) return { ok: true, value: { ...pending.value, ...changes } };
          // "actually do 4" when only one number is pending: that number is the one corrected.
          const numbers = (['quantity', 'frequencyWeeks'] as const).filter((f) => pending.value[f] !== undefined);
          const n = bareNumber(heard);
          return n !== undefined && numbers.length === 1 && !pending.value.nextDeliveryDate ? { ok: true, value: { ...pending.value, [numbers[0]!]: n } } : undefined;
        },
      }),
    );
    this.addDialog(choicePrompt());
    for (const { field } of FIELDS) {
      this.addDialog(
        checkedTextPrompt(
          promptId(field),
          async (text) => {
            const r = readField(field, await services.recognizer.recognize(text), today(), true);
            if (r === undefined) return field === 'nextDeliveryDate' ? subscriptionsReplies.badDate : field === 'quantity' ? subscriptionsReplies.badQuantity : subscriptionsReplies.badFrequency;
            return r.ok ? null : r.problem;
          },
          field === 'nextDeliveryDate' ? ['date'] : ['quantity', 'frequency', 'duration'],
        ),
      );
    }
    this.addDialog(
      new WaterfallDialog(`${MODIFY_SUBSCRIPTION_DIALOG}.steps`, [
        ...chooseSubscriptionSteps(services, 'modify'),
        async (step: WaterfallStepContext) => {
          const { recognition } = step.options as SkillDialogOptions;
          const { changes, problems } = readChanges(recognition, today());
          vals(step).changes = changes;
          for (const p of problems) await say(step.context, p);
          if (Object.keys(changes).length > 0) return step.next();
          const n = problems.length ? undefined : bareNumber(recognition);
          if (n !== undefined) {
            vals(step).bare = n;
            return step.prompt(PROMPTS.choice, { prompt: subscriptionsReplies.whichNumber(n), choices: [`${n} per delivery`, subscriptionsReplies.every(n)] });
          }
          return step.prompt(PROMPTS.choice, {
            prompt: subscriptionsReplies.askChange,
            choices: FIELDS.map((f) => ({ value: f.title, synonyms: f.synonyms })),
            values: ['quantity', 'frequency', 'duration', 'date'],
          } as PromptOptions & ChoiceExtras);
        },
        async (step: WaterfallStepContext) => {
          if (Object.keys(vals(step).changes).length > 0) return step.next();
          const pick = step.result as ChoiceAnswer | undefined;
          if (!pick) {
            await say(step.context, subscriptionsReplies.gaveUp);
            return step.endDialog();
          }
          if (pick.index === -1) {
            // A value instead of an option: "every 5 weeks" is the change; "3" is asked about.
            const r = await services.recognizer.recognize(pick.text);
            const { changes, problems } = readChanges(r, today());
            if (Object.keys(changes).length > 0) {
              Object.assign(vals(step).changes, changes);
              return step.next();
            }
            const n = problems.length ? undefined : bareNumber(r);
            if (n === undefined) {
              for (const p of problems) await say(step.context, p);
              await say(step.context, subscriptionsReplies.gaveUp);
              return step.endDialog();
            }
            vals(step).bare = n;
            return step.prompt(PROMPTS.choice, { prompt: subscriptionsReplies.whichNumber(n), choices: [`${n} per delivery`, subscriptionsReplies.every(n)] });
          }
          const bare = vals(step).bare as number | undefined;
          vals(step).field = bare !== undefined ? (pick.index === 0 ? 'quantity' : 'frequencyWeeks') : FIELDS[pick.index]!.field;
          const field = vals(step).field as Field;
          // "every 5 weeks" at "what would you like to change?" says the value too: no second question.
          const given = bare !== undefined ? ({ ok: true, value: bare } as const) : readField(field, await services.recognizer.recognize(pick.text), today(), false);
          if (given?.ok) return step.next(bare !== undefined ? String(bare) : pick.text);
          return step.prompt(promptId(field), { prompt: ASK[field] });
        },
        async (step: WaterfallStepContext) => {
          const changes = vals(step).changes as ModifySubscriptionRequest;
          if (Object.keys(changes).length === 0) {
            const answer = step.result as string | ChoiceAnswer | undefined;
            // The answer to "3 per delivery, or every 3 weeks?" asked after a bare number.
            if (typeof answer === 'object' && vals(step).bare !== undefined) vals(step).field = answer.index === 0 ? 'quantity' : 'frequencyWeeks';
            const text = typeof answer === 'object' && vals(step).bare !== undefined ? String(vals(step).bare) : answer;
            const field = vals(step).field as Field;
            if (typeof text !== 'string') {
              await say(step.context, subscriptionsReplies.gaveUp);
              return step.endDialog();
            }
            const r = readField(field, await services.recognizer.recognize(text), today(), true);
            if (!r?.ok) {
              await say(step.context, subscriptionsReplies.gaveUp);
              return step.endDialog();
            }
            Object.assign(changes, { [field]: r.value });
          }
          conversationData(step.context).slots.subscriptionChange = { ...changes };
          return askToConfirm<ModifySubscriptionRequest>(step, changes);
        },
        async (step: WaterfallStepContext) =>
          applyIfConfirmed<ModifySubscriptionRequest>(step, 'change your subscription', async (change, opts) => {
            conversationData(step.context).slots.subscriptionChange = { ...change.value };
            return subscriptionsReplies.modified(await services.subscriptions.modify(customerOf(step.context).customerId!, change.subscription.id, change.value, opts), today());
          }),
      ]),
    );
  }
}
