import type { Skill } from '../../bot/skillKit';
import { KNOWLEDGE_ANSWER_DIALOG, KnowledgeAnswerDialog } from './dialogs/knowledgeAnswerDialog';
import type { KnowledgeBase } from './knowledgeBase';

/** Questions about the shop (hours, shipping, returns, points, autoship), answered from the knowledge file, for anyone. */
export function knowledgeSkill(knowledge: KnowledgeBase): Skill {
  return {
    name: 'knowledge',
    intents: [...knowledge.topics.values()].map((t) => ({ intent: t.intent, dialogId: KNOWLEDGE_ANSWER_DIALOG, needsCustomer: false, title: t.title, readOnly: !t.offerPerson })),
    dialogs: [new KnowledgeAnswerDialog(knowledge)],
  };
}
