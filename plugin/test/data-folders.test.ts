// Where the editable data files are looked up: the project's copy, the plugin's lib, this repository.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataFolders } from '../src/dataFolders.ts';
import { disclosureConfigRoots } from '../src/commands/cme/report/disclosure.ts';

const PLUGIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPO = path.resolve(PLUGIN, '..');

describe('data folders', () => {
  it("tries the current folder's config first, then the plugin's lib, then this repository's config", () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-data-folders-'));
    assert.deepEqual(dataFolders('certificates', cwd), [
      path.join(cwd, 'config', 'certificates'),
      path.join(PLUGIN, 'lib', 'config', 'certificates'),
      path.join(REPO, 'config', 'certificates'),
    ]);
    fs.rmSync(cwd, { recursive: true });
  });

  it('lists a folder once when the current folder is this repository', () => {
    assert.deepEqual(dataFolders('evaluations', REPO), [
      path.join(REPO, 'config', 'evaluations'),
      path.join(PLUGIN, 'lib', 'config', 'evaluations'),
    ]);
  });

  it('the disclosure keeps the folders that exist, and --config-dir alone when given', () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-data-folders-'));
    assert.ok(!disclosureConfigRoots(undefined, cwd).includes(path.join(cwd, 'config', 'disclosure')));
    assert.ok(disclosureConfigRoots(undefined, cwd).includes(path.join(REPO, 'config', 'disclosure')));
    assert.deepEqual(disclosureConfigRoots('my-files', cwd), [path.resolve('my-files')]);
    fs.rmSync(cwd, { recursive: true });
  });
});
