import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CorpusError, corpusHash, loadCorpus } from '../../training/corpus';

describe('nlu: corpus loading', () => {
  let dir: string;
  const file = async (name: string, content: string) => {
    const p = path.join(dir, name);
    await writeFile(p, content);
    return p;
  };
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'paw-corpus-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const nlpjs = JSON.stringify(
    {
      name: 'Shipping',
      locale: 'en-US',
      data: [
        { intent: 'shipping.track', utterances: ['where is my order', 'track PS-10042'], answers: ['ignored'] },
        { intent: 'None', utterances: ['tell me a joke'] },
      ],
    },
    null,
    2,
  );

  it('reads an NLP.js corpus JSON file, None → none, with file:line sources', async () => {
    const p = await file('shipping.json', nlpjs);
    const examples = await loadCorpus(p);
    assert.deepEqual(
      examples.map((e) => [e.text, e.intent]),
      [
        ['where is my order', 'shipping.track'],
        ['track PS-10042', 'shipping.track'],
        ['tell me a joke', 'none'],
      ],
    );
    assert.equal(examples[0]!.source, `${p}:8`);
  });

  it('reads a TSV and a CSV (quoted commas, doubled quotes, any column order), none/oos → none', async () => {
    const tsv = await file('set.tsv', 'text\tintent\nwhere is my order\tshipping.track\n\nasdf qwer\toos\n');
    const csv = await file('set.csv', 'intent,text,note\r\nshipping.track,"hi, where is ""my"" order",x\r\nNONE,tell me a joke,\r\n');
    assert.deepEqual((await loadCorpus(tsv)).map((e) => [e.text, e.intent, e.source.split(':').at(-1)]), [
      ['where is my order', 'shipping.track', '2'],
      ['asdf qwer', 'none', '4'],
    ]);
    assert.deepEqual((await loadCorpus(csv)).map((e) => [e.text, e.intent]), [
      ['hi, where is "my" order', 'shipping.track'],
      ['tell me a joke', 'none'],
    ]);
  });

  it('reads a directory of NLP.js corpora only (a test.tsv beside them is never training data)', async () => {
    const sub = path.join(dir, 'intents');
    await mkdir(sub);
    await writeFile(path.join(sub, 'b.json'), nlpjs);
    await writeFile(path.join(sub, 'a.json'), JSON.stringify({ locale: 'en', data: [{ intent: 'greeting', utterances: ['hi', 'Where is my  order'] }] }));
    await writeFile(path.join(sub, 'test.tsv'), 'text\tintent\nheld out\tgreeting\n');
    await assert.rejects(loadCorpus(sub), (err: CorpusError) => err.reason.includes('labelled shipping.track here but greeting'));
    const fixed = { locale: 'en', data: [{ intent: 'greeting', utterances: ['hi'] }, { intent: 'shipping.track', utterances: ['WHERE is my order'] }] };
    await writeFile(path.join(sub, 'a.json'), JSON.stringify(fixed));
    const examples = await loadCorpus(sub);
    assert.deepEqual(examples.map((e) => e.text), ['hi', 'WHERE is my order', 'track PS-10042', 'tell me a joke'], 'same text, same intent: kept once');
    assert.ok(!examples.some((e) => e.text === 'held out'));
  });

  const malformed: [name: string, content: string, line: number, reason: RegExp][] = [
    ['syntax.json', '{\n  "data": [\n    { "intent": "greeting", "utterances": ["hi",] }\n  ]\n}', 3, /invalid JSON: unexpected character "\]"/],
    ['unterminated.json', '{\n  "data": [\n    { "intent": "greeting", "utterances": ["hi\n', 3, /unterminated string/],
    ['nodata.json', '{\n  "locale": "en"\n}', 1, /"data" must be an array/],
    ['notstring.json', '{\n  "data": [\n    {\n      "intent": "greeting",\n      "utterances": [\n        "hi",\n        42\n      ]\n    }\n  ]\n}', 7, /utterance 2 of greeting is not a string/],
    ['empty.json', '{ "data": [ { "intent": "greeting",\n "utterances": ["  "] } ] }', 2, /utterance 1 of greeting is empty/],
    ['nointent.json', '{ "data": [\n { "utterances": ["hi"] } ] }', 2, /needs an "intent" string/],
    ['badname.json', '{ "data": [ { "intent": "greet ing", "utterances": ["hi"] } ] }', 1, /invalid intent name "greet ing"/],
    ['header.tsv', 'sentence\tlabel\nhi\tgreeting\n', 1, /header must name the columns "text" and "intent"/],
    ['fields.tsv', 'text\tintent\nhi\tgreeting\nwhere is it\tshipping.track\textra\n', 3, /expected 2 tab-separated fields, found 3/],
    ['emptytext.tsv', 'text\tintent\n \tgreeting\n', 2, /the text is empty/],
    ['noint.csv', 'text,intent\nhi,greeting\nbye,\n', 3, /the intent is empty/],
    ['quote.csv', 'text,intent\nhi,greeting\n"unterminated,greeting\n', 3, /unterminated quoted field/],
    ['stray.csv', 'text,intent\nsay "hi",greeting\n', 2, /quote inside an unquoted field/],
    ['format.yaml', 'text: hi', 0, /unknown corpus format/],
  ];
  for (const [name, content, line, reason] of malformed) {
    it(`rejects ${name}: line ${line}, ${reason.source}`, async () => {
      const p = await file(name, content);
      await assert.rejects(loadCorpus(p), (err: unknown) => {
        assert.ok(err instanceof CorpusError, String(err));
        assert.equal(err.file, p);
        assert.equal(err.line, line, err.message);
        assert.match(err.reason, reason);
        assert.equal(err.status, 422);
        assert.ok(err.message.startsWith(line ? `${p}:${line}: ` : `${p}: `), err.message);
        return true;
      });
    });
  }

  it('rejects a missing path and an empty directory', async () => {
    await assert.rejects(loadCorpus(path.join(dir, 'nope')), /no such file or directory/);
    const empty = await mkdtemp(path.join(dir, 'empty-'));
    await assert.rejects(loadCorpus(empty), /holds no NLP.js corpus/);
  });

  it('hashes content, not order or duplicates', () => {
    const a = [{ text: 'hi', intent: 'greeting' }, { text: 'bye', intent: 'goodbye' }];
    assert.equal(corpusHash(a), corpusHash([a[1]!, a[0]!, a[0]!]));
    assert.notEqual(corpusHash(a), corpusHash([{ text: 'hi', intent: 'goodbye' }, a[1]!]));
  });
});
