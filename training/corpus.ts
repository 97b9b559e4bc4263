import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { NONE_INTENT } from '../nlu/intents';
import { AppError } from '../platform/errors';
import { JsonSyntaxError, parseLocatedJson, type Located } from './locatedJson';

/** One labelled utterance and where it was written. */
export interface CorpusExample {
  text: string;
  /** `'none'` for out of scope (NLP.js's `None`, or `none`/`oos` in CSV/TSV). */
  intent: string;
  /** `file:line`. */
  source: string;
}

/** A corpus file that cannot be used: names the file, the line (1-based; 0 = the whole file) and why. */
export class CorpusError extends AppError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(422, 'invalid_corpus', `${file}${line > 0 ? `:${line}` : ''}: ${reason}`, { extensions: { file, line, reason } });
    this.name = 'CorpusError';
  }
}

const INTENT_NAME = /^[A-Za-z0-9_.-]+$/;
const OUT_OF_SCOPE = new Set(['none', 'oos']);

/**
 * Loads a corpus:
 * - an NLP.js corpus JSON file (`{ "locale": "en-US", "data": [{ "intent", "utterances": [] }] }`),
 * - a directory of them (its `*.json` files only: a held-out `test.tsv` beside them is never training data),
 * - a CSV or TSV file whose header names the columns `text` and `intent`.
 *
 * Same text (ignoring case and spacing) under the same intent is kept once; under two
 * different intents it is an error naming both lines.
 * @throws CorpusError naming the file, line and reason.
 */
export async function loadCorpus(path: string): Promise<CorpusExample[]> {
  const info = await stat(path).catch(() => {
    throw new CorpusError(path, 0, 'no such file or directory');
  });
  if (info.isDirectory()) {
    const files = (await readdir(path)).filter((f) => f.toLowerCase().endsWith('.json')).sort();
    if (files.length === 0) throw new CorpusError(path, 0, 'the directory holds no NLP.js corpus (*.json) files');
    const all: CorpusExample[] = [];
    for (const f of files) all.push(...(await loadCorpusFile(join(path, f))));
    return dedupe(all);
  }
  return dedupe(await loadCorpusFile(path));
}

async function loadCorpusFile(file: string): Promise<CorpusExample[]> {
  const content = await readFile(file, 'utf8');
  switch (extname(file).toLowerCase()) {
    case '.json':
      return parseNlpjsCorpus(content, file);
    case '.csv':
      return parseDelimitedCorpus(content, file, ',');
    case '.tsv':
    case '.txt':
      return parseDelimitedCorpus(content, file, '\t');
    default:
      throw new CorpusError(file, 0, 'unknown corpus format: use .json (NLP.js corpus), .csv or .tsv');
  }
}

/** Parses an NLP.js corpus JSON document. */
export function parseNlpjsCorpus(content: string, file: string): CorpusExample[] {
  let root: Located;
  try {
    root = parseLocatedJson(content);
  } catch (err) {
    if (err instanceof JsonSyntaxError) throw new CorpusError(file, err.line, `invalid JSON: ${err.message} (column ${err.column})`);
    throw err;
  }
  if (root.kind !== 'object') throw new CorpusError(file, root.line, 'an NLP.js corpus must be a JSON object with a "data" array');
  const data = root.entries.get('data');
  if (!data || data.kind !== 'array') throw new CorpusError(file, data?.line ?? root.line, '"data" must be an array of { "intent", "utterances" }');
  const out: CorpusExample[] = [];
  data.items.forEach((item, n) => {
    if (item.kind !== 'object') throw new CorpusError(file, item.line, `data[${n}] must be an object with "intent" and "utterances"`);
    const intentNode = item.entries.get('intent');
    if (!intentNode || intentNode.kind !== 'string') throw new CorpusError(file, intentNode?.line ?? item.line, `data[${n}] needs an "intent" string`);
    const intent = intentName(intentNode.value, file, intentNode.line);
    const utterances = item.entries.get('utterances');
    if (!utterances || utterances.kind !== 'array') throw new CorpusError(file, utterances?.line ?? item.line, `"utterances" of ${intentNode.value} must be an array of strings`);
    utterances.items.forEach((u, k) => {
      if (u.kind !== 'string') throw new CorpusError(file, u.line, `utterance ${k + 1} of ${intentNode.value} is not a string`);
      const text = u.value.trim();
      if (!text) throw new CorpusError(file, u.line, `utterance ${k + 1} of ${intentNode.value} is empty`);
      out.push({ text, intent, source: `${file}:${u.line}` });
    });
  });
  return out;
}

/** Parses CSV (RFC 4180 quoting) or TSV (no quoting) with a header naming `text` and `intent`. */
export function parseDelimitedCorpus(content: string, file: string, delimiter: ',' | '\t'): CorpusExample[] {
  const records = delimiter === ',' ? csvRecords(content, file) : tsvRecords(content);
  const header = records.shift();
  if (!header) throw new CorpusError(file, 1, 'empty file: expected a header naming the columns text and intent');
  const names = header.fields.map((h) => h.trim().toLowerCase());
  const textCol = names.indexOf('text');
  const intentCol = names.indexOf('intent');
  if (textCol < 0 || intentCol < 0) {
    throw new CorpusError(file, header.line, `the header must name the columns "text" and "intent" (found: ${header.fields.map((h) => JSON.stringify(h)).join(', ')})`);
  }
  const out: CorpusExample[] = [];
  for (const r of records) {
    if (r.fields.length !== header.fields.length) {
      throw new CorpusError(file, r.line, `expected ${header.fields.length} ${delimiter === ',' ? 'comma' : 'tab'}-separated fields, found ${r.fields.length}`);
    }
    const text = r.fields[textCol]!.trim();
    if (!text) throw new CorpusError(file, r.line, 'the text is empty');
    const rawIntent = r.fields[intentCol]!.trim();
    if (!rawIntent) throw new CorpusError(file, r.line, 'the intent is empty');
    out.push({ text, intent: intentName(rawIntent, file, r.line), source: `${file}:${r.line}` });
  }
  return out;
}

/** sha256 of the corpus content, independent of file order and duplicates. */
export function corpusHash(examples: readonly Pick<CorpusExample, 'text' | 'intent'>[]): string {
  const lines = [...new Set(examples.map((e) => `${e.intent}\t${e.text}`))].sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

function intentName(raw: string, file: string, line: number): string {
  const name = raw.trim();
  if (OUT_OF_SCOPE.has(name.toLowerCase())) return NONE_INTENT;
  if (!INTENT_NAME.test(name)) throw new CorpusError(file, line, `invalid intent name ${JSON.stringify(raw)} (letters, digits, ".", "_" and "-" only)`);
  return name;
}

const key = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

function dedupe(examples: CorpusExample[]): CorpusExample[] {
  const seen = new Map<string, CorpusExample>();
  const out: CorpusExample[] = [];
  for (const e of examples) {
    const k = key(e.text);
    const first = seen.get(k);
    if (!first) {
      seen.set(k, e);
      out.push(e);
    } else if (first.intent !== e.intent) {
      const [file, line] = splitSource(e.source);
      throw new CorpusError(file, line, `"${e.text}" is labelled ${e.intent} here but ${first.intent} at ${first.source}`);
    }
  }
  return out;
}

function splitSource(source: string): [string, number] {
  const i = source.lastIndexOf(':');
  return [source.slice(0, i), Number(source.slice(i + 1))];
}

interface RawRecord {
  line: number;
  fields: string[];
}

function tsvRecords(content: string): RawRecord[] {
  const out: RawRecord[] = [];
  content
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((text, i) => {
      if (text.trim()) out.push({ line: i + 1, fields: text.split('\t') });
    });
  return out;
}

function csvRecords(content: string, file: string): RawRecord[] {
  const text = content.replace(/^\uFEFF/, '');
  const out: RawRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let blank = true;
    for (;;) {
      if (text[i] === '"' && field === '') {
        blank = false;
        i += 1;
        for (;;) {
          if (i >= text.length) throw new CorpusError(file, start, 'unterminated quoted field');
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i += 1;
            break;
          }
          if (text[i] === '\n') line += 1;
          field += text[i];
          i += 1;
        }
        if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          throw new CorpusError(file, line, `unexpected ${JSON.stringify(text[i])} after a closing quote`);
        }
      }
      const c = text[i];
      if (c === ',' ) {
        fields.push(field);
        field = '';
        blank = false;
        i += 1;
        continue;
      }
      if (c === undefined || c === '\n' || c === '\r') {
        fields.push(field);
        if (c === '\r') i += 1;
        if (text[i] === '\n') i += 1;
        if (c !== undefined) line += 1;
        break;
      }
      if (c === '"') throw new CorpusError(file, line, 'a quote inside an unquoted field (quote the whole field and double the quote)');
      if (c.trim()) blank = false;
      field += c;
      i += 1;
    }
    if (!(blank && fields.length === 1 && !fields[0]!.trim())) out.push({ line: start, fields });
  }
  return out;
}
