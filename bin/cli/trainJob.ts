/**
 * The trainer page's training job (run as a child process so training never stalls the chat):
 * trains a versioned model like `npm run train` and reports on stdout as JSON lines,
 * `{"type":"progress","message":…}` then `{"type":"result","version":…,"dir":…}`.
 *
 *   tsx bin/cli/trainJob.ts --corpus <file|dir> --versions-dir <dir> [--test <file>]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { trainVersion } from '../../training/trainVersion';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, 'versions-dir': { type: 'string' }, test: { type: 'string' }, folds: { type: 'string' } } });
  if (!values.corpus || !values['versions-dir']) throw new Error('usage: trainJob.ts --corpus <file|dir> --versions-dir <dir> [--test <file>]');
  const say = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);
  const trained = await trainVersion({
    corpus: path.resolve(values.corpus),
    versionsDir: path.resolve(values['versions-dir']),
    testSet: values.test ? path.resolve(values.test) : undefined,
    folds: values.folds === undefined ? undefined : Number(values.folds),
    onProgress: (message) => say({ type: 'progress', message }),
  });
  say({ type: 'result', version: trained.version, dir: trained.dir });
}

main().catch((err: unknown) => {
  process.stdout.write(`${JSON.stringify({ type: 'error', message: (err as Error).message ?? String(err) })}\n`);
  process.exitCode = 1;
});
