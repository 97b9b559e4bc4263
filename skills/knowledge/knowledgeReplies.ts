import type { KnowledgeTopic } from './knowledgeBase';

/** What the knowledge skill says (the answers themselves are in the knowledge file). */
export const knowledgeReplies = {
  answer: (t: KnowledgeTopic) => (t.link ? `${t.answer}\n\nMore: [${t.link.title}](${t.link.url})` : t.answer),
  offerPerson: 'Shall I get you a person from our team who can look at your case?',
  personLater: 'If you would like a person from our team to look at your case, just say "talk to a person".',
  noPerson: 'Okay. Is there anything else I can help you with?',
  handoffSummary: (t: KnowledgeTopic, said: string) => `${t.title}: the customer asked "${said}" and wants a person (the bot cannot act on it).`,
};
