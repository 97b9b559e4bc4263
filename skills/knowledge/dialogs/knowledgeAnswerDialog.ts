import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { confirmPrompt, conversationData, initiateHandoff, PROMPTS, say, type SkillDialogOptions, vals } from '../../../bot/skillKit';
import { maskText } from '../../../platform/mask';
import type { KnowledgeBase, KnowledgeTopic } from '../knowledgeBase';
import { knowledgeReplies } from '../knowledgeReplies';

export const KNOWLEDGE_ANSWER_DIALOG = 'knowledge.answer';

/**
 * Answers a question about the shop from the knowledge file. Where the answer depends on the
 * case and the bot cannot act (returns, refunds), it then asks whether to get a person: yes
 * hands off with the question, no ends politely. As a side question inside another flow, the
 * person is offered in words instead (the flow's question comes next).
 */
export class KnowledgeAnswerDialog extends ComponentDialog {
  constructor(knowledge: KnowledgeBase) {
    super(KNOWLEDGE_ANSWER_DIALOG);
    this.initialDialogId = `${this.id}.steps`;
    this.addDialog(confirmPrompt());
    const topic = (step: WaterfallStepContext) => knowledge.topics.get(vals(step).intent as string) as KnowledgeTopic;
    this.addDialog(
      new WaterfallDialog(`${this.id}.steps`, [
        async (step: WaterfallStepContext) => {
          const { recognition, aside } = step.options as SkillDialogOptions;
          const t = knowledge.topics.get(recognition.intent);
          if (!t) return step.endDialog();
          vals(step).intent = t.intent;
          vals(step).said = maskText(recognition.text).slice(0, 120);
          conversationData(step.context).shown.push(`Answered: ${t.title}`);
          if (!t.offerPerson) {
            await say(step.context, knowledgeReplies.answer(t), t.suggestions);
            return step.endDialog();
          }
          // A side question mid-flow: the offer is made in words, the customer's next yes stays the flow's.
          if (aside) {
            await say(step.context, `${knowledgeReplies.answer(t)}\n\n${knowledgeReplies.personLater}`);
            return step.endDialog();
          }
          await say(step.context, knowledgeReplies.answer(t));
          return step.prompt(PROMPTS.confirm, { prompt: knowledgeReplies.offerPerson });
        },
        async (step: WaterfallStepContext) => {
          if (step.result !== true) {
            await say(step.context, knowledgeReplies.noPerson);
            return step.endDialog();
          }
          await initiateHandoff(step.context, 'asked_for_agent', knowledgeReplies.handoffSummary(topic(step), vals(step).said as string));
          return step.endDialog();
        },
      ]),
    );
  }
}
