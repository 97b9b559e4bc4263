import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { kitAssets, scriptsIn, withPageData } from '../../web/shared/pageAssets';

describe('page assets: page data and browser modules', () => {
  it('puts the page data in a JSON data block that no value can close', () => {
    const html = withPageData('<body>{{PAGE_DATA}}</body>', { label: '</script><script>alert(1)</script>', dollar: "$& $'" });
    const block = /^<body><script type="application\/json" id="page-data">(.*)<\/script><\/body>$/.exec(html);
    assert.ok(block, html);
    assert.doesNotMatch(block[1]!, /</, 'no "<" inside the block');
    assert.deepEqual(JSON.parse(block[1]!), { label: '</script><script>alert(1)</script>', dollar: "$& $'" });
  });

  it('serves the .js files of a folder, and the kit with its style', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paw-scripts-'));
    try {
      for (const f of ['a.js', 'b.ts', 'c.css', 'd.js']) writeFileSync(path.join(dir, f), '');
      assert.deepEqual(Object.keys(scriptsIn(dir)).sort(), ['a.js', 'd.js']);
      assert.match(scriptsIn(dir)['a.js']!.type, /^text\/javascript/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const kit = Object.keys(kitAssets());
    for (const f of ['api.js', 'dom.js', 'signIn.js', 'toast.js', 'kit.css']) assert.ok(kit.includes(f), `${f} in ${kit.join(' ')}`);
  });
});
