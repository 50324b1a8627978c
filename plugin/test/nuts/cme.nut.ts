// NUTs (non-unit tests) of `sf cme` against a real Salesforce org, with @salesforce/cli-plugins-testkit.
// They are not part of `npm test` and have never run against a real org: none is reachable from this
// project's machines (their code was tried once on the local org emulator, which says nothing about a real
// org). Run them with `npm run test:nuts --workspace plugin` (it builds the plugin first), with one of
//   - TESTKIT_ORG_USERNAME=<username> of an org with force-app deployed, CME_Admin assigned to that user and
//     the rule packs loaded (what .github/workflows/scratch-org-nuts.yml prepares); its auth is read from
//     TESTKIT_HOMEDIR (default: your home folder). The org is left as it is, with the NUTs' seed data.
//   - a Dev Hub: TESTKIT_HUB_USERNAME=<username> of a Dev Hub you are logged in to, or TESTKIT_AUTH_URL=<its
//     SFDX auth URL>. The session creates a one-day scratch org from config/project-scratch-def.json,
//     builds the LWC, deploys force-app, assigns CME_Admin, loads the rule packs, and deletes the org after.
// Without either, the suite fails saying what to set; it is never skipped.
// The testkit runs `sf` from PATH for its own steps (npm run puts node_modules/.bin there) and the sf of
// TESTKIT_EXECUTABLE_PATH for the commands (default: this repository's node_modules/.bin/sf); the plugin is
// linked into it (`sf plugins link plugin --no-install`) before the tests.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestSession, execCmd } from '@salesforce/cli-plugins-testkit';
import type { CmeSeedResult } from '../../src/commands/cme/seed.ts';
import type { CmeReportComplianceResult } from '../../src/commands/cme/report/compliance.ts';
import type { CmeReportVerifyResult } from '../../src/commands/cme/report/verify.ts';

const PLUGIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ROOT = path.resolve(PLUGIN, '..');
const ALIAS = 'cme-nut';
// A small plan in a fixed window, so the report window below holds every event it seeds.
const SEED = '--doctors 25 --events 6 --seed 7 --from 2026-01-01 --months 6';
const REPORT_WINDOW = '--from 2026-01-01 --to 2026-12-31';

const reuseOrg = process.env.TESTKIT_ORG_USERNAME;
const hubGiven = Boolean(
  process.env.TESTKIT_HUB_USERNAME ||
  process.env.TESTKIT_AUTH_URL ||
  (process.env.TESTKIT_JWT_CLIENT_ID && process.env.TESTKIT_JWT_KEY),
);

process.env.TESTKIT_EXECUTABLE_PATH ??= path.join(ROOT, 'node_modules/.bin/sf');
// A reused org's auth lives in the home folder that logged in to it.
if (reuseOrg) process.env.TESTKIT_HOMEDIR ??= os.homedir();
process.env.SF_DISABLE_AUTOUPDATE = 'true';
process.env.SF_DISABLE_TELEMETRY = 'true';
process.env.SF_SKIP_NEW_VERSION_CHECK = 'true';

/** `sf <args>` from the repository root; throws with sf's output unless it exits with `exitCode`. */
function sf<T>(args: string, exitCode: number = 0) {
  return execCmd<T>(args, { ensureExitCode: exitCode, cwd: ROOT });
}

function json<T>(args: string): T {
  const run = sf<T>(`${args} --json`);
  assert.ok(run.jsonOutput, `sf ${args} --json printed no JSON: ${run.shellOutput.stdout}`);
  return run.jsonOutput.result;
}

describe('sf cme against a real org (NUTs)', () => {
  let sessionDir: string | undefined;
  let session: TestSession | undefined;
  let username: string;
  let pack: string;

  before(async () => {
    if (!reuseOrg && !hubGiven)
      throw new Error(
        'The NUTs need a Salesforce org. Set TESTKIT_ORG_USERNAME to the username of an org with the package ' +
          'deployed (CME_Admin assigned, rule packs loaded), or TESTKIT_HUB_USERNAME / TESTKIT_AUTH_URL for a ' +
          'Dev Hub to create a scratch org from.',
      );
    sessionDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-nut-'));
    session = await TestSession.create({
      sessionDir,
      devhubAuthStrategy: reuseOrg ? 'NONE' : 'AUTO',
      scratchOrgs: [
        {
          config: path.join(ROOT, 'config/project-scratch-def.json'),
          alias: ALIAS,
          duration: 1,
          wait: 30,
          tracksSource: false,
        },
      ],
    });
    const created = reuseOrg ?? session.orgs.get(ALIAS)?.username;
    assert.ok(created, 'the test session has no org');
    username = created;
    pack = path.join(sessionDir, 'pack');
    sf(`plugins link "${PLUGIN}" --no-install`);
    if (!reuseOrg) {
      // Deploys carry the compiled JavaScript of the TypeScript components.
      const build = spawnSync('npm', ['run', 'build:lwc'], { cwd: ROOT, stdio: 'inherit' });
      assert.equal(build.status, 0, 'npm run build:lwc failed');
      sf(`project deploy start --source-dir force-app --target-org ${username} --wait 30`);
      sf(`org assign permset --name CME_Admin --target-org ${username}`);
      sf(`data import tree --plan config/rule-packs/plan.json --target-org ${username}`);
    }
  });

  after(async () => {
    try {
      await session?.clean();
    } finally {
      if (sessionDir) fs.rmSync(sessionDir, { recursive: true, force: true });
    }
  });

  it('seeds a small plan, and a second identical run creates and updates nothing', () => {
    const first = json<CmeSeedResult>(`cme seed --target-org ${username} ${SEED}`);
    assert.equal(first.dryRun, false);
    for (const o of first.objects)
      assert.equal(o.failed, 0, `${o.object}: ${o.failures.map((f) => `${f.key} ${f.message}`).join('; ')}`);
    const total = (object: string) => {
      const o = first.objects.find((r) => r.object === object);
      assert.ok(o, `no ${object} in the seed result`);
      return { all: o.created + o.updated + o.unchanged, created: o.created };
    };
    assert.equal(total('Contact').all, 25);
    assert.equal(total('CME_Event__c').all, 6);
    // A fresh scratch org has none of these records; a reused one may have them from an earlier seed.
    if (!reuseOrg) {
      assert.equal(total('Contact').created, 25);
      assert.equal(total('CME_Event__c').created, 6);
    }

    const second = json<CmeSeedResult>(`cme seed --target-org ${username} ${SEED}`);
    assert.deepEqual(
      second.objects.map((o) => [o.object, o.created, o.updated, o.failed]),
      first.objects.map((o) => [o.object, 0, 0, 0]),
    );
    assert.deepEqual(
      second.objects.map((o) => o.unchanged),
      first.objects.map((o) => o.created + o.updated + o.unchanged),
    );
  });

  it('writes a compliance audit pack over the seeded window, and verify accepts it', () => {
    const result = json<CmeReportComplianceResult>(
      `cme report compliance --target-org ${username} ${REPORT_WINDOW} --output-dir "${pack}"`,
    );
    assert.equal(result.window.start, '2026-01-01');
    assert.equal(result.window.end, '2026-12-31');
    if (reuseOrg) assert.ok(result.counts.events >= 6, `events in the pack: ${result.counts.events}`);
    else assert.equal(result.counts.events, 6);
    assert.ok(result.counts.hcps > 0);
    assert.ok(result.apiCalls > 0);
    assert.ok(result.files.length > 0);
    for (const file of result.files) assert.ok(fs.existsSync(path.join(pack, file.path)), `${file.path} is missing`);

    const verify = json<CmeReportVerifyResult>(`cme report verify --dir "${pack}"`);
    assert.equal(verify.valid, true);
    assert.deepEqual(verify.problems, []);
    assert.ok(verify.checked >= result.files.length, `checked ${verify.checked} of ${result.files.length} files`);
  });

  it('verify names a file of the pack changed after it was written', () => {
    const manifest = fs.readFileSync(path.join(pack, 'manifest-sha256.txt'), 'utf8');
    const file = manifest.trim().split('\n')[0].split(/\s+/)[1];
    assert.ok(file, 'the manifest lists no file');
    fs.appendFileSync(path.join(pack, file), 'tampered\r\n');
    const run = sf<CmeReportVerifyResult>(`cme report verify --dir "${pack}" --json`, 1);
    assert.match(run.shellOutput.stdout, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} changed`));
  });
});
