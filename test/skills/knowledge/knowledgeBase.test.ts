import assert from 'node:assert/strict';
import path from 'node:path';
import { ACCOUNT_CHANGING_INTENTS, KNOWLEDGE_INTENTS } from '../../../nlu/intents';
import { loadKnowledgeBase, parseKnowledgeBase } from '../../../skills/knowledge/knowledgeBase';
import { knowledgeReplies } from '../../../skills/knowledge/knowledgeReplies';
import { loadCorpus } from '../../../training/corpus';

const FILE = path.join(__dirname, '../../../intents/knowledge.json');

describe('skills: the knowledge file', () => {
  it('answers exactly the knowledge intents, none of which changes an account', () => {
    const kb = loadKnowledgeBase(FILE);
    assert.deepEqual([...kb.topics.keys()].sort(), [...KNOWLEDGE_INTENTS].sort());
    for (const i of KNOWLEDGE_INTENTS) assert.ok(!(ACCOUNT_CHANGING_INTENTS as readonly string[]).includes(i), i);
    // Returns and refunds depend on the case: the bot offers a person instead of pretending.
    assert.equal(kb.topics.get('knowledge.returns')!.offerPerson, true);
    for (const t of kb.topics.values()) assert.ok(t.utterances.length >= 30, `${t.intent} has ${t.utterances.length} utterances`);
  });

  it('is read by the corpus loader like every other intent file (answers are ignored there)', async () => {
    const corpus = await loadCorpus(FILE);
    assert.deepEqual([...new Set(corpus.map((e) => e.intent))].sort(), [...KNOWLEDGE_INTENTS].sort());
    assert.ok(corpus.some((e) => e.text === "what's your return policy" && e.intent === 'knowledge.returns'));
  });

  it('refuses a broken file naming the file and the field', () => {
    const topic = { intent: 'knowledge.hours', title: 'Hours', answer: 'Open 9 to 5.', utterances: ['when are you open'] };
    assert.throws(() => parseKnowledgeBase({ data: [{ ...topic, answer: '' }] }, 'k.json'), /k\.json: data\.0\.answer/);
    assert.throws(() => parseKnowledgeBase({ data: [{ ...topic, intent: 'hours' }] }, 'k.json'), /data\.0\.intent: must be knowledge\.<topic>/);
    assert.throws(() => parseKnowledgeBase({ data: [topic, topic] }, 'k.json'), /each intent may appear once/);
    assert.throws(() => parseKnowledgeBase({ data: [{ ...topic, link: { title: 'x', url: 'javascript:alert(1)' } }] }, 'k.json'), /data\.0\.link\.url/);
    assert.throws(() => loadKnowledgeBase('/nonexistent/knowledge.json'), /\/nonexistent\/knowledge\.json/);
  });

  it('shows a link under its answer when the topic has one', () => {
    const kb = parseKnowledgeBase({ data: [{ intent: 'knowledge.hours', title: 'Hours', answer: 'Open 9 to 5.', link: { title: 'Contact us', url: 'https://shop.example/contact' }, utterances: [] }] }, 'k.json');
    assert.equal(knowledgeReplies.answer(kb.topics.get('knowledge.hours')!), 'Open 9 to 5.\n\nMore: [Contact us](https://shop.example/contact)');
  });
});
