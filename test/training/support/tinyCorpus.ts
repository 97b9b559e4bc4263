import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A small corpus with well-separated intents: trains in well under a second. */
export const TINY: Record<string, string[]> = {
  greeting: ['hello there', 'hi', 'good morning', 'hey you', 'hello friend', 'hi there bot', 'greetings', 'good evening'],
  thanks: ['thank you', 'thanks a lot', 'many thanks', 'cheers mate', 'thanks so much', 'much appreciated', 'thank you kindly', 'ta very much'],
  goodbye: ['bye', 'goodbye', 'see you later', 'farewell', 'bye bye', 'catch you later', 'so long friend', 'talk to you later'],
  None: ['what is the weather', 'tell me a joke', 'who won the game', 'how tall is everest', 'play some music', 'what time is it in tokyo', 'recipe for pancakes', 'solve this equation'],
};

/** A temporary directory holding `tiny.json` (NLP.js corpus), plus `extra` utterances per intent, less the intents `without`. */
export function tinyCorpusDir(extra: Record<string, string[]> = {}, without: string[] = []): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'paw-tiny-corpus-'));
  const data = Object.entries(TINY).filter(([intent]) => !without.includes(intent)).map(([intent, utterances]) => ({ intent, utterances: [...utterances, ...(extra[intent] ?? [])] }));
  for (const [intent, utterances] of Object.entries(extra)) if (!TINY[intent]) data.push({ intent, utterances });
  writeFileSync(path.join(dir, 'tiny.json'), JSON.stringify({ name: 'tiny', locale: 'en-US', data }, null, 2));
  return dir;
}

/** A test set TSV in a temporary directory. */
export function tinyTestSet(rows: [string, string][]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'paw-tiny-test-'));
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'test.tsv');
  writeFileSync(file, `text\tintent\n${rows.map(([t, i]) => `${t}\t${i}`).join('\n')}\n`);
  return file;
}

/** The training utterances as test rows (a model trained on them predicts them exactly). */
export const TINY_ROWS: [string, string][] = Object.entries(TINY).flatMap(([intent, us]) => us.slice(0, 3).map((u) => [u, intent === 'None' ? 'none' : intent] as [string, string]));
