/**
 * The shared model registry from the command line (STORE=redis, same REDIS_URL as the servers).
 *
 *   npm run model -- list
 *   npm run model -- check <version>            quality gate against the active model, no change
 *   npm run model -- publish <version|model dir> quality gate, then every instance switches to it
 *   npm run model -- rollback <version>          back to an earlier published version (no gate)
 *
 * `npm run train -- --publish` trains and publishes in one go.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readModelFiles } from '../../nlu/models/modelFiles';
import type { Probe, Scorecard } from '../../nlu/models/modelRegistry';
import { loadConfig } from '../config';
import { AppError } from '../../platform/errors';
import { loadCorpus } from '../../training/corpus';
import { checkVersion, publishVersion, QualityGateError, rollbackTo, type PublishContext } from '../../training/publishModel';
import { cliUser, openSharedStores } from './sharedStores';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(100 * x).toFixed(1)} %`);

async function main(): Promise<void> {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  const [command, arg] = positionals;
  const config = loadConfig();
  const log = (m: string) => console.error(`[model] ${m}`);
  if (!command || !['list', 'check', 'publish', 'rollback'].includes(command) || (command !== 'list' && !arg)) {
    console.error('usage: npm run model -- list | check <version> | publish <version|model dir> | rollback <version>');
    process.exitCode = 2;
    return;
  }
  const shared = openSharedStores(config, `npm run model -- ${command}`);
  try {
    const ctx = async (): Promise<PublishContext> => ({
      registry: shared.registry,
      bus: shared.bus,
      policy: { minAccuracy: config.PUBLISH_MIN_ACCURACY, maxF1Drop: config.PUBLISH_MAX_F1_DROP },
      testRows: await loadCorpus(path.resolve(config.NLU_TEST_SET)),
      onProgress: log,
    });
    if (command === 'list') {
      const s = await shared.registry.state();
      for (const e of s.entries) {
        const mark = e.version === s.active ? '*' : e.publishedAt ? '-' : ' ';
        console.log(`${mark} ${e.version}  in-scope ${pct(e.scorecard?.inScopeAccuracy)}  oos recall ${pct(e.scorecard?.oosRecall)}  added by ${e.addedBy}${e.publishedAt ? `, last published ${e.publishedAt} by ${e.publishedBy}` : ''}`);
      }
      console.log(s.active ? `active: ${s.active} (since ${s.activatedAt} by ${s.activatedBy})` : 'no model published yet');
      return;
    }
    let version = arg!;
    if (await access(path.resolve(arg!)).then(() => true, () => false)) {
      const files = await readModelFiles(path.resolve(arg!));
      const metrics = files.metadata.metrics as (Scorecard & { testSet?: string }) | undefined;
      const entry = await shared.registry.add(files, { by: cliUser(), scorecard: metrics ? (({ testSet: _t, ...s }) => s)(metrics) : undefined, probes: files.metadata.probes as Probe[] | undefined });
      version = entry.version;
      log(`stored ${version} in the registry`);
    }
    if (command === 'check') {
      const v = await checkVersion(await ctx(), version);
      console.log(v.passed ? `${version} passes the quality gate` : `${version} would be refused:\n${v.reasons.map((r) => `  - ${r}`).join('\n')}`);
      if (!v.passed) process.exitCode = 1;
    } else if (command === 'publish') {
      await publishVersion(await ctx(), version, cliUser());
      console.log(`published ${version}`);
    } else {
      await rollbackTo({ registry: shared.registry, bus: shared.bus, onProgress: log }, version, cliUser());
      console.log(`rolled back to ${version}`);
    }
  } finally {
    await shared.close();
  }
}

main().catch((err: unknown) => {
  if (err instanceof QualityGateError) console.error(`[model] refused by the quality gate:\n${err.verdict.reasons.map((r) => `  - ${r}`).join('\n')}`);
  else console.error(err instanceof AppError || (err instanceof Error && /needs STORE=redis/.test(err.message)) ? `[model] ${err.message}` : err);
  process.exitCode = 1;
});
