// The plugin as an admin installs it from a packed tarball: `npm pack`, then `sf plugins install` of
// the .tgz into a fresh sf CLI home (its dependencies come from the npm registry), then the commands
// answer from the installed copy.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSf } from '../../scripts/src/sf-cli.ts';

const PLUGIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('sf plugins install from a packed tarball', () => {
  let home: string;
  let tarball: string;
  const sf = (args: string[]) => runSf(home, args);

  before(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-install-home-'));
    const packed = execFileSync('npm', ['pack', '--pack-destination', home, '--json'], {
      cwd: PLUGIN,
      encoding: 'utf8',
    });
    tarball = path.join(home, (JSON.parse(packed) as { filename: string }[])[0].filename);
    // An unsigned plugin installed from a file is allowed by listing it, as an admin would.
    fs.mkdirSync(path.join(home, '.config/sf'), { recursive: true });
    fs.writeFileSync(path.join(home, '.config/sf/unsignedPluginAllowList.json'), JSON.stringify([`file:${tarball}`]));
  });
  after(() => fs.rmSync(home, { recursive: true, force: true }));

  it('packs lib and messages only, then installs and runs', async () => {
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    assert.ok(listing.includes('package/lib/commands/cme/report/compliance.js'));
    assert.ok(listing.includes('package/lib/domain/cmeDomain.js'));
    assert.ok(listing.includes('package/messages/cme.report.compliance.md'));
    assert.deepEqual(
      listing.filter((f) => f.startsWith('package/src/') || f.startsWith('package/test/')),
      [],
    );
    const install = await sf(['plugins', 'install', `file:${tarball}`]);
    assert.equal(install.code, 0, install.stdout + install.stderr);
    const plugins = await sf(['plugins', '--json']);
    const installed = (JSON.parse(plugins.stdout) as { name: string; type: string }[]).find(
      (p) => p.name === '@cme/plugin-cme',
    );
    assert.equal(installed?.type, 'user');
    const help = await sf(['cme', 'report', 'verify', '--help']);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /Check that a CME audit pack or disclosure is exactly as it was written/);
  });
});
