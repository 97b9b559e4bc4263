import { type ChoiceAnswer, type ChoiceExtras, type ChoiceOption, choicePrompt, conversationData, customerOf, freeTextPrompt, initiateHandoff, PROMPTS, say, type SkillDialogOptions, typing, vals } from '../../../bot/skillKit';
import { ComponentDialog, WaterfallDialog, type PromptOptions, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Order, Tracking } from '../../../contracts/shipping';
import { isoDay } from '../../../platform/dates';
import { maskText } from '../../../platform/mask';
import { handleApiError } from '../../shared/handleApiError';
import type { SkillServices } from '../../shared/skillServices';
import { PROBLEMS, shippingReplies } from '../shippingReplies';
import { findOrders } from './findOrders';

export const REPORT_PROBLEM_DIALOG = 'shipping.problem';
const ORDER_CHOICE = `${REPORT_PROBLEM_DIALOG}.order`;
const DETAILS = `${REPORT_PROBLEM_DIALOG}.details`;

/** Words customers use for each problem kind of {@link PROBLEMS} ("the box was crushed" → Damaged). */
const PROBLEM_WORDS: readonly string[][] = [
  ['never came', 'never got', 'not arrived', "hasn't arrived", 'lost', 'never showed', 'still waiting', 'not here yet'],
  ['says delivered', 'marked delivered', 'shows delivered', 'delivered but', 'not here', 'stolen', 'nowhere'],
  ['damaged', 'broken', 'crushed', 'smashed', 'torn', 'leaking', 'ripped', 'wet', 'dented', 'open'],
  ['wrong', 'wrong item', 'wrong product', 'wrong size', 'wrong flavor', 'not what i ordered', 'different item', 'someone else', 'incorrect', 'mixed up'],
  ['missing', 'only got', 'not all', 'short', 'forgot', 'left out', 'incomplete'],
  ['other', 'else'],
];
const problemOptions: ChoiceOption[] = PROBLEMS.map((p, i) => ({ title: p.title, synonyms: [...PROBLEM_WORDS[i]!] }));
/**
 * The problem a request already names ("my fish flakes order arrived damaged"): only a whole
 * phrase of the customer's own words counts ("the order that arrived" is not "It never
 * arrived", "ordered" is not "not what i ordered"); none when it names none, or several
 * equally.
 */
// Words that answer "what went wrong?" but, in a first message, say nothing yet ("something is wrong with my order").
const GENERIC = new Set(['wrong', 'open', 'short', 'not here', 'forgot']);
function namedProblem(text: string): number | undefined {
  const t = ` ${text.toLowerCase().replace(/[’‘]/g, "'").replace(/[^a-z']+/g, ' ')} `;
  // The longest phrase wins: "not here yet" is "It never arrived", not "Says delivered, not here".
  const longest = PROBLEM_WORDS.slice(0, -1).map((phrases) => Math.max(0, ...phrases.filter((p) => !GENERIC.has(p) && t.includes(` ${p} `)).map((p) => p.length)));
  const best = Math.max(...longest);
  const hits = longest.flatMap((n, i) => (n === best && n > 0 ? [i] : []));
  return hits.length === 1 ? hits[0] : undefined;
}

/** A first message this long that names the problem and asks for someone has said all a person needs: it is the description. */
const TOLD_WORDS = 10;
const WANTS_SOMEONE = /\b(?:someone|somebody|a person|a human|an agent|real person|talk to|speak to|sort (?:this|it) out|fix (?:this|it))\b/i;

/** What the carrier last said comes first: "returned to sender, address not found" may be the whole answer. */
async function showStatus(step: WaterfallStepContext, t: Tracking, today: string): Promise<void> {
  vals(step).shown = true;
  await say(step.context, shippingReplies.tracking(t, today));
}

/**
 * Lost, damaged, wrong or missing items, "delivered but not here": collect the order and what
 * went wrong, then hand off to a person (shipping problems go first in the queue).
 */
export class ReportProblemDialog extends ComponentDialog {
  constructor(services: SkillServices) {
    super(REPORT_PROBLEM_DIALOG);
    this.initialDialogId = `${this.id}.steps`;
    this.addDialog(choicePrompt());
    this.addDialog(choicePrompt(ORDER_CHOICE));
    this.addDialog(freeTextPrompt(DETAILS));
    this.addDialog(
      new WaterfallDialog(`${REPORT_PROBLEM_DIALOG}.steps`, [
        async (step: WaterfallStepContext) => {
          const { recognition } = step.options as SkillDialogOptions;
          const customerId = customerOf(step.context).customerId!;
          await typing(step.context);
          // "my fish flakes order arrived damaged" already says what went wrong: not asked again.
          vals(step).problemIndex = namedProblem(recognition.text);
          let named: string | undefined;
          try {
            const target = await findOrders(services, customerId, recognition, isoDay(services.now()));
            if (target.kind === 'number') {
              named = target.orderId;
              const t = await services.shipping.tracking(customerId, target.orderId);
              vals(step).orderId = t.orderId;
              await showStatus(step, t, isoDay(services.now()));
              return step.next();
            }
            if (target.kind === 'one') {
              vals(step).orderId = target.order.id;
              return step.next();
            }
            if (target.orders.length === 0) {
              await say(step.context, shippingReplies.noOrders);
              return step.endDialog();
            }
            const orders = target.kind === 'several' ? target.matches : target.orders.slice(0, 5);
            if (target.kind === 'unmatched') await say(step.context, shippingReplies.noneMatch(recognition.text.trim().slice(0, 80)));
            vals(step).orders = orders;
            return step.prompt(ORDER_CHOICE, {
              prompt: shippingReplies.whichOrder,
              choices: orders.map((o) => ({ value: `${o.id} (${o.status.replace(/_/g, ' ')})`, synonyms: o.items.map((i) => i.name.split(',')[0]!) })),
            });
          } catch (e) {
            return handleApiError(step, e, { action: 'look up your orders', write: false, refusals: { not_found: shippingReplies.notYours(named ?? '') } });
          }
        },
        async (step: WaterfallStepContext) => {
          if (!vals(step).orderId) {
            const pick = step.result as ChoiceAnswer | undefined;
            const order = pick && (vals(step).orders as Order[])[pick.index];
            if (!order) {
              await say(step.context, shippingReplies.gaveUp);
              return step.endDialog();
            }
            vals(step).orderId = order.id;
          }
          conversationData(step.context).slots.orderId = vals(step).orderId;
          if (!vals(step).shown) {
            try {
              await showStatus(step, await services.shipping.tracking(customerOf(step.context).customerId!, vals(step).orderId as string), isoDay(services.now()));
            } catch (e) {
              return handleApiError(step, e, { action: 'look up that order', write: false });
            }
          }
          const known = vals(step).problemIndex as number | undefined;
          if (known !== undefined) {
            // "… says it got damaged?? i want someone to sort this out": the story is told and a person wanted; nothing more to ask.
            const { recognition } = step.options as SkillDialogOptions;
            const told = recognition.text.split(/\s+/).length >= TOLD_WORDS && WANTS_SOMEONE.test(recognition.text) ? recognition.text : PROBLEMS[known]!.title;
            return step.next({ index: known, value: PROBLEMS[known]!.title, text: told, score: 1 } satisfies ChoiceAnswer);
          }
          return step.prompt(PROMPTS.choice, {
            prompt: shippingReplies.askProblem,
            choices: problemOptions.map((o) => ({ value: o.title, synonyms: o.synonyms })),
            otherwise: PROBLEMS.length - 1,
          } as PromptOptions & ChoiceExtras);
        },
        async (step: WaterfallStepContext) => {
          const pick = step.result as ChoiceAnswer | undefined;
          if (!pick) {
            await say(step.context, shippingReplies.gaveUp);
            return step.endDialog();
          }
          vals(step).problem = PROBLEMS[pick.index]!.summary;
          conversationData(step.context).slots.problem = vals(step).problem;
          // "the box was crushed and the food spilled" already describes it: not asked again.
          if (pick.text.split(/\s+/).length >= 4 && pick.text !== pick.value) return step.next(pick.text);
          return step.prompt(DETAILS, { prompt: shippingReplies.askDetails });
        },
        async (step: WaterfallStepContext) => {
          const details = maskText(String(step.result ?? '')).slice(0, 300);
          const data = conversationData(step.context);
          data.slots.problemDetails = details;
          await say(step.context, shippingReplies.problemNoted(vals(step).orderId as string, vals(step).problem as string));
          await initiateHandoff(step.context, 'shipping_problem', `Shipping problem: ${vals(step).orderId}, ${vals(step).problem}: "${details.slice(0, 80)}"`);
          return step.endDialog();
        },
      ]),
    );
  }
}
