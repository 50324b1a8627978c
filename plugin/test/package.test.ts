// The plugin package is loadable by the sf CLI: oclif finds its manifest settings and the built entry.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('plugin package', () => {
  it('declares the cme topic and where oclif finds commands', () => {
    assert.equal(pkg.oclif.commands, './lib/commands');
    assert.equal(pkg.oclif.topicSeparator, ' ');
    assert.match(pkg.oclif.topics.cme.description, /CME/);
  });

  it('ships lib, messages and the manifest only', () => {
    assert.deepEqual(pkg.files, ['/lib', '/messages', '/oclif.manifest.json']);
  });

  it('builds to lib/index.js, which loads on this Node', async () => {
    const entry = path.join(root, 'lib/index.js');
    assert.ok(fs.existsSync(entry), 'run `npm run build` first (npm test does)');
    const mod = await import(entry);
    assert.equal(mod.topic, 'cme');
  });
});
