/**
 * The review inbox from the command line (STORE=redis, same REDIS_URL as the servers).
 *
 *   npm run review -- list [--status open|accepted|out_of_scope|dismissed|all] [--reason fallback|clarify|low_confidence|handoff]
 *                          [--intent <name>] [--q <text>] [--sort newest|oldest|score|-score] [--limit N] [--json]
 *   npm run review -- export [--out <file.tsv>] [--json]
 *
 * `export` writes the reviewed items (assigned to an intent, or out of scope as `none`) as a
 * corpus TSV with the columns `text` and `intent` (what `npm run train -- --corpus` reads), or
 * every item as JSON with `--json`. Texts are masked.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { reviewQuerySchema, type ReviewItem } from '../../training/review/reviewItem';
import { openSharedStores } from './sharedStores';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      status: { type: 'string' },
      reason: { type: 'string' },
      intent: { type: 'string' },
      q: { type: 'string' },
      sort: { type: 'string' },
      limit: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const command = positionals[0];
  if (command !== 'list' && command !== 'export') {
    console.error('usage: npm run review -- list [--status …] [--reason …] [--intent …] [--q …] [--sort …] [--limit N] [--json] | export [--out file.tsv] [--json]');
    process.exitCode = 2;
    return;
  }
  const shared = openSharedStores(loadConfig(), `npm run review -- ${command}`);
  try {
    if (command === 'list') {
      const query = reviewQuerySchema.parse({ status: values.status, reason: values.reason, intent: values.intent, q: values.q, sort: values.sort, limit: values.limit ?? '50' });
      const { items, total } = await shared.inbox.list(query);
      if (values.json) return void console.log(JSON.stringify({ total, items }, null, 2));
      for (const i of items) {
        console.log(`${i.at}  ${i.reason.padEnd(14)} ${i.intent} ${i.score.toFixed(2)}${i.agentLabel ? `  agent: ${i.agentLabel}` : ''}  [${i.status}]  ${JSON.stringify(i.text)}  (${i.id})`);
      }
      console.log(`${items.length} of ${total}`);
      return;
    }
    const all = (await shared.inbox.list({ status: 'all', sort: 'oldest', limit: 500 })).total;
    const items: ReviewItem[] = [];
    for (let offset = 0; offset < all; offset += 500) items.push(...(await shared.inbox.list({ status: 'all', sort: 'oldest', limit: 500, offset })).items);
    const content = values.json
      ? `${JSON.stringify(items, null, 2)}\n`
      : `text\tintent\n${items
          .filter((i) => (i.status === 'accepted' || i.status === 'out_of_scope') && i.resolution?.intent)
          .map((i) => `${i.text.replace(/[\t\r\n]+/g, ' ')}\t${i.resolution!.intent}`)
          .join('\n')}\n`;
    if (values.out) {
      await writeFile(path.resolve(values.out), content);
      console.error(`[review] wrote ${path.resolve(values.out)}`);
    } else process.stdout.write(content);
  } finally {
    await shared.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error && /needs STORE=redis/.test(err.message) ? `[review] ${err.message}` : err);
  process.exitCode = 1;
});
