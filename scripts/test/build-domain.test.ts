// The plugin's copy of the domain core is generated from the LWC bundle, never edited by hand.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDomain, rewriteImports } from '../src/build-domain.ts';

describe('build-domain', () => {
  it('adds .ts to relative imports and leaves package and extension-bearing imports alone', () => {
    const source = `import { a } from './rules';\nimport type { B } from "../types";\nimport x from 'lwc';\nimport y from './data.json';\nconst z = import('./lazy');\n`;
    assert.equal(
      rewriteImports(source),
      `import { a } from './rules.ts';\nimport type { B } from "../types.ts";\nimport x from 'lwc';\nimport y from './data.json';\nconst z = import('./lazy.ts');\n`,
    );
  });

  it('copies every .ts of the bundle (not tests) with a generated header, replacing old output', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-domain-'));
    try {
      const src = path.join(dir, 'src');
      const out = path.join(dir, 'out');
      fs.mkdirSync(path.join(src, '__tests__'), { recursive: true });
      fs.writeFileSync(path.join(src, 'cmeDomain.ts'), "export * from './rules';\n");
      fs.writeFileSync(path.join(src, 'rules.ts'), 'export const x = 1;\n');
      fs.writeFileSync(path.join(src, 'cmeDomain.js-meta.xml'), '<x/>');
      fs.writeFileSync(path.join(src, '__tests__', 'rules.test.ts'), '');
      fs.mkdirSync(out);
      fs.writeFileSync(path.join(out, 'stale.ts'), '');
      assert.deepEqual(buildDomain(src, out), ['cmeDomain.ts', 'rules.ts']);
      assert.deepEqual(fs.readdirSync(out).sort(), ['cmeDomain.ts', 'rules.ts']);
      assert.match(
        fs.readFileSync(path.join(out, 'cmeDomain.ts'), 'utf8'),
        /^\/\/ GENERATED .*\nexport \* from '\.\/rules\.ts';\n$/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
