// The `sf cme` commands through the official sf CLI with this plugin linked (`sf plugins link`),
// against the local org: help from messages, a bad plan, a seed, a second identical run that changes
// nothing, then the audit pack: bad flags, a report, verify, tampering, and an expired session.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalOrg } from '../../scripts/src/localorg/server.ts';
import { runSf } from '../../scripts/src/sf-cli.ts';

const PLUGIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = path.resolve(PLUGIN, '..');

describe('sf cme (linked into the official sf CLI)', () => {
  let org: LocalOrg;
  let home: string;
  /** The seed's first day (its window runs twelve months from it). */
  let seededFrom = '';

  const sf = (args: string[], env: Record<string, string> = {}) => runSf(home, args, { env, cwd: ROOT });
  /** `sf cme report compliance` (or another report command) on the local org into `out`, with --json. */
  const reportInto = (out: string, flags: string[], command = 'compliance') =>
    sf(['cme', 'report', command, '--target-org', 'local', ...flags, '--output-dir', out, '--json']);

  before(async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-seed-home-'));
    org = new LocalOrg({ root: ROOT, database: ':memory:', port: 0 });
    const url = await org.start();
    const login = await sf(['org', 'login', 'access-token', '--instance-url', url, '--no-prompt', '--alias', 'local'], {
      SF_ACCESS_TOKEN: org.identity.accessToken,
    });
    assert.equal(login.code, 0, login.stderr);
    const link = await sf(['plugins', 'link', PLUGIN]);
    assert.equal(link.code, 0, link.stderr);
  });

  after(async () => {
    await org.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('shows help with examples from plugin/messages', async () => {
    const help = await sf(['cme', 'seed', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Seed an org with realistic, deterministic CME demo and test data/);
    assert.match(help.stdout, /--dry-run/);
    assert.match(help.stdout, /sf cme seed --target-org cme-local/);
  });

  it('refuses an org without rule packs, naming how to load them', async () => {
    const run = await sf(['cme', 'seed', '--target-org', 'local', '--doctors', '5', '--events', '2', '--json']);
    assert.notEqual(run.code, 0);
    assert.match(run.stdout, /no CME rule packs/);
    assert.match(run.stdout, /sf data import tree --plan config\/rule-packs\/plan.json/);
  });

  it('reports every problem of a bad plan', async () => {
    const run = await sf(['cme', 'seed', '--target-org', 'local', '--doctors', '0', '--from', '2026-13-01', '--json']);
    assert.notEqual(run.code, 0);
    assert.match(run.stdout, /doctors: Too small/);
    assert.match(run.stdout, /from: /);
  });

  it('seeds through sf data import tree-loaded rule packs, then a second run changes nothing', async () => {
    const tree = await sf([
      'data',
      'import',
      'tree',
      '--plan',
      path.join(ROOT, 'config/rule-packs/plan.json'),
      '--target-org',
      'local',
      '--json',
    ]);
    assert.equal(tree.code, 0, tree.stdout);
    // The same seed twice: the second run must find everything in place.
    const seedForty = () =>
      sf(['cme', 'seed', '--target-org', 'local', '--doctors', '40', '--events', '10', '--seed', '5', '--json']);
    const first = await seedForty();
    assert.equal(first.code, 0, first.stdout + first.stderr);
    const result = JSON.parse(first.stdout).result as {
      plan: { from: string };
      objects: { object: string; created: number; failed: number }[];
    };
    seededFrom = result.plan.from;
    assert.equal(result.objects.find((o) => o.object === 'Contact')!.created, 40);
    assert.equal(result.objects.find((o) => o.object === 'CME_Event__c')!.created, 10);
    assert.ok(result.objects.every((o) => o.failed === 0));
    const second = await seedForty();
    const again = JSON.parse(second.stdout).result as { objects: { created: number; updated: number }[] };
    assert.equal(again.objects.length, 6, 'Account, Contact, event, invitation, attendance, expense');
    assert.deepEqual(
      again.objects.map((o) => o.created + o.updated),
      [0, 0, 0, 0, 0, 0],
    );
  });

  it('lists every command under sf cme, with help and examples from plugin/messages', async () => {
    const topic = await sf(['cme', '--help']);
    assert.equal(topic.code, 0);
    assert.match(topic.stdout, /cme seed/);
    assert.match(topic.stdout, /cme report +Compliance audit packs/);
    const report = await sf(['cme', 'report', '--help']);
    for (const command of ['cme report compliance', 'cme report disclosure', 'cme report verify'])
      assert.match(report.stdout, new RegExp(command));
    for (const command of ['cme attendance import', 'cme evaluations import', 'cme certificates'])
      assert.match(topic.stdout + (await sf(['cme', command.split(' ')[1], '--help'])).stdout, new RegExp(command));
    const evaluations = await sf(['cme', 'evaluations', 'import', '--help']);
    assert.equal(evaluations.code, 0);
    assert.match(evaluations.stdout, /--columns/);
    assert.match(evaluations.stdout, /Import a Google Forms response sheet, downloaded as CSV/);
    const help = await sf(['cme', 'report', 'compliance', '--help']);
    assert.match(help.stdout, /audit-ready CME compliance pack/);
    assert.match(help.stdout, /--fiscal-year/);
    assert.match(help.stdout, /sf cme report compliance --target-org cme-local --year 2026/);
  });

  it('reports every problem with the report flags', async () => {
    const out = path.join(home, 'never');
    const run = await reportInto(out, ['--from', '2026-02-30', '--year', '2026', '--format', 'csv,docx']);
    assert.notEqual(run.code, 0);
    assert.match(run.stdout, /from: not a calendar date/);
    assert.match(run.stdout, /use only one of --from\/--to, --year and --fiscal-year/);
    assert.match(run.stdout, /formats\.1: /);
    assert.equal(fs.existsSync(out), false);
  });

  it('writes the audit pack, verify accepts it, and verify names a tampered file', async () => {
    const out = path.join(home, 'pack');
    const run = await reportInto(out, ['--from', '2024-01-01', '--to', '2028-12-31']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const result = JSON.parse(run.stdout).result as {
      counts: { events: number };
      files: { path: string }[];
      apiCalls: number;
    };
    assert.equal(result.counts.events, 10);
    assert.deepEqual(
      result.files.map((f) => f.path),
      [
        'data/attendance.csv',
        'data/events.csv',
        'data/findings.csv',
        'data/hcp-summary.csv',
        'data/report.xlsx',
        'data/summary.pdf',
        'data/transfers-of-value.csv',
      ],
    );
    assert.ok(result.apiCalls > 0);
    const verify = await sf(['cme', 'report', 'verify', '--dir', out]);
    assert.equal(verify.code, 0, verify.stderr);
    assert.match(verify.stdout, /all 10 files match the manifest/);
    fs.appendFileSync(path.join(out, 'data/hcp-summary.csv'), 'x,y\r\n');
    const tampered = await sf(['cme', 'report', 'verify', '--dir', out, '--json']);
    assert.notEqual(tampered.code, 0);
    assert.match(tampered.stdout, /data\/hcp-summary.csv changed/);
  });

  it('shows the disclosure help, and lists every problem with its flags', async () => {
    const help = await sf(['cme', 'report', 'disclosure', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--standard open-payments\|efpia\|ucpmp/);
    assert.match(help.stdout, /Open Payments for program year 2025 from the org with alias cme-local/);
    assert.match(help.stdout, /--no-strict/);
    const out = path.join(home, 'never-disclosed');
    const run = await reportInto(
      out,
      ['--standard', 'ucpmp', '--year', '2025', '--country', 'Germany', '--format', 'csv,docx'],
      'disclosure',
    );
    assert.notEqual(run.code, 0);
    assert.match(run.stdout, /year: UCPMP reports a financial year/);
    assert.match(run.stdout, /country: --country goes with --standard efpia/);
    assert.match(run.stdout, /formats\.1: /);
    assert.equal(fs.existsSync(out), false);
  });

  it('writes an EFPIA disclosure that verify accepts, and names a year without a data file', async () => {
    const disclose = (year: number, out: string) =>
      reportInto(
        out,
        ['--standard', 'efpia', '--year', String(year), '--no-strict', '--entity-name', 'Acme Pharma Inc.'],
        'disclosure',
      );
    // The seed's twelve months fall in two calendar years: EU events are held in at least one of them.
    const first = Number(seededFrom.slice(0, 4));
    const written: string[] = [];
    for (const year of [first, first + 1]) {
      const out = path.join(home, `efpia-${year}`);
      const run = await disclose(year, out);
      if (run.code === 0) written.push(out);
      else assert.match(run.stdout, /NothingToDisclose|No EFPIA data file/, run.stdout);
    }
    assert.ok(written.length > 0, 'an EFPIA disclosure was written');
    const verify = await sf(['cme', 'report', 'verify', '--dir', written[0]]);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    const missing = await disclose(2019, path.join(home, 'efpia-2019'));
    assert.notEqual(missing.code, 0);
    assert.match(missing.stdout, /No EFPIA data file for 2019/);
    assert.match(missing.stdout, /Copy the nearest year's file/);
    assert.equal(fs.existsSync(path.join(home, 'efpia-2019')), false);
  });

  it('stops with a clear message and no output when the session has expired', async () => {
    const out = path.join(home, 'expired');
    org.faults.configure({ rate: 1, seed: 1, kinds: ['session'] });
    try {
      const run = await reportInto(out, ['--year', '2026']);
      assert.notEqual(run.code, 0);
      assert.match(run.stdout, /has expired or is not valid/);
      assert.match(run.stdout, /sf org login web/);
    } finally {
      org.faults.configure({ rate: 0 });
    }
    assert.equal(fs.existsSync(out), false);
  });
});
