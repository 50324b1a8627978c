// Tests for scripts/install-scratch.sh. No org or Dev Hub is needed: each test
// copies the script into a throwaway project and puts fake `sf` and `npm`
// executables first on PATH. The fakes record their argv to a log file and
// answer like the real Salesforce CLI v2 (JSON shapes and exit codes).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'install-scratch.sh');
// The tests' PATH holds no system directory (where a real `sf` may be installed):
// only a folder of links to the few programs the script and the fakes use.
/** The `sf org create user` call the script makes for a demo user of the org cme-it (`values` after --json). */
const createUserCall = (person: 'manager' | 'rep', ...values: string[]) => [
  'sf',
  'org',
  'create',
  'user',
  '--target-org',
  'cme-it',
  '--definition-file',
  `config/users/${person}.json`,
  '--set-unique-username',
  '--set-alias',
  `cme-it-${person}`,
  '--json',
  ...values,
];

const SYSTEM_TOOLS = ['bash', 'env', 'dirname', 'mktemp', 'cat', 'tail', 'rm'];

// sf subcommands that only read; anything else changes state.
const READ_ONLY = ['org list', 'config get', 'org display'];

// A fake `sf`: logs "sf<TAB>arg<TAB>arg…" per call, answers `org list --json`
// with or without a Dev Hub (FAKE_DEVHUB=1) and fails the command whose first
// words match FAKE_FAIL.
const FAKE_SF = String.raw`#!/usr/bin/env bash
{ printf 'sf'; printf '\t%s' "$@"; printf '\n'; } >>"$FAKE_LOG"
cmd="$1 $2 $3"
if [[ -n "$FAKE_FAIL" && "$cmd" == "$FAKE_FAIL"* ]]; then
  if [[ " $* " == *" --json "* ]]; then
    printf '{"status":1,"name":"FakeFailure","message":"fake failure of %s","exitCode":1}\n' "$FAKE_FAIL"
  else
    echo "Error (1): fake failure of $FAKE_FAIL" >&2
  fi
  exit 1
fi
case "$1 $2" in
  "org list")
    if [[ "$FAKE_DEVHUB" == 1 ]]; then
      hub='{"username":"admin@hub.example.com","orgId":"00D000000000001EAA","alias":"devhub","isDevHub":true,"isDefaultDevHubUsername":true,"isDefaultUsername":false,"connectedStatus":"Connected"}'
      printf '{"status":0,"result":{"regularOrgs":[],"sandboxes":[],"nonScratchOrgs":[%s],"devHubs":[%s],"scratchOrgs":[]},"warnings":[]}\n' "$hub" "$hub"
    elif [[ "$FAKE_REGULAR_ORG" == 1 ]]; then
      org='{"username":"me@prod.example.com","orgId":"00D000000000002EAA","alias":"prod","isDevHub":false,"isDefaultDevHubUsername":false,"connectedStatus":"Connected"}'
      printf '{"status":0,"result":{"regularOrgs":[%s],"sandboxes":[],"nonScratchOrgs":[%s],"devHubs":[],"scratchOrgs":[]},"warnings":[]}\n' "$org" "$org"
    else
      echo '{"status":1,"name":"NoOrgsFound","message":"No orgs can be found.","exitCode":1,"actions":["Use one of the \"org login\" commands or \"org create scratch\" to add or create a scratch org."],"context":"OrgList","warnings":[]}'
      exit 1
    fi
    ;;
  "config get")
    if [[ "$FAKE_DEVHUB" == 1 ]]; then
      echo '{"status":0,"result":[{"name":"target-dev-hub","location":"Global","value":"devhub","success":true}],"warnings":[]}'
    else
      echo '{"status":0,"result":[{"name":"target-dev-hub","success":true}],"warnings":[]}'
    fi
    ;;
  "org create")
    if [[ "$3" == user ]]; then
      # As plugin-user answers: the new user's fields under result.fields, keys lower-cased.
      if [[ " $* " == *" config/users/manager.json "* ]]; then
        echo '{"status":0,"result":{"orgId":"00D000000000003EAA","permissionSetAssignments":["CME_Event_Manager"],"fields":{"id":"005000000000MGRAAA","username":"arjun.mehta@cme-demo.example.com.00d000000000003eaa"}},"warnings":[]}'
      else
        echo '{"status":0,"result":{"orgId":"00D000000000003EAA","permissionSetAssignments":["CME_Field_Rep"],"fields":{"id":"005000000000REPAAA","username":"riya.sharma@cme-demo.example.com.00d000000000003eaa"}},"warnings":[]}'
      fi
    else
      echo '{"status":0,"result":{"username":"test-abc123@example.com","orgId":"00D000000000003EAA","scratchOrgInfo":{},"authFields":{},"warnings":[]},"warnings":[]}'
    fi
    ;;
  *)
    echo "fake sf: $*"
    ;;
esac
`;

const FAKE_NPM = String.raw`#!/usr/bin/env bash
{ printf 'npm'; printf '\t%s' "$@"; printf '\n'; } >>"$FAKE_LOG"
if [[ "$FAKE_FAIL" == npm ]]; then echo "fake npm failure" >&2; exit 1; fi
echo "fake npm: $*"
`;

type Run = { status: number | null; stdout: string; stderr: string; calls: string[][] };
type Options = {
  devHub?: boolean;
  regularOrg?: boolean;
  fail?: string;
  withSf?: boolean;
  cwd?: string;
  path?: string;
};

let root: string;
let repo: string;
let bin: string;
let home: string;
let sysbin: string;
let runCount = 0;

function writeExecutable(path: string, text: string): void {
  writeFileSync(path, text);
  chmodSync(path, 0o755);
}

function run(args: string[], opts: Options = {}): Run {
  runCount += 1;
  const log = join(root, `calls-${runCount}.log`);
  writeFileSync(log, '');
  const withSf = opts.withSf ?? true;
  const env: Record<string, string> = {
    PATH: opts.path ?? (withSf ? `${bin}:${sysbin}` : `${join(root, 'bin-nosf')}:${sysbin}`),
    HOME: home,
    LANG: 'C.UTF-8',
    FAKE_LOG: log,
    FAKE_DEVHUB: opts.devHub ? '1' : '0',
    FAKE_REGULAR_ORG: opts.regularOrg ? '1' : '0',
    FAKE_FAIL: opts.fail ?? '',
  };
  const result = spawnSync(join(sysbin, 'bash'), [join(repo, 'scripts', 'install-scratch.sh'), ...args], {
    cwd: opts.cwd ?? root,
    env,
    encoding: 'utf8',
    timeout: 30_000,
  });
  const calls = readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => line.split('\t'));
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls };
}

function stateChanging(calls: string[][]): string[][] {
  return calls.filter((argv) => {
    if (argv[0] === 'npm') return true;
    const sub = argv.slice(1, 3).join(' ');
    return !READ_ONLY.includes(sub);
  });
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'cme-install-scratch-'));
  home = join(root, 'home');
  mkdirSync(home);
  sysbin = join(root, 'sysbin');
  mkdirSync(sysbin);
  for (const tool of SYSTEM_TOOLS) {
    const found = ['/usr/bin', '/bin', '/usr/local/bin'].map((d) => join(d, tool)).find((p) => existsSync(p));
    assert.ok(found, `${tool} is installed`);
    symlinkSync(found, join(sysbin, tool));
  }
  // A throwaway copy of the project: only what the script checks for.
  repo = join(root, 'repo');
  mkdirSync(join(repo, 'scripts'), { recursive: true });
  mkdirSync(join(repo, 'force-app', 'main', 'default'), { recursive: true });
  mkdirSync(join(repo, 'node_modules'));
  mkdirSync(join(repo, 'config', 'rule-packs'), { recursive: true });
  copyFileSync(SCRIPT, join(repo, 'scripts', 'install-scratch.sh'));
  writeFileSync(join(repo, 'sfdx-project.json'), '{"packageDirectories":[{"path":"force-app","default":true}]}\n');
  writeFileSync(join(repo, 'config', 'project-scratch-def.json'), '{"orgName":"CME test","edition":"Developer"}\n');
  writeFileSync(join(repo, 'config', 'rule-packs', 'plan.json'), '[]\n');
  mkdirSync(join(repo, 'config', 'users'), { recursive: true });
  for (const user of ['manager.json', 'rep.json'])
    copyFileSync(join(SCRIPT, '..', '..', 'config', 'users', user), join(repo, 'config', 'users', user));
  writeFileSync(join(root, 'custom-def.json'), '{"orgName":"custom","edition":"Developer"}\n');
  // Fake tools, plus the Node that runs these tests (the script parses JSON with node).
  bin = join(root, 'bin');
  mkdirSync(bin);
  writeExecutable(join(bin, 'sf'), FAKE_SF);
  writeExecutable(join(bin, 'npm'), FAKE_NPM);
  symlinkSync(process.execPath, join(bin, 'node'));
  const noSf = join(root, 'bin-nosf');
  mkdirSync(noSf);
  writeExecutable(join(noSf, 'npm'), FAKE_NPM);
  symlinkSync(process.execPath, join(noSf, 'node'));
});

after(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('install-scratch.sh options', () => {
  test('the script is executable and starts with bash strict mode', () => {
    const text = readFileSync(SCRIPT, 'utf8');
    assert.match(text, /^#!\/usr\/bin\/env bash\n/);
    assert.match(text, /\nset -euo pipefail\n/);
    assert.ok((statSync(SCRIPT).mode & 0o111) !== 0, 'scripts/install-scratch.sh must be executable');
  });

  test('--help exits 0 and shows usage with examples', () => {
    const r = run(['--help']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Usage: scripts\/install-scratch\.sh \[options\]/);
    assert.match(r.stdout, /Examples:/);
    for (const flag of ['--dev-hub', '--alias', '--duration-days', '--definition-file', '--no-open', '--dry-run']) {
      assert.ok(r.stdout.includes(flag), `help mentions ${flag}`);
    }
    assert.match(r.stdout, /scripts\/install-scratch\.sh --dry-run/);
    assert.deepEqual(r.calls, [], 'help calls nothing');
  });

  test('an unknown option is a usage error (exit 2)', () => {
    const r = run(['--frobnicate']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown option: --frobnicate/);
    assert.match(r.stderr, /--help/);
    assert.deepEqual(r.calls, []);
  });

  test('--duration-days outside 1-30 is a usage error (exit 2)', () => {
    for (const bad of ['0', '31', 'abc', '-3', '7.5']) {
      const r = run(['--dry-run', '--duration-days', bad]);
      assert.equal(r.status, 2, `--duration-days ${bad}`);
      assert.match(r.stderr, /--duration-days must be a whole number from 1 to 30/);
      assert.deepEqual(r.calls, []);
    }
    assert.equal(run(['--dry-run', '--duration-days=30'], { devHub: true }).status, 0);
    assert.equal(run(['--dry-run', '--duration-days', '1'], { devHub: true }).status, 0);
  });

  test('an option without its value, or with a value it does not take, is a usage error', () => {
    assert.equal(run(['--alias']).status, 2);
    assert.equal(run(['--alias', '--dry-run']).status, 2);
    assert.equal(run(['--duration-days', '99999999999999999999']).status, 2);
    assert.equal(run(['--dev-hub', '']).status, 2);
    assert.equal(run(['--alias', 'two words']).status, 2);
    assert.equal(run(['--no-open=yes']).status, 2);
  });
});

describe('install-scratch.sh preflight', () => {
  test('without sf on PATH it exits 1 with the install hint', () => {
    const r = run([], { withSf: false });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /'sf'\) is not on PATH/);
    assert.match(r.stderr, /npm install -g @salesforce\/cli/);
    assert.deepEqual(r.calls, []);
  });

  test('with only bash and coreutils on PATH (no node, no npm) it reports the missing sf', () => {
    const r = run([], { path: sysbin });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /install the Salesforce CLI: npm install -g @salesforce\/cli/i);
  });

  test('with no Dev Hub it exits 1 with the login hint and changes nothing', () => {
    const r = run([]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /No Dev Hub is authorised\./);
    assert.match(r.stderr, /Run: sf org login web --set-default-dev-hub --alias devhub/);
    assert.deepEqual(r.calls, [['sf', 'org', 'list', '--json']]);
    assert.deepEqual(stateChanging(r.calls), []);
  });

  test('orgs that are not Dev Hubs do not count as a Dev Hub', () => {
    const r = run([], { regularOrg: true });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /No Dev Hub is authorised/);
    assert.deepEqual(stateChanging(r.calls), []);
  });

  test('a --dev-hub that is not authorised exits 1 and names the authorised ones', () => {
    const r = run(['--dev-hub', 'otherhub'], { devHub: true });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /'otherhub' is not an authorised Dev Hub \(authorised Dev Hubs: devhub\)/);
    assert.deepEqual(stateChanging(r.calls), []);
  });

  test('a missing definition file exits 1 before anything changes', () => {
    const r = run(['--definition-file', 'does-not-exist.json'], { devHub: true });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /definition file '.*does-not-exist\.json' does not exist/);
    assert.deepEqual(stateChanging(r.calls), []);
  });
});

describe('install-scratch.sh --dry-run', () => {
  test('prints the numbered plan of exact commands and changes nothing, even without a Dev Hub', () => {
    const r = run(['--dry-run', '--alias', 'cme-demo', '--duration-days', '12']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n').map((l) => l.trim());
    const expected = [
      'npm run build',
      'sf org create scratch --definition-file config/project-scratch-def.json --alias cme-demo --duration-days 12 --target-dev-hub devhub --set-default --wait 15 --json',
      'sf project deploy start --source-dir force-app --target-org cme-demo --wait 30',
      'sf org assign permset --name CME_Admin --target-org cme-demo',
      'sf data import tree --plan config/rule-packs/plan.json --target-org cme-demo',
      'sf org create user --target-org cme-demo --definition-file config/users/manager.json --set-unique-username --set-alias cme-demo-manager --json',
      'sf org create user --target-org cme-demo --definition-file config/users/rep.json --set-unique-username --set-alias cme-demo-rep --json ManagerId=\\<manager-id\\>',
      'sf data update record --sobject User --where Username=\\<your-username\\> --values ManagerId=\\<manager-id\\> --target-org cme-demo',
      'sf org open --target-org cme-demo --path lightning/app/c__CME',
    ];
    let last = -1;
    expected.forEach((command, i) => {
      const at = lines.indexOf(command);
      assert.ok(at > last, `plan contains, in order: ${command}\n${r.stdout}`);
      assert.match(lines[at - 1] ?? '', new RegExp(`^${i + 1}\\. `), `step ${i + 1} is numbered`);
      last = at;
    });
    assert.match(
      r.stderr,
      /Warning: No Dev Hub is authorised\. Run: sf org login web --set-default-dev-hub --alias devhub/,
    );
    assert.deepEqual(stateChanging(r.calls), [], 'dry run calls only read-only sf commands');
  });

  test('uses the default Dev Hub, the chosen definition file and honours --no-open', () => {
    const r = run(['--dry-run', '--no-open', '--definition-file', 'custom-def.json'], { devHub: true });
    assert.equal(r.status, 0, r.stderr);
    const defFile = join(root, 'custom-def.json');
    assert.ok(
      r.stdout.includes(
        `sf org create scratch --definition-file ${defFile} --alias cme-scratch --duration-days 7 --target-dev-hub devhub --set-default --wait 15 --json`,
      ),
      r.stdout,
    );
    assert.ok(!r.stdout.includes('sf org open'), 'no open step with --no-open');
    assert.match(r.stdout, /5\. Load the compliance rule packs/);
    assert.equal(r.stderr, '');
    assert.deepEqual(stateChanging(r.calls), []);
  });

  test('still prints the plan without sf on PATH, with a warning', () => {
    const r = run(['--dry-run'], { withSf: false });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /sf project deploy start --source-dir force-app --target-org cme-scratch --wait 30/);
    assert.match(r.stderr, /npm install -g @salesforce\/cli/);
    assert.deepEqual(r.calls, []);
  });
});

describe('install-scratch.sh full run (fake sf and npm)', () => {
  test('runs the steps in order with the right flags, from any directory', () => {
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(join(elsewhere, 'def.json'), '{"edition":"Developer"}\n');
    const r = run(['--alias', 'cme-it', '--duration-days', '3', '--definition-file', 'def.json'], {
      devHub: true,
      cwd: elsewhere,
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.deepEqual(r.calls, [
      ['sf', 'org', 'list', '--json'],
      ['npm', 'run', 'build'],
      [
        'sf',
        'org',
        'create',
        'scratch',
        '--definition-file',
        join(elsewhere, 'def.json'),
        '--alias',
        'cme-it',
        '--duration-days',
        '3',
        '--target-dev-hub',
        'devhub',
        '--set-default',
        '--wait',
        '15',
        '--json',
      ],
      ['sf', 'project', 'deploy', 'start', '--source-dir', 'force-app', '--target-org', 'cme-it', '--wait', '30'],
      ['sf', 'org', 'assign', 'permset', '--name', 'CME_Admin', '--target-org', 'cme-it'],
      ['sf', 'data', 'import', 'tree', '--plan', 'config/rule-packs/plan.json', '--target-org', 'cme-it'],
      createUserCall('manager'),
      createUserCall('rep', 'ManagerId=005000000000MGRAAA'),
      [
        'sf',
        'data',
        'update',
        'record',
        '--sobject',
        'User',
        '--where',
        'Username=test-abc123@example.com',
        '--values',
        'ManagerId=005000000000MGRAAA',
        '--target-org',
        'cme-it',
      ],
      ['sf', 'org', 'open', '--target-org', 'cme-it', '--path', 'lightning/app/c__CME'],
    ]);
    for (let i = 1; i <= 9; i++) assert.match(r.stdout, new RegExp(`\\[${i}/9\\] `), `progress line ${i}`);
    assert.match(
      r.stdout,
      /Created the demo manager arjun\.mehta@cme-demo\.example\.com\.00d000000000003eaa \(Id 005000000000MGRAAA\)/,
    );
    assert.match(r.stdout, /sf org open --target-org cme-it-rep --path lightning\/app\/c__CME/);
    assert.match(r.stdout, /test-abc123@example\.com/);
    for (const ps of ['CME_Field_Rep', 'CME_Event_Manager', 'CME_Compliance_Officer']) {
      assert.ok(
        r.stdout.includes(`sf org assign permset --name ${ps} --target-org cme-it --on-behalf-of `),
        `final message shows how to assign ${ps}`,
      );
    }
  });

  test('--no-open and an explicit --dev-hub skip the open step and use that hub', () => {
    const r = run(['--no-open', '--dev-hub', 'admin@hub.example.com'], { devHub: true });
    assert.equal(r.status, 0, r.stderr);
    const create = r.calls.find((c) => c[1] === 'org' && c[2] === 'create');
    assert.ok(create);
    assert.equal(create[create.indexOf('--target-dev-hub') + 1], 'admin@hub.example.com');
    assert.equal(create[create.indexOf('--definition-file') + 1], 'config/project-scratch-def.json');
    assert.ok(!r.calls.some((c) => c[1] === 'org' && c[2] === 'open'));
    assert.match(r.stdout, /\[5\/8\] Load the compliance rule packs/);
    assert.match(r.stdout, /sf org open --target-org cme-scratch --path lightning\/app\/c__CME/);
  });

  test('a failed deploy exits non-zero, names the step and prints the delete hint', () => {
    const r = run(['--alias', 'cme-fail'], { devHub: true, fail: 'project deploy start' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /step 3\/9 failed: Deploy force-app to 'cme-fail'/);
    assert.match(r.stderr, /sf org delete scratch --target-org cme-fail --no-prompt/);
    assert.match(r.stderr, /4\. sf org assign permset --name CME_Admin --target-org cme-fail/);
    const subs = r.calls.map((c) => c.slice(0, 3).join(' '));
    assert.deepEqual(subs, ['sf org list', 'npm run build', 'sf org create', 'sf project deploy']);
  });

  test('a failed scratch org creation shows the CLI message and the delete hint', () => {
    const r = run([], { devHub: true, fail: 'org create scratch' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /step 2\/9 failed: Create scratch org 'cme-scratch'/);
    assert.match(r.stderr, /fake failure of org create scratch/);
    assert.match(r.stderr, /sf org delete scratch --target-org cme-scratch --no-prompt/);
    assert.equal(r.calls.length, 3);
  });

  test('without a manager id from step 6 the install stops there, with the commands left to run', () => {
    const r = run([], { devHub: true, fail: 'org create user' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /step 6\/9 failed: Create the demo manager/);
    assert.match(r.stderr, /fake failure of org create user/);
    // The admin username is known by then and filled in; the manager id is not.
    assert.match(
      r.stderr,
      /8\. sf data update record --sobject User --where Username=test-abc123@example\.com --values ManagerId=\\<manager-id\\>/,
    );
    assert.ok(!r.calls.some((c) => c[1] === 'data' && c[2] === 'update'));
  });

  test('--no-demo-users creates no users and says that Submit for Approval needs a manager', () => {
    const r = run(['--no-demo-users', '--no-open'], { devHub: true });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!r.calls.some((c) => c[1] === 'org' && c[2] === 'create' && c[3] === 'user'));
    assert.ok(!r.calls.some((c) => c[1] === 'data' && c[2] === 'update'));
    assert.match(r.stdout, /\[5\/5\] Load the compliance rule packs/);
    assert.match(r.stdout, /Your user has no manager, so Submit for Approval fails/);
    assert.match(
      r.stdout,
      /sf data update record --sobject User --where Username=test-abc123@example\.com --values ManagerId=\\<user-id\\> --target-org cme-scratch/,
    );
  });

  test('a failed build stops before any org is created, without a delete hint', () => {
    const r = run([], { devHub: true, fail: 'npm' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /step 1\/9 failed: Build the TypeScript LWC/);
    assert.ok(!r.stderr.includes('org delete scratch'));
    assert.deepEqual(
      r.calls.map((c) => c[0] + ' ' + c[1]),
      ['sf org', 'npm run'],
    );
  });
});
