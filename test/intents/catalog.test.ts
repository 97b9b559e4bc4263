import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { replies } from '../../bot/replies';
import { INTENT_VALUE_KEY } from '../../bot/turn/suggestions';
import { CUSTOMER_MENU, INTENT_CATALOG, NONE_INTENT, VISITOR_MENU } from '../../intents/catalog';
import { loadCorpus, type CorpusExample } from '../../training/corpus';
import { startBotHarness } from '../support/botHarness';
import { startTestSandbox, type TestSandbox } from '../support/sandboxServer';

const INTENTS_DIR = path.join(__dirname, '../../intents');

describe('intent catalog: one row per intent', function () {
  this.timeout(120_000);
  let corpus: CorpusExample[];
  before(async () => {
    corpus = (await Promise.all(readdirSync(INTENTS_DIR).filter((f) => f.endsWith('.json')).map((f) => loadCorpus(path.join(INTENTS_DIR, f))))).flat();
  });

  it('names each intent once, and every corpus intent but none is in it', () => {
    const names = INTENT_CATALOG.map((r) => r.intent);
    assert.equal(new Set(names).size, names.length);
    const inCorpus = new Set(corpus.map((e) => e.intent));
    assert.deepEqual([...inCorpus].filter((i) => i !== NONE_INTENT && !(names as string[]).includes(i)), []);
  });

  it('every catalog intent has corpus examples to learn from', () => {
    for (const { intent } of INTENT_CATALOG) assert.ok(corpus.filter((e) => e.intent === intent).length >= 10, `${intent} has fewer than 10 corpus examples`);
  });

  it('every title a button shows is set, and the menus offer catalog intents', () => {
    for (const r of INTENT_CATALOG) if (r.kind !== 'knowledge') assert.ok('title' in r && r.title, `${r.intent} has no button title`);
    const names: string[] = INTENT_CATALOG.map((r) => r.intent);
    for (const i of [...CUSTOMER_MENU, ...VISITOR_MENU]) assert.ok(names.includes(i), i);
  });

  describe('every catalog intent is served (a skill dialog or a built-in answer)', () => {
    let sandbox: TestSandbox;
    before(async () => {
      sandbox = await startTestSandbox();
    });
    after(() => sandbox.close());

    for (const { intent } of INTENT_CATALOG) {
      it(intent, async () => {
        const h = await startBotHarness({ customerId: 'cus-ava', name: 'Ava Thompson', sandbox });
        try {
          // A click on the intent's button skips the classifier: the reply is what serves the intent.
          const r = await h.send('this one', { value: { [INTENT_VALUE_KEY]: intent } });
          assert.ok(r.text.length > 0 || r.events.length > 0, `${intent}: no reply`);
          assert.ok(!r.text.startsWith(replies.fallback), `${intent}: answered with the fallback`);
        } finally {
          await h.close();
        }
      });
    }
  });
});
