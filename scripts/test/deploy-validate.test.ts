// Tests for scripts/src/deploy-validate.ts (`npm run deploy:validate`). No org is needed: fake `npm`
// and `sf` executables come first on PATH; each records its name, working folder and argv in a log
// and exits with the code the test asks for.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCRIPT = path.join(ROOT, 'scripts/src/deploy-validate.ts');

// Logs "name<TAB>cwd<TAB>arg<TAB>arg…" and exits with $FAKE_<NAME>_EXIT (default 0).
const fake = (name: string) => `#!/bin/sh
{ printf '%s\\t%s' '${name}' "$PWD"; for a in "$@"; do printf '\\t%s' "$a"; done; printf '\\n'; } >>"$FAKE_LOG"
echo "fake ${name} ran"
exit "\${FAKE_${name.toUpperCase()}_EXIT:-0}"
`;

describe('npm run deploy:validate', () => {
  let dir: string;
  let bin: string;
  let log: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-deploy-validate-'));
    bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    for (const name of ['npm', 'sf']) {
      fs.writeFileSync(path.join(bin, name), fake(name));
      fs.chmodSync(path.join(bin, name), 0o755);
    }
    log = path.join(dir, 'calls.log');
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs the script from `cwd` (a folder outside the repo by default) with the fakes first on PATH. */
  const runScript = (args: string[], env: Record<string, string> = {}, pathDirs = [bin, '/usr/bin', '/bin']) => {
    fs.rmSync(log, { force: true });
    const result = spawnSync(process.execPath, [SCRIPT, ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: pathDirs.join(path.delimiter), FAKE_LOG: log, ...env },
    });
    const calls = fs.existsSync(log)
      ? fs
          .readFileSync(log, 'utf8')
          .trimEnd()
          .split('\n')
          .map((line) => line.split('\t'))
      : [];
    return { code: result.status, stdout: result.stdout, stderr: result.stderr, calls };
  };

  const validate = (org: string, wait = '33') => [
    'sf',
    ROOT,
    'project',
    'deploy',
    'validate',
    '--source-dir',
    'force-app',
    '--target-org',
    org,
    '--test-level',
    'RunLocalTests',
    '--wait',
    wait,
  ];

  it('builds the LWC, then runs the check-only deploy of force-app from the repository root', () => {
    const run = runScript(['--target-org', 'my-prod-org']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.calls, [['npm', ROOT, 'run', 'build:lwc'], validate('my-prod-org')]);
    assert.match(run.stdout, /\$ npm run build:lwc\n/);
    assert.match(
      run.stdout,
      /\$ sf project deploy validate --source-dir force-app --target-org my-prod-org --test-level RunLocalTests --wait 33\n/,
    );
    assert.match(run.stdout, /fake sf ran/);
  });

  it('takes --target-org=ALIAS, -o ALIAS and --wait / -w MINUTES', () => {
    assert.deepEqual(runScript(['--target-org=cme-ci', '--wait', '10']).calls[1], validate('cme-ci', '10'));
    assert.deepEqual(runScript(['-w', '5', '-o', 'user@example.com']).calls[1], validate('user@example.com', '5'));
    assert.deepEqual(runScript(['--wait=1', '--target-org', 'a']).calls[1], validate('a', '1'));
  });

  it('without --target-org prints the usage with an example, exits 2 and runs nothing', () => {
    const run = runScript([]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--target-org is required/);
    assert.match(run.stderr, /Usage: npm run deploy:validate -- --target-org ALIAS/);
    assert.match(run.stderr, /Example:\n {2}npm run deploy:validate -- --target-org my-prod-org/);
    assert.deepEqual(run.calls, []);
  });

  it('refuses a missing or bad value and an unknown option with exit 2, running nothing', () => {
    const cases: [string[], RegExp][] = [
      [['--target-org'], /option --target-org needs a value/],
      [['--target-org', '--wait', '3'], /option --target-org needs a value/],
      [['--target-org='], /option --target-org needs a non-empty value/],
      [['-o', 'x', '--wait', '0'], /--wait takes a whole number of minutes, 1 or more \(got '0'\)/],
      [['-o', 'x', '--wait', '2.5'], /got '2\.5'/],
      [['-o', 'x', '--wait=soon'], /got 'soon'/],
      [['-o', 'x', '--test-level', 'NoTestRun'], /unknown option: --test-level/],
      [['x'], /unknown option: x/],
    ];
    for (const [args, message] of cases) {
      const run = runScript(args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, message, args.join(' '));
      assert.match(run.stderr, /Usage:/);
      assert.deepEqual(run.calls, [], args.join(' '));
    }
  });

  it('--help prints the usage to stdout and exits 0 without running anything', () => {
    const run = runScript(['--help', '--target-org', 'x']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /Usage: npm run deploy:validate/);
    assert.match(run.stdout, /sf project deploy quick/);
    assert.deepEqual(run.calls, []);
  });

  it("passes sf's exit code through", () => {
    for (const code of ['1', '69']) {
      const run = runScript(['--target-org', 'prod'], { FAKE_SF_EXIT: code });
      assert.equal(run.code, Number(code));
      assert.equal(run.calls.length, 2);
      assert.match(run.stderr, new RegExp(`sf project deploy validate failed \\(exit code ${code}\\)`));
    }
  });

  it('stops before sf when the LWC build fails, with the build exit code', () => {
    const run = runScript(['--target-org', 'prod'], { FAKE_NPM_EXIT: '3' });
    assert.equal(run.code, 3);
    assert.deepEqual(run.calls, [['npm', ROOT, 'run', 'build:lwc']]);
    assert.match(run.stderr, /the LWC build failed \(exit code 3\); nothing was sent to the org/);
  });

  it('names the missing Salesforce CLI when sf is not on PATH', () => {
    const onlyNpm = path.join(dir, 'only-npm');
    fs.mkdirSync(onlyNpm, { recursive: true });
    fs.copyFileSync(path.join(bin, 'npm'), path.join(onlyNpm, 'npm'));
    fs.chmodSync(path.join(onlyNpm, 'npm'), 0o755);
    const run = runScript(['--target-org', 'prod'], {}, [onlyNpm, '/usr/bin', '/bin']);
    assert.equal(run.code, 1);
    assert.equal(run.calls.length, 1);
    assert.match(run.stderr, /'sf' was not found on PATH\. Run 'npm ci'/);
  });
});
