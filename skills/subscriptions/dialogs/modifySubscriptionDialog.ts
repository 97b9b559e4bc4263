import { vals } from '../../../bot/dialogs/stepValues';
import { ComponentDialog, WaterfallDialog, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ModifySubscriptionRequest } from '../../../contracts/subscriptions';
import type { Recognition } from '../../../bot/nlu/recognizer';
import { checkedTextPrompt, choicePrompt, confirmPrompt, PROMPTS } from '../../../bot/dialogs/prompts';
import type { SkillDialogOptions } from '../../../bot/dialogs/skill';
import { say } from '../../../bot/turn/say';
import { conversationData, customerOf } from '../../../bot/turn/turnMemory';
import { isoDay } from '../../../platform/dates';
import { formatDay } from '../../shared/format';
import type { SkillServices } from '../../shared/skillServices';
import { slots } from '../../shared/slots';
import { readDate } from '../pauseRequest';
import { subscriptionsReplies } from '../subscriptionsReplies';
import { applyIfConfirmed, askToConfirm } from './applySubscriptionChange';
import { chooseSubscriptionSteps, chosen } from './chooseSubscription';

export const MODIFY_SUBSCRIPTION_DIALOG = 'subscription.modify';

type Field = 'frequencyWeeks' | 'quantity' | 'nextDeliveryDate';
const FIELDS: { field: Field; title: string }[] = [
  { field: 'frequencyWeeks', title: 'How often' },
  { field: 'quantity', title: 'How many' },
  { field: 'nextDeliveryDate', title: 'Next delivery date' },
];
const ASK: Record<Field, string> = {
  frequencyWeeks: subscriptionsReplies.askFrequency,
  quantity: subscriptionsReplies.askQuantity,
  nextDeliveryDate: subscriptionsReplies.askDate,
};
const promptId = (f: Field) => `${MODIFY_SUBSCRIPTION_DIALOG}.${f}`;

type Reading = { ok: true; value: number | string } | { ok: false; problem: string } | undefined;

/** Reads one field's new value from what the customer said. */
function readField(field: Field, r: Pick<Recognition, 'entities' | 'text'>, today: string): Reading {
  switch (field) {
    case 'frequencyWeeks': {
      const w = slots.frequencyWeeks(r) ?? (/^\s*\d+\s*(weeks?)?\s*$/i.test(r.text) ? slots.quantity(r) : undefined);
      if (w === undefined) return undefined;
      return Number.isInteger(w) && w >= 1 && w <= 26 ? { ok: true, value: w } : { ok: false, problem: subscriptionsReplies.badFrequency };
    }
    case 'quantity': {
      const q = slots.quantity(r);
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
    this.addDialog(confirmPrompt());
    this.addDialog(choicePrompt());
    for (const { field } of FIELDS) {
      this.addDialog(
        checkedTextPrompt(promptId(field), async (text) => {
          const r = readField(field, await services.recognizer.recognize(text), today());
          if (r === undefined) return field === 'nextDeliveryDate' ? subscriptionsReplies.badDate : field === 'quantity' ? subscriptionsReplies.badQuantity : subscriptionsReplies.badFrequency;
          return r.ok ? null : r.problem;
        }),
      );
    }
    this.addDialog(
      new WaterfallDialog(`${MODIFY_SUBSCRIPTION_DIALOG}.steps`, [
        ...chooseSubscriptionSteps(services, 'modify'),
        async (step: WaterfallStepContext) => {
          const { recognition } = step.options as SkillDialogOptions;
          const changes: ModifySubscriptionRequest = {};
          const problems: string[] = [];
          for (const { field } of FIELDS) {
            const r = readField(field, { entities: recognition.entities, text: '' }, today());
            if (r?.ok) Object.assign(changes, { [field]: r.value });
            else if (r) problems.push(r.problem);
          }
          vals(step).changes = changes;
          for (const p of problems) await say(step.context, p);
          if (Object.keys(changes).length > 0) return step.next();
          return step.prompt(PROMPTS.choice, { prompt: subscriptionsReplies.askChange, choices: FIELDS.map((f) => f.title) });
        },
        async (step: WaterfallStepContext) => {
          if (Object.keys(vals(step).changes).length > 0) return step.next();
          const pick = step.result as FoundChoice | undefined;
          if (!pick) {
            await say(step.context, subscriptionsReplies.gaveUp);
            return step.endDialog();
          }
          vals(step).field = FIELDS[pick.index]!.field;
          return step.prompt(promptId(vals(step).field as Field), { prompt: ASK[vals(step).field as Field] });
        },
        async (step: WaterfallStepContext) => {
          const changes = vals(step).changes as ModifySubscriptionRequest;
          if (Object.keys(changes).length === 0) {
            const field = vals(step).field as Field;
            if (typeof step.result !== 'string') {
              await say(step.context, subscriptionsReplies.gaveUp);
              return step.endDialog();
            }
            const r = readField(field, await services.recognizer.recognize(step.result), today());
            if (!r?.ok) {
              await say(step.context, subscriptionsReplies.gaveUp);
              return step.endDialog();
            }
            Object.assign(changes, { [field]: r.value });
          }
          conversationData(step.context).slots.subscriptionChange = { ...changes };
          return askToConfirm(step, subscriptionsReplies.confirmModify(chosen(step), describeChange(changes, today())));
        },
        async (step: WaterfallStepContext) =>
          applyIfConfirmed(step, 'change your subscription', async (opts) =>
            subscriptionsReplies.modified(
              await services.subscriptions.modify(customerOf(step.context).customerId!, chosen(step).id, vals(step).changes as ModifySubscriptionRequest, opts),
              today(),
            ),
          ),
      ]),
    );
  }
}
