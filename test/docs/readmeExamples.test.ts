import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startProduct, type ProductProcess } from '../support/productProcess';

const run = promisify(execFile);
const README = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');

/** The README's shell blocks that call curl, as written. */
const examples = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => /^\s*curl /m.test(b));

/** The JSON keys of a `# → {…}` line under an example, if it has one. */
function expectedKeys(block: string): string[] {
  const line = block.split('\n').find((l) => l.startsWith('# → {'));
  return line ? [...line.matchAll(/"([A-Za-z_]+)":/g)].map((m) => m[1]!).filter((k, i, all) => all.indexOf(k) === i) : [];
}

/**
 * Every curl example of the README, run by bash as written (only the ports changed to the test's
 * free ones) against the product started as `npm start` starts it (NODE_ENV=development, the
 * demo secrets). curl must get a 2xx (`--fail-with-body`), and the output must have the keys the
 * README shows after `# →`.
 */
describe('README: every curl example works against npm start', function () {
  this.timeout(180_000);
  let product: ProductProcess;
  let cwd: string;

  before(async () => {
    assert.ok(examples.length >= 3, `found ${examples.length} curl examples`);
    product = await startProduct({ NODE_ENV: 'development', ADMIN_TOKEN: '', CHAT_API_SECRET: '' });
    cwd = mkdtempSync(path.join(tmpdir(), 'paw-readme-'));
  });
  after(async () => {
    await product?.stop();
    if (cwd) rmSync(cwd, { recursive: true, force: true });
  });

  for (const block of examples) {
    const title = block.split('\n').find((l) => l.startsWith('curl'))!.slice(0, 90);
    it(title, async () => {
      const script = block.replaceAll('http://127.0.0.1:3978', product.url).replaceAll('http://127.0.0.1:3979', product.sandboxUrl);
      // Names the demo values must come from the block itself, not from this process.
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd };
      const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', `curl() { command curl --silent --show-error --fail-with-body "$@"; }\n${script}`], { cwd, env }).catch((e: { stdout?: string; stderr?: string; code?: number }) => {
        throw new Error(`the example failed (exit ${e.code}):\n${script}\nstdout: ${e.stdout}\nstderr: ${e.stderr}`);
      });
      for (const key of expectedKeys(block)) assert.ok(stdout.includes(`"${key}"`), `the output has "${key}" as the README shows: ${stdout.slice(0, 400)}`);
    });
  }

  it('the CSV examples wrote their files', () => {
    const intents = readFileSync(path.join(cwd, 'intents.csv'), 'utf8');
    assert.match(intents, /^intent,conversations,contained,containment_rate,/);
    assert.match(readFileSync(path.join(cwd, 'conversations.csv'), 'utf8'), /^conversation_id,started_at,/);
  });
});
