// The compliance audit pack against the local org: seeded data in, every file out; the findings are
// the planted problems and equal one whole evaluation by the domain core; REST and Bulk API give the
// same pack; verify catches tampering with any file; faults are retried to the same result; and
// every failure leaves no output behind. --xlsx-detail changes report.xlsx only.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from '@salesforce/core';
import ExcelJS from 'exceljs';
import { LocalOrg } from '../../scripts/src/localorg/server.ts';
import { evaluateCompliance } from '../src/domain/cmeDomain.ts';
import type { RulePack } from '../src/domain/cmeDomain.ts';
import { OrgApi, OrgApiError } from '../src/org/api.ts';
import { FieldValueError } from '../src/org/datetime.ts';
import { readRulePacks } from '../src/org/rulePacks.ts';
import { buildComplianceReport } from '../src/report/build.ts';
import { ReportError } from '../src/report/errors.ts';
import type { ComplianceReportOptions } from '../src/report/types.ts';
import { sha256File, verifyBag } from '../src/report/bagit.ts';
import { detailNote } from '../src/report/xlsx.ts';
import { parseCsv } from '../src/org/csv.ts';
import { generateSeedData, seedWindow } from '../src/seed/generate.ts';
import type { SeedData } from '../src/seed/generate.ts';
import { loadSeedData } from '../src/seed/load.ts';
import { connectionOrg } from '../src/seed/connectionOrg.ts';
import { PACKS } from './packs.ts';
import { plantedPlan, readWorld, startOrgWithPacks } from './localOrg.ts';

const FINDINGS_HEADER = 'rule_id,severity,event_id,event_name,doctor_id,doctor_name,amount,limit,message';

/** A UTC datetime as the local org writes it in Bulk CSV (+0000, as REST does) or as Z. */
const DATETIME_IN_CSV = /(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})(?:\+0000|Z)/g;

/** Other ways a Bulk API could write the same instant (each ISO 8601). */
const BULK_DATETIME_FORMS: Record<string, (utc: Date) => string> = {
  Z: (utc) => utc.toISOString(),
  'plus-0530-no-millis': (utc) => `${new Date(utc.getTime() + 330 * 60_000).toISOString().slice(0, 19)}+05:30`,
};

/** The CSV with each UTC datetime in it written by `write`; `onEach` counts them. */
function rewriteDatetimes(csv: string, write: (utc: Date) => string, onEach: () => void): string {
  return csv.replace(DATETIME_IN_CSV, (_, local: string) => {
    onEach();
    return write(new Date(`${local}Z`));
  });
}

/** The API with its Bulk API 2.0 results pages (CSV) passed through `rewrite` on their way in. */
function bulkCsvRewritten(api: OrgApi, rewrite: (csv: string) => string): OrgApi {
  const send = api.send.bind(api);
  api.send = async (request) => {
    const response = await send(request);
    if (request.accept !== 'text/csv') return response;
    return new Response(rewrite(await response.text()), { status: response.status, headers: response.headers });
  };
  return api;
}

describe('sf cme report compliance: the audit pack', () => {
  let org: LocalOrg;
  let conn: Connection;
  let data: SeedData;
  let asOf: string;
  let work: string;
  let restPack: string;

  const api = () => new OrgApi(conn, { sleep: async () => {} });
  const options = (outputDir: string, extra: Partial<ComplianceReportOptions> = {}): ComplianceReportOptions => ({
    window: { start: '2026-03-01', end: '2027-02-28', label: 'test window' },
    asOf,
    formats: ['csv', 'xlsx', 'pdf', 'json'],
    outputDir,
    identity: { orgId: org.identity.orgId, username: 'admin@cme.local', instanceUrl: conn.instanceUrl },
    toolVersion: '0.0.0-test',
    pollMs: 5,
    now: () => new Date('2026-11-24T10:00:00Z'),
    ...extra,
  });
  const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, 'data', file), 'utf8');
  const leftovers = () => fs.readdirSync(work).filter((f) => f.includes('.partial-'));

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-report-test-'));
    ({ org, conn } = await startOrgWithPacks());
    const plan = plantedPlan();
    data = generateSeedData(plan, PACKS);
    asOf = new Date(seedWindow(plan).pivot).toISOString().slice(0, 10);
    const loaded = await loadSeedData(connectionOrg(conn), data);
    assert.deepEqual(
      loaded.flatMap((r) => r.failures),
      [],
    );
    restPack = path.join(work, 'rest');
    await buildComplianceReport(api(), options(restPack, { bulkThreshold: 1_000_000 }));
  });
  after(async () => {
    await org.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('writes every file of the pack as a BagIt bag', () => {
    const files = fs.readdirSync(path.join(restPack, 'data')).sort();
    assert.deepEqual(files, [
      'attendance.csv',
      'events.csv',
      'findings.csv',
      'hcp-summary.csv',
      'report.json',
      'report.xlsx',
      'summary.pdf',
      'transfers-of-value.csv',
    ]);
    assert.deepEqual(fs.readdirSync(restPack).sort(), [
      'bag-info.txt',
      'bagit.txt',
      'data',
      'manifest-sha256.txt',
      'tagmanifest-sha256.txt',
    ]);
    assert.ok(read(restPack, 'findings.csv').startsWith(`${FINDINGS_HEADER},`));
    assert.equal(fs.readFileSync(path.join(restPack, 'data/summary.pdf')).subarray(0, 5).toString(), '%PDF-');
    assert.equal(fs.readFileSync(path.join(restPack, 'data/report.xlsx')).subarray(0, 2).toString(), 'PK');
    const info = fs.readFileSync(path.join(restPack, 'bag-info.txt'), 'utf8');
    for (const label of [
      'CME-Org-Id',
      'CME-User',
      'CME-Window-Start',
      'CME-Rule-Packs',
      'CME-Generated-At',
      'CME-Tool',
      'CME-Counts',
      'Payload-Oxum',
    ])
      assert.match(info, new RegExp(`^${label}: \\S`, 'm'));
    assert.match(info, /CME-Rule-Packs: .*IN-UCPMP-2024 \S+/);
    const events = parseCsv(read(restPack, 'events.csv'));
    assert.equal(events.length - 1, data.events.length, 'every seeded event is in the window');
    const attendance = parseCsv(read(restPack, 'attendance.csv'));
    assert.equal(attendance.length - 1, data.attendance.length);
    const json = JSON.parse(read(restPack, 'report.json')) as Record<string, unknown[]>;
    assert.equal(json.attendance.length, data.attendance.length);
    assert.equal(json.findings.length, parseCsv(read(restPack, 'findings.csv')).length - 1);
  });

  it('finds exactly the planted problems, the same findings as one whole evaluation', async () => {
    const input = await readWorld(conn);
    const { events } = input;
    const expected = [...PACKS.values()].flatMap((pack) =>
      evaluateCompliance(input, pack, {
        today: asOf,
        eventIds: events.filter((e) => e.Rule_Pack__r.Code__c === pack.code).map((e) => e.Id),
      }),
    );
    const rows = parseCsv(read(restPack, 'findings.csv')).slice(1);
    const key = (r: { rule: string; event: string; doctor: string; message: string }) =>
      `${r.rule}|${r.event}|${r.doctor}|${r.message}`;
    assert.deepEqual(
      rows.map((r) => key({ rule: r[0], event: r[2], doctor: r[4], message: r[8] })).sort(),
      expected
        .map((f) => key({ rule: f.ruleId, event: f.eventId, doctor: f.doctorId ?? '', message: f.message }))
        .sort(),
    );
    assert.ok(rows.length >= data.planted.length);
    const keyOf = new Map(events.map((e) => [e.Id, e.Event_Key__c]));
    const found = new Set(rows.map((r) => `${r[0]}@${keyOf.get(r[2])}`));
    assert.deepEqual(
      data.planted.filter((p) => !found.has(`${p.ruleId}@${p.eventKey}`)),
      [],
    );
    // Blocks come first, as the domain core orders findings.
    const severities = rows.map((r) => r[1]);
    assert.deepEqual(severities, [...severities].sort());
  });

  it('gives the same files through Bulk API 2.0 as through REST', async () => {
    const bulkPack = path.join(work, 'bulk');
    const result = await buildComplianceReport(api(), options(bulkPack, { bulkThreshold: 0 }));
    assert.equal(result.readWith.CME_Attendance__c, 'bulk');
    assert.equal(result.readWith.CME_Invitation__c, 'bulk');
    for (const file of ['events.csv', 'attendance.csv', 'transfers-of-value.csv', 'hcp-summary.csv', 'findings.csv'])
      assert.equal(read(bulkPack, file), read(restPack, file), file);
  });

  it("writes every datetime column as ISO 8601 UTC with Z, the REST API's +0000 converted", async () => {
    const restStarts = new Map(
      (await conn.query<{ Id: string; Start__c: string }>('SELECT Id, Start__c FROM CME_Event__c')).records.map((e) => [
        e.Id,
        e.Start__c,
      ]),
    );
    const events = parseCsv(read(restPack, 'events.csv'));
    const column = (rows: string[][], name: string) => rows.slice(1).map((r) => r[rows[0].indexOf(name)]);
    const ids = column(events, 'event_id');
    column(events, 'start').forEach((start, i) => {
      const rest = restStarts.get(ids[i]) as string;
      assert.match(rest, /\+0000$/, 'the REST API gives +0000');
      assert.equal(start, `${rest.slice(0, -'+0000'.length)}Z`);
    });
    const canonical = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
    const attendance = parseCsv(read(restPack, 'attendance.csv'));
    for (const [rows, name] of [
      [events, 'start'],
      [events, 'end'],
      [events, 'submitted_on'],
      [events, 'approved_on'],
      [attendance, 'checked_in_at'],
      [attendance, 'checked_out_at'],
      [attendance, 'signed_at'],
    ] as const) {
      const values = column(rows, name).filter(Boolean);
      assert.ok(values.length > 0, `${name} has values`);
      for (const value of values) assert.match(value, canonical, name);
    }
  });

  it('gives the same files whatever form the Bulk API writes its datetimes in (Z, +05:30 without milliseconds)', async () => {
    for (const [form, write] of Object.entries(BULK_DATETIME_FORMS)) {
      const out = path.join(work, `bulk-${form}`);
      let rewritten = 0;
      const reading = bulkCsvRewritten(api(), (csv) => rewriteDatetimes(csv, write, () => rewritten++));
      const result = await buildComplianceReport(reading, options(out, { bulkThreshold: 0 }));
      assert.equal(result.readWith.CME_Attendance__c, 'bulk');
      assert.ok(rewritten > 100, `${form}: ${rewritten} datetimes rewritten`);
      for (const file of ['events.csv', 'attendance.csv', 'transfers-of-value.csv', 'hcp-summary.csv', 'findings.csv'])
        assert.equal(read(out, file), read(restPack, file), `${form}: ${file}`);
    }
  });

  it('refuses a Bulk API datetime it cannot read, naming the field and the value, and writes nothing', async () => {
    const out = path.join(work, 'bulk-bad-datetime');
    let spoiled = false;
    const reading = bulkCsvRewritten(api(), (csv) => {
      // The attendance results: the first datetime in them becomes a day/month/year text.
      if (spoiled || !csv.split('\n', 1)[0].includes('Checked_In_At__c')) return csv;
      spoiled = true;
      return csv.replace(new RegExp(DATETIME_IN_CSV.source), '14/03/2026 04:00');
    });
    await assert.rejects(buildComplianceReport(reading, options(out, { bulkThreshold: 0 })), (e: Error) => {
      assert.ok(e instanceof FieldValueError, String(e));
      assert.match(
        e.message,
        /^CME_Attendance__c\.(Checked_In_At__c|Checked_Out_At__c|Signed_At__c) holds "14\/03\/2026 04:00", which is not a datetime/,
      );
      return true;
    });
    assert.ok(spoiled, 'the attendance results were read');
    assert.equal(fs.existsSync(out), false);
    assert.deepEqual(leftovers(), []);
  });

  it('verify accepts the pack and names any file that was changed, removed or added', () => {
    assert.deepEqual(verifyBag(restPack), { valid: true, checked: 11, problems: [] });
    const files = [
      ...fs.readdirSync(path.join(restPack, 'data')).map((f) => `data/${f}`),
      'bag-info.txt',
      'manifest-sha256.txt',
      'bagit.txt',
    ];
    for (const rel of files) {
      const file = path.join(restPack, rel);
      const original = fs.readFileSync(file);
      fs.writeFileSync(file, Buffer.concat([original, Buffer.from(' ')]));
      const result = verifyBag(restPack);
      fs.writeFileSync(file, original);
      assert.equal(result.valid, false, rel);
      assert.ok(
        result.problems.some((p) => p.file === rel && p.problem === 'changed'),
        `${rel}: ${JSON.stringify(result.problems)}`,
      );
    }
    fs.writeFileSync(path.join(restPack, 'data/extra.csv'), 'x');
    assert.deepEqual(
      verifyBag(restPack).problems.map((p) => [p.file, p.problem]),
      [['data/extra.csv', 'unexpected']],
    );
    fs.rmSync(path.join(restPack, 'data/extra.csv'));
    const moved = path.join(work, 'findings.bak');
    fs.renameSync(path.join(restPack, 'data/findings.csv'), moved);
    assert.deepEqual(
      verifyBag(restPack).problems.map((p) => [p.file, p.problem]),
      [['data/findings.csv', 'missing']],
    );
    fs.renameSync(moved, path.join(restPack, 'data/findings.csv'));
    assert.equal(verifyBag(restPack).valid, true);
  });

  it('completes with the same files when a few per cent of API calls fail and are retried', async () => {
    org.faults.configure({ rate: 0.08, seed: 5, kinds: ['unavailable', 'limit', 'drop'] });
    try {
      const faulty = path.join(work, 'faulty');
      await buildComplianceReport(api(), options(faulty, { bulkThreshold: 0 }));
      const injected = Object.values(org.faults.injected).reduce((n, v) => n + v, 0);
      assert.ok(injected >= 1, `faults injected: ${injected}`);
      for (const file of ['events.csv', 'attendance.csv', 'transfers-of-value.csv', 'hcp-summary.csv', 'findings.csv'])
        assert.equal(read(faulty, file), read(restPack, file), file);
    } finally {
      org.faults.configure({ rate: 0 });
    }
  });

  it('cuts the row-level sheets of report.xlsx at --xlsx-detail, naming their CSV; every other file the same', async () => {
    const sheetRows = async (dir: string) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(path.join(dir, 'data/report.xlsx'));
      return Object.fromEntries(
        workbook.worksheets.map((s) => [
          s.name,
          s.getSheetValues().flatMap((row) => (Array.isArray(row) ? [row.slice(1)] : [])),
        ]),
      );
    };
    const manifest = (dir: string) =>
      new Map(
        fs
          .readFileSync(path.join(dir, 'manifest-sha256.txt'), 'utf8')
          .trim()
          .split('\n')
          .map((line) => line.split('  ').reverse() as [string, string]),
      );
    const cut = path.join(work, 'xlsx-detail-3');
    await buildComplianceReport(api(), options(cut, { bulkThreshold: 1_000_000, xlsxDetail: 3 }));
    const rows = {
      attendance: data.attendance.length,
      transfers: parseCsv(read(cut, 'transfers-of-value.csv')).length - 1,
    };
    assert.ok(rows.attendance > 3 && rows.transfers > 3, JSON.stringify(rows));
    for (const file of fs.readdirSync(path.join(restPack, 'data')).filter((f) => f !== 'report.xlsx'))
      assert.ok(
        fs.readFileSync(path.join(cut, 'data', file)).equals(fs.readFileSync(path.join(restPack, 'data', file))),
        file,
      );
    const [whole, short] = [await sheetRows(restPack), await sheetRows(cut)];
    assert.deepEqual(Object.keys(short), Object.keys(whole));
    for (const [sheet, file, n] of [
      ['Attendance', 'attendance.csv', rows.attendance],
      ['Transfers of value', 'transfers-of-value.csv', rows.transfers],
    ] as const) {
      assert.equal(whole[sheet].length, n + 1, `${sheet} whole by default`);
      const sha256 = manifest(cut).get(`data/${file}`) as string;
      assert.equal(sha256, sha256File(path.join(cut, 'data', file)));
      assert.deepEqual(short[sheet], [
        ...whole[sheet].slice(0, 4),
        [detailNote(3, { file: `data/${file}`, rows: n, sha256 })],
      ]);
    }
    for (const sheet of ['Events', 'HCP summary', 'Findings']) assert.deepEqual(short[sheet], whole[sheet], sheet);
    assert.equal(verifyBag(cut).valid, true);

    // Without CSV files in the pack there is nothing to name: every row stays in report.xlsx.
    const xlsxOnly = path.join(work, 'xlsx-only-detail-3');
    await buildComplianceReport(
      api(),
      options(xlsxOnly, { formats: ['xlsx'], bulkThreshold: 1_000_000, xlsxDetail: 3 }),
    );
    assert.deepEqual((await sheetRows(xlsxOnly)).Attendance, whole.Attendance);
  });

  it('refuses an output folder that exists, or one it cannot create, before reading anything', async () => {
    const calls = api();
    await assert.rejects(
      buildComplianceReport(calls, options(restPack)),
      (e: ReportError) => e.code === 'OutputExists',
    );
    const file = path.join(work, 'a-file');
    fs.writeFileSync(file, 'x');
    await assert.rejects(
      buildComplianceReport(calls, options(path.join(file, 'pack'))),
      (e: ReportError) => e.code === 'OutputNotWritable',
    );
    assert.equal(calls.calls, 0);
    assert.deepEqual(leftovers(), []);
  });

  it('names the rule packs it knows when asked for one it does not, and writes nothing', async () => {
    const out = path.join(work, 'unknown-pack');
    await assert.rejects(buildComplianceReport(api(), options(out, { rulePack: 'XX-NOPE' })), (e: ReportError) => {
      assert.equal(e.code, 'UnknownRulePack');
      assert.deepEqual(e.detail, ['EU-EFPIA', 'IN-UCPMP-2024', 'US-PHRMA-OPENPAYMENTS']);
      return true;
    });
    assert.equal(fs.existsSync(out), false);
    assert.deepEqual(leftovers(), []);
  });

  it('stops on an expired session and on an org that stays unavailable, leaving no output', async () => {
    for (const kind of ['session', 'unavailable'] as const) {
      org.faults.configure({ rate: 1, seed: 1, kinds: [kind] });
      const out = path.join(work, `fail-${kind}`);
      try {
        await assert.rejects(buildComplianceReport(api(), options(out)), (e: OrgApiError) => {
          assert.equal(e.errorCode, kind === 'session' ? 'INVALID_SESSION_ID' : 'SERVER_UNAVAILABLE');
          return true;
        });
      } finally {
        org.faults.configure({ rate: 0 });
      }
      assert.equal(fs.existsSync(out), false);
      assert.deepEqual(leftovers(), []);
    }
  });

  it('judges every event by one pack when asked', async () => {
    const out = path.join(work, 'one-pack');
    const result = await buildComplianceReport(
      api(),
      options(out, { rulePack: 'US-PHRMA-OPENPAYMENTS', formats: ['csv'] }),
    );
    assert.deepEqual(
      result.rulePacks.map((p) => [p.code, p.events]),
      [['US-PHRMA-OPENPAYMENTS', data.events.length]],
    );
    assert.deepEqual(fs.readdirSync(path.join(out, 'data')).sort(), [
      'attendance.csv',
      'events.csv',
      'findings.csv',
      'hcp-summary.csv',
      'transfers-of-value.csv',
    ]);
    const packs = new Set(
      parseCsv(read(out, 'events.csv'))
        .slice(1)
        .map((r) => r[3]),
    );
    assert.deepEqual([...packs], ['US-PHRMA-OPENPAYMENTS']);
  });
  it('reads the rule packs with their rules in one call, and falls back to a query of rules the org pages', async () => {
    const whole = api();
    const packs = await readRulePacks(whole);
    assert.equal(whole.calls, 1);
    // The report does not read the rules' notes.
    const summary = (map: ReadonlyMap<string, RulePack>) =>
      [...map.values()]
        .map((p) => [
          p.code,
          p.version,
          JSON.stringify(p.rules, (key, value: unknown) => (key === 'notes' ? undefined : value)),
        ])
        .sort();
    assert.deepEqual(summary(packs), summary(PACKS));

    // The same org answering as if each pack's rules took more than one page.
    const paged = api();
    const json = paged.json.bind(paged);
    paged.json = (async (request: Parameters<OrgApi['json']>[0]) => {
      const body = (await json(request)) as { records: Record<string, unknown>[] };
      for (const r of body.records)
        if (r.Rules__r) r.Rules__r = { ...(r.Rules__r as object), done: false, records: [] };
      return body;
    }) as OrgApi['json'];
    assert.deepEqual(summary(await readRulePacks(paged)), summary(PACKS));
    assert.equal(paged.calls, 2);
  });
});

describe('sf cme report compliance: an org without the package', () => {
  it('names the missing object', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-empty-org-'));
    fs.mkdirSync(path.join(root, 'force-app/main/default/objects'), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'sfdx-project.json'),
      JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '66.0' }),
    );
    const org = new LocalOrg({ root, database: ':memory:', port: 0 });
    const instanceUrl = await org.start();
    try {
      const api = new OrgApi(
        { instanceUrl, accessToken: org.identity.accessToken, version: '66.0' },
        { sleep: async () => {} },
      );
      const out = path.join(root, 'pack');
      await assert.rejects(
        buildComplianceReport(api, {
          window: { start: '2026-01-01', end: '2026-12-31', label: '2026' },
          asOf: '2026-11-24',
          formats: ['csv'],
          outputDir: out,
          identity: { orgId: org.identity.orgId, username: 'u', instanceUrl },
          toolVersion: '0',
        }),
        (e: ReportError) => {
          assert.equal(e.code, 'MissingPackage');
          assert.match(e.message, /CME_Rule_Pack__c/);
          return true;
        },
      );
      assert.equal(fs.existsSync(out), false);
    } finally {
      await org.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
