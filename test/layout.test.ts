import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');

/**
 * The layers, lowest first: a folder may import only the folders listed for it (and itself).
 * The same table is in CONTRIBUTING.md ("Layers"). `test/` and `bench/` may import anything.
 */
export const ALLOWED: Record<string, readonly string[]> = {
  contracts: [],
  intents: [],
  platform: [],
  nlu: ['platform', 'intents'],
  bot: ['platform', 'intents', 'nlu'],
  skills: ['contracts', 'platform', 'intents', 'nlu', 'bot'],
  sandbox: ['contracts', 'platform'],
  training: ['platform', 'intents', 'nlu', 'bot'],
  ops: ['platform', 'intents', 'nlu', 'bot'],
  web: ['platform', 'intents', 'nlu', 'bot', 'training', 'ops'],
  bin: ['contracts', 'platform', 'intents', 'nlu', 'bot', 'skills', 'sandbox', 'training', 'ops', 'web'],
};

/** Packages (by name prefix: `botbuilder` covers `botbuilder-dialogs`) only these layers may import. */
export const PACKAGE_OWNERS: Record<string, readonly string[]> = {
  '@nlpjs/': ['nlu'],
  'botbuilder': ['bot', 'skills', 'bin'],
};

const IMPORT = /(?:^|[^\w.])(?:from|import|require)\s*\(?\s*['"]([^'"]+)['"]/g;

/** Every module specifier a TypeScript source names (static, type-only, re-exports, dynamic). */
export function importsOf(source: string): string[] {
  return [...source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').matchAll(IMPORT)].map((m) => m[1]!);
}

/** The edges of `files` (repo-relative path → source) that the tables above forbid. */
export function layoutViolations(files: Map<string, string>): string[] {
  const bad: string[] = [];
  for (const [file, source] of files) {
    const from = file.split('/')[0]!;
    const allowed = ALLOWED[from];
    if (!allowed) continue;
    for (const spec of importsOf(source)) {
      if (spec.startsWith('.')) {
        const to = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).split('/')[0]!;
        if (to !== from && !allowed.includes(to)) bad.push(`${file} imports ${spec} (${from} → ${to} goes up or across a layer)`);
      } else {
        for (const [pkg, owners] of Object.entries(PACKAGE_OWNERS)) {
          if (spec.startsWith(pkg) && !owners.includes(from)) {
            bad.push(`${file} imports ${spec} (only ${owners.join(', ')} may)`);
          }
        }
      }
    }
  }
  return bad;
}

function sources(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.ts')) files.set(rel, readFileSync(path.join(ROOT, rel), 'utf8'));
    }
  };
  for (const dir of Object.keys(ALLOWED)) walk(dir);
  return files;
}

describe('layout: layers point down', () => {
  it('no source file imports a folder above its own layer, nor a package another layer owns', () => {
    const files = sources();
    assert.ok(files.size > 200, `found only ${files.size} sources`);
    assert.deepEqual(layoutViolations(files), []);
  });

  it('catches an upward edge, a sideways edge and an owned package', () => {
    const files = new Map([
      ['platform/http/x.ts', "import { loadConfig } from '../../bin/config';"],
      ['ops/y.ts', "import type { TrainingJobs } from '../training/trainingJobs';\nexport { a } from '../bot/a';"],
      ['bot/z.ts', "const m = await import('@nlpjs/core'); // from '../web/nothing' in a comment is no import"],
      ['nlu/ok.ts', "import { DEFAULT_THRESHOLDS } from './thresholds';\nimport x from '../platform/logger';"],
    ]);
    assert.deepEqual(layoutViolations(files), [
      'platform/http/x.ts imports ../../bin/config (platform → bin goes up or across a layer)',
      'ops/y.ts imports ../training/trainingJobs (ops → training goes up or across a layer)',
      'bot/z.ts imports @nlpjs/core (only nlu may)',
    ]);
  });

  it('every source folder of the table is type-checked by tsconfig.json', () => {
    const include = (JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8')) as { include: string[] }).include;
    for (const dir of Object.keys(ALLOWED)) assert.ok(include.some((i) => i === dir || i.startsWith(`${dir}/`)), `tsconfig.json does not include ${dir}`);
  });
});
