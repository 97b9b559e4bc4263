import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configVariables, loadConfig } from '../../bin/config';

describe('.env.example', () => {
  const text = readFileSync(path.join(__dirname, '../../.env.example'), 'utf8');
  const entries = [...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!] as const);

  it('lists every configuration variable, each with a comment above it', () => {
    const listed = new Set(entries.map(([k]) => k));
    const missing = configVariables.filter((k) => !listed.has(k));
    assert.deepEqual(missing, [], `missing from .env.example: ${missing.join(', ')}`);
    const lines = text.split('\n');
    for (const [key] of entries) {
      const i = lines.findIndex((l) => new RegExp(`^#?\\s*${key}=`).test(l));
      assert.match(lines[i - 1] ?? '', /^#/, `${key} has no comment line above it`);
    }
  });

  it('lists no variable the config does not know', () => {
    const known = new Set<string>(configVariables);
    assert.deepEqual(entries.map(([k]) => k).filter((k) => !known.has(k)), []);
  });

  it('its active values form a valid configuration', () => {
    const env = Object.fromEntries(text.split('\n').filter((l) => /^[A-Z]/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    assert.doesNotThrow(() => loadConfig(env));
  });
});
