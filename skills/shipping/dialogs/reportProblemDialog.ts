import { vals } from '../../../bot/dialogs/stepValues';
import { ComponentDialog, TextPrompt, WaterfallDialog, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Order } from '../../../contracts/shipping';
import { choicePrompt, PROMPTS } from '../../../bot/dialogs/prompts';
import type { SkillDialogOptions } from '../../../bot/dialogs/skill';
import { initiateHandoff } from '../../../bot/handoff/initiateHandoff';
import { say, typing } from '../../../bot/turn/say';
import { conversationData, customerOf } from '../../../bot/turn/turnMemory';
import { maskText } from '../../../platform/mask';
import { handleApiError } from '../../shared/handleApiError';
import type { SkillServices } from '../../shared/skillServices';
import { slots } from '../../shared/slots';
import { PROBLEMS, shippingReplies } from '../shippingReplies';

export const REPORT_PROBLEM_DIALOG = 'shipping.problem';
const ORDER_CHOICE = `${REPORT_PROBLEM_DIALOG}.order`;
const DETAILS = `${REPORT_PROBLEM_DIALOG}.details`;

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
    this.addDialog(new TextPrompt(DETAILS));
    this.addDialog(
      new WaterfallDialog(`${REPORT_PROBLEM_DIALOG}.steps`, [
        async (step: WaterfallStepContext) => {
          const { recognition } = step.options as SkillDialogOptions;
          const customerId = customerOf(step.context).customerId!;
          const named = slots.orderNumber(recognition);
          await typing(step.context);
          try {
            if (named) {
              const t = await services.shipping.tracking(customerId, named);
              vals(step).orderId = t.orderId;
              return step.next();
            }
            const orders = await services.shipping.listOrders(customerId, { limit: 5 });
            if (orders.length === 0) {
              await say(step.context, shippingReplies.noOrders);
              return step.endDialog();
            }
            vals(step).orders = orders;
            return step.prompt(ORDER_CHOICE, { prompt: shippingReplies.whichOrder, choices: orders.map((o) => `${o.id} (${o.status.replace(/_/g, ' ')})`) });
          } catch (e) {
            return handleApiError(step, e, { action: 'look up your orders', write: false, refusals: { not_found: shippingReplies.notYours(named ?? '') } });
          }
        },
        async (step: WaterfallStepContext) => {
          if (!vals(step).orderId) {
            const pick = step.result as FoundChoice | undefined;
            const order = pick && (vals(step).orders as Order[])[pick.index];
            if (!order) {
              await say(step.context, shippingReplies.gaveUp);
              return step.endDialog();
            }
            vals(step).orderId = order.id;
          }
          conversationData(step.context).slots.orderId = vals(step).orderId;
          return step.prompt(PROMPTS.choice, { prompt: shippingReplies.askProblem, choices: PROBLEMS.map((p) => p.title) });
        },
        async (step: WaterfallStepContext) => {
          const pick = step.result as FoundChoice | undefined;
          vals(step).problem = PROBLEMS[pick?.index ?? PROBLEMS.length - 1]!.summary;
          conversationData(step.context).slots.problem = vals(step).problem;
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
