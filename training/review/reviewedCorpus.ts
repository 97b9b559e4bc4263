import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { NONE_INTENT } from '../../nlu/intents';
import { conflict } from '../../platform/errors';
import { CorpusError, loadCorpus, parseNlpjsCorpus } from '../corpus';

interface NlpjsCorpusFile {
  name: string;
  locale: string;
  data: { intent: string; utterances: string[] }[];
}

const key = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The corpus file trainers grow from the review inbox (`REVIEW_CORPUS_FILE`, NLP.js corpus
 * JSON inside the corpus directory, so the next `npm run train` picks it up). Out of scope is
 * written as NLP.js's `None`. Writes are serialised and atomic (write, then rename).
 *
 * With several instances, the file is on the disk of the instance that handled the request:
 * give them a shared volume, or collect it with `npm run review -- export`.
 */
export class ReviewedCorpus {
  private queue: Promise<unknown> = Promise.resolve();
  readonly file: string;

  /** @param corpusDir the whole corpus, checked for contradictions before anything is added */
  constructor(
    file: string,
    private readonly corpusDir: string,
  ) {
    this.file = resolve(file);
  }

  /**
   * Adds one utterance under `intent` (`none` = out of scope).
   * @returns false when the corpus already had it under that intent
   * @throws AppError 409 when the corpus has it under another intent (it would make training fail)
   */
  add(text: string, intent: string): Promise<boolean> {
    const run = this.queue.then(() => this.addNow(text.trim(), intent));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async addNow(text: string, intent: string): Promise<boolean> {
    const existing = (await loadCorpus(this.corpusDir).catch((err: unknown) => {
      if (err instanceof CorpusError && err.line === 0) return [];
      throw err;
    })).find((e) => key(e.text) === key(text));
    if (existing) {
      if (existing.intent === intent) return false;
      throw conflict(`"${text}" is already in the corpus as ${existing.intent} (${existing.source}); change it there first.`);
    }
    const corpus = await this.read();
    const name = intent === NONE_INTENT ? 'None' : intent;
    let entry = corpus.data.find((d) => d.intent === name);
    if (!entry) {
      entry = { intent: name, utterances: [] };
      corpus.data.push(entry);
      corpus.data.sort((a, b) => a.intent.localeCompare(b.intent));
    }
    entry.utterances.push(text);
    const content = `${JSON.stringify(corpus, null, 2)}\n`;
    // Refuse to write what the loader would reject.
    parseNlpjsCorpus(content, this.file);
    await mkdir(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, content);
    await rename(tmp, this.file);
    return true;
  }

  /** The file's content (an empty corpus when it does not exist yet). */
  async read(): Promise<NlpjsCorpusFile> {
    try {
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as NlpjsCorpusFile;
      return { name: parsed.name ?? 'Reviewed by trainers', locale: parsed.locale ?? 'en-US', data: parsed.data ?? [] };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { name: 'Reviewed by trainers', locale: 'en-US', data: [] };
      throw err;
    }
  }
}
