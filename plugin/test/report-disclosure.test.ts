// `sf cme report disclosure` against the local org: seeded data in, each standard's bag out and
// verified; every planted disclosure problem is reported where the seed says; the file ties to the
// audit pack's ledger for the same period (computed here from the audit pack's own transfers table);
// bad input (an unknown country, a year without data or without a data file, --strict with
// problems) gives a clear error and no partial output.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from '@salesforce/core';
import { LocalOrg } from '../../scripts/src/localorg/server.ts';
import { buildDisclosure } from '../src/disclosure/build.ts';
import { countryCode } from '../src/disclosure/checks.ts';
import type { DisclosureOptions, DisclosureResult } from '../src/disclosure/build.ts';
import { OrgApi } from '../src/org/api.ts';
import { parseCsv } from '../src/org/csv.ts';
import { verifyBag } from '../src/report/bagit.ts';
import { buildComplianceReport } from '../src/report/build.ts';
import { ReportError } from '../src/report/errors.ts';
import { disclosurePeriod } from '../src/schema/disclosureOptions.ts';
import { generateSeedData, seedWindow } from '../src/seed/generate.ts';
import type { SeedData } from '../src/seed/generate.ts';
import { loadSeedData } from '../src/seed/load.ts';
import { connectionOrg } from '../src/seed/connectionOrg.ts';
import type { DisclosureStandardName } from '../src/disclosure/types.ts';
import { PACKS } from './packs.ts';
import { ROOT, plantedPlan, startOrgWithPacks } from './localOrg.ts';

type Rows = Record<string, string>[];

/** A CSV file of a bag as objects by header. */
function table(dir: string, file: string): Rows {
  const [header, ...rows] = parseCsv(fs.readFileSync(path.join(dir, 'data', file), 'utf8'));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

const cents = (text: string) => Math.round(Number(text) * 100);

describe('sf cme report disclosure', () => {
  let org: LocalOrg;
  let conn: Connection;
  let data: SeedData;
  let asOf: string;
  let work: string;
  let year: number;

  const api = () => new OrgApi(conn, { sleep: async () => {} });
  const options = (
    standard: DisclosureStandardName,
    outputDir: string,
    extra: Partial<DisclosureOptions> = {},
  ): DisclosureOptions => ({
    standard,
    period: disclosurePeriod(standard, year),
    asOf,
    formats: ['csv', 'xlsx', 'pdf'],
    strict: false,
    outputDir: path.join(work, outputDir),
    configRoots: [path.join(ROOT, 'config', 'disclosure')],
    reportingEntity: { name: 'Acme Pharma Inc.', registrationId: '100000012345' },
    identity: { orgId: org.identity.orgId, username: 'admin@cme.local', instanceUrl: conn.instanceUrl },
    toolVersion: '0.0.0-test',
    pollMs: 5,
    now: () => new Date('2026-11-24T10:00:00Z'),
    ...extra,
  });
  const results = new Map<string, DisclosureResult>();
  const run = async (standard: DisclosureStandardName, dir: string, extra: Partial<DisclosureOptions> = {}) => {
    const result = await buildDisclosure(api(), options(standard, dir, extra));
    results.set(dir, result);
    return result;
  };
  const leftovers = () => fs.readdirSync(work).filter((f) => f.includes('.partial-'));

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-disclosure-test-'));
    ({ org, conn } = await startOrgWithPacks());
    const plan = plantedPlan();
    data = generateSeedData(plan, PACKS);
    asOf = new Date(seedWindow(plan).pivot).toISOString().slice(0, 10);
    year = data.plantedDisclosure[0]?.year ?? Number(asOf.slice(0, 4));
    const loaded = await loadSeedData(connectionOrg(conn), data);
    assert.deepEqual(
      loaded.flatMap((r) => r.failures),
      [],
    );
  });
  after(async () => {
    await org.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('writes the Open Payments file as a verified bag with its tables and summary', async () => {
    const result = await run('open-payments', 'op');
    const dir = result.outputDir;
    assert.deepEqual(fs.readdirSync(path.join(dir, 'data')).sort(), [
      'disclosure.xlsx',
      'excluded.csv',
      `open-payments-PY${year}.csv`,
      'reconciliation.csv',
      'summary.pdf',
      'validation.csv',
    ]);
    assert.deepEqual(verifyBag(dir).problems, []);
    assert.ok(result.counts.records > 0, 'some records');
    const records = table(dir, `open-payments-PY${year}.csv`);
    assert.equal(records.length, result.counts.records);
    // Every record is a US covered recipient's, with a valid id and the payment inside the program year.
    const header = Object.keys(records[0]);
    const recordId = header.find((h) => /RECORD_ID/.test(h)) as string;
    assert.ok(recordId, `a Record ID column in ${header.join(', ')}`);
    assert.equal(new Set(records.map((r) => r[recordId])).size, records.length, 'Record IDs are distinct');
    const date = header.find((h) => /DATE_OF_PAYMENT/.test(h)) as string;
    for (const r of records) assert.match(r[date], new RegExp(`^\\d\\d/\\d\\d/${year}$`));
    const bagInfo = fs.readFileSync(path.join(dir, 'bag-info.txt'), 'utf8');
    assert.match(bagInfo, new RegExp(`^CME-Period: PY${year} ${year}-01-01 ${year}-12-31$`, 'm'));
    assert.equal(leftovers().length, 0);
  });

  it('makes the same Record IDs every time the file is made', async () => {
    const again = await run('open-payments', 'op-again');
    const first = table(path.join(work, 'op'), `open-payments-PY${year}.csv`);
    const second = table(again.outputDir, `open-payments-PY${year}.csv`);
    assert.deepEqual(second, first);
  });

  it('writes a file longer than CMS takes as parts, each with the header and within the limit', async () => {
    const roots = fs.mkdtempSync(path.join(work, 'config-'));
    fs.cpSync(path.join(ROOT, 'config', 'disclosure'), roots, { recursive: true });
    const file = path.join(roots, 'open-payments', `PY${year}.json`);
    const limit = 12_000;
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), maxFileBytes: limit }));
    const parted = await run('open-payments', 'op-parts', { configRoots: [roots] });
    const names = fs.readdirSync(path.join(parted.outputDir, 'data')).filter((f) => f.startsWith('open-payments-'));
    assert.ok(names.length > 1, names.join(', '));
    assert.deepEqual(names, names.map((_, i) => `open-payments-PY${year}-part${i + 1}.csv`).sort());
    const whole = table(path.join(work, 'op'), `open-payments-PY${year}.csv`);
    const header = Object.keys(whole[0]).join(',');
    const rows: Rows = [];
    for (const name of names) {
      const bytes = fs.statSync(path.join(parted.outputDir, 'data', name)).size;
      assert.ok(bytes <= limit, `${name}: ${bytes} bytes`);
      assert.ok(fs.readFileSync(path.join(parted.outputDir, 'data', name), 'utf8').startsWith(`${header}\r\n`));
      rows.push(...table(parted.outputDir, name));
    }
    assert.deepEqual(rows, whole, 'the parts hold the records of the single file, in order');
    assert.deepEqual(verifyBag(parted.outputDir).problems, []);
  });

  it('reports every planted disclosure problem where the seed says, on the planted doctor', () => {
    assert.deepEqual(
      data.plantedDisclosure.map((p) => p.kind).sort(),
      ['BELOW_THRESHOLD', 'INVALID_NPI', 'MISSING_ADDRESS', 'NO_CONSENT'],
      'the seed plants all four kinds',
    );
    const lastName = (key: string) =>
      String(data.contacts.find((c) => c.CME_HCP_Key__c === key)?.LastName ?? `no contact ${key}`);
    const op = path.join(work, 'op');
    for (const planted of data.plantedDisclosure.filter((p) => p.standard === 'open-payments')) {
      const name = lastName(planted.doctorKey);
      if (planted.reportedIn === 'validation') {
        const rows = table(op, 'validation.csv').filter((p) => p.doctor_name.includes(name));
        assert.ok(rows.length > 0, `${planted.kind}: validation rows for ${name}`);
        assert.ok(
          rows.every((p) => p.fix.includes(planted.field as string)),
          `${planted.kind}: every row of ${name} says to fix ${planted.field}`,
        );
      } else {
        const rows = table(op, 'excluded.csv').filter((e) => e.doctor_name.includes(name));
        assert.deepEqual(
          rows.map((e) => [e.reason, e.amount]),
          [[planted.reason, '9.5']],
          `${planted.kind}: ${name}'s $9.50 is the one line excluded`,
        );
      }
    }
  });

  /**
   * The ledger side from the audit pack itself, for the window: its transfers of value in the
   * standard's currency (one pack per currency in the seed), Actual lines, per category; a line no HCP
   * received stands there whole (line_amount).
   */
  const auditLedger = async (window: { start: string; end: string }, currency: string) => {
    const pack = await buildComplianceReport(api(), {
      window: { ...window, label: 'ledger' },
      asOf,
      formats: ['csv'],
      outputDir: path.join(work, `audit-${window.start}`),
      identity: { orgId: org.identity.orgId, username: 'admin@cme.local', instanceUrl: conn.instanceUrl },
      toolVersion: '0.0.0-test',
      pollMs: 5,
    });
    const ledger = new Map<string, number>();
    for (const t of table(pack.outputDir, 'transfers-of-value.csv'))
      if (t.stage === 'Actual' && t.currency === currency)
        ledger.set(
          t.category,
          (ledger.get(t.category) ?? 0) + cents(t.basis === 'unattributed' ? t.line_amount : t.amount),
        );
    fs.rmSync(pack.outputDir, { recursive: true });
    return ledger;
  };
  const assertTiesToAuditPack = async (result: DisclosureResult, currency: string) => {
    for (const row of result.reconciliation) assert.equal(row.difference, 0, `${row.currency} ${row.category}`);
    const ledger = await auditLedger(result.period, currency);
    assert.ok(ledger.size > 0, `the audit pack has ${currency} lines`);
    const reconciled = result.reconciliation.filter((r) => r.currency === currency);
    assert.deepEqual(
      reconciled.map((r) => [r.category, cents(String(r.ledger))]).sort(),
      [...ledger].sort(),
      `${result.standard}: the reconciliation's ledger is the audit pack's`,
    );
  };

  it('ties the Open Payments file to the audit pack’s ledger to the cent, per category', async () => {
    const op = results.get('op') as DisclosureResult;
    await assertTiesToAuditPack(op, 'USD');
    // Every line of the period is in one bucket: records, below the threshold, not covered, invalid.
    const reconciliation = table(op.outputDir, 'reconciliation.csv');
    const records = table(op.outputDir, `open-payments-PY${year}.csv`);
    const amount = Object.keys(records[0]).find((h) => /TOTAL_AMOUNT/.test(h)) as string;
    assert.equal(
      records.reduce((n, r) => n + cents(r[amount]), 0),
      reconciliation.reduce((n, r) => n + cents(r.disclosed), 0),
      'the records add up to the disclosed bucket',
    );
  });

  it('writes EFPIA national files with named rows and the aggregate row, and the methodological note', async () => {
    const result = await run('efpia', 'efpia');
    const dir = result.outputDir;
    const files = fs.readdirSync(path.join(dir, 'data')).sort();
    const national = files.filter((f) => /^efpia-\d{4}-[A-Z]{2}\.csv$/.test(f));
    assert.ok(national.length > 0, files.join(', '));
    assert.ok(files.includes('methodological-note.md') && files.includes('methodological-note.pdf'));
    assert.deepEqual(verifyBag(dir).problems, []);
    await assertTiesToAuditPack(result, 'EUR');
    // The recipient without consent is never named: they are counted in their country's aggregate row.
    const noConsent = data.plantedDisclosure.find((p) => p.kind === 'NO_CONSENT');
    assert.ok(noConsent, 'the seed plants an EU recipient without consent');
    const contact = data.contacts.find((c) => c.CME_HCP_Key__c === noConsent.doctorKey);
    for (const file of national) {
      const text = fs.readFileSync(path.join(dir, 'data', file), 'utf8');
      assert.ok(!text.includes(String(contact?.LastName)), `${contact?.LastName} is not named in ${file}`);
    }
    const country = countryCode(String(contact?.MailingCountry));
    const ofCountry = table(dir, `efpia-${year}-${country}.csv`);
    const counted = ofCountry.find((r) => Object.values(r)[0].startsWith('Number of Recipients in aggregate'));
    assert.ok(counted && Object.values(counted).some((v) => Number(v) >= 1), `${country} has an aggregate row`);
    const reconciliation = table(dir, 'reconciliation.csv');
    assert.ok(
      reconciliation.some((r) => cents(r.aggregate) > 0),
      'the recipient without consent is in an aggregate row',
    );
    const note = fs.readFileSync(path.join(dir, 'data', 'methodological-note.md'), 'utf8');
    assert.match(note, /Acme Pharma Inc\./);
  });

  it('writes only the countries asked for, and refuses one without recipients', async () => {
    const all = results.get('efpia') as DisclosureResult;
    const countries = fs
      .readdirSync(path.join(all.outputDir, 'data'))
      .map((f) => /^efpia-\d{4}-([A-Z]{2})\.csv$/.exec(f)?.[1])
      .filter((c): c is string => !!c);
    const one = await run('efpia', 'efpia-one', { countries: [countries[0]] });
    assert.deepEqual(
      fs.readdirSync(path.join(one.outputDir, 'data')).filter((f) => f.startsWith('efpia-')),
      [`efpia-${year}-${countries[0]}.csv`],
    );
    for (const row of one.reconciliation) assert.equal(row.difference, 0);
    await assert.rejects(
      run('efpia', 'efpia-nowhere', { countries: ['IS'] }),
      (error: ReportError) => error.code === 'UnknownCountry' && error.detail.includes(countries[0]),
    );
    assert.equal(fs.existsSync(path.join(work, 'efpia-nowhere')), false);
    assert.equal(leftovers().length, 0);
  });

  it('writes the UCPMP statement of the financial year and the pre-filled self-declaration', async () => {
    // The seed's events start in March of the disclosure year: FY(year-1) holds the first of them.
    const fiscal = year - 1;
    const result = await run('ucpmp', 'ucpmp', { period: disclosurePeriod('ucpmp', fiscal) });
    const dir = result.outputDir;
    const files = fs.readdirSync(path.join(dir, 'data')).sort();
    assert.ok(files.includes(`ucpmp-FY${fiscal}-${String(fiscal + 1).slice(2)}-statement.csv`), files.join(', '));
    assert.ok(files.includes('self-declaration.md') && files.includes('self-declaration.pdf'));
    assert.deepEqual(verifyBag(dir).problems, []);
    assert.ok(result.counts.records > 0, 'held events in the statement');
    await assertTiesToAuditPack(result, 'INR');
  });

  it('with --strict, a record problem fails the run and leaves validation.csv alone', async () => {
    await assert.rejects(
      run('open-payments', 'op-strict', { strict: true }),
      (error: ReportError) => error.code === 'InvalidRecords',
    );
    assert.deepEqual(fs.readdirSync(path.join(work, 'op-strict')), ['validation.csv']);
    assert.equal(leftovers().length, 0);
  });

  it('refuses a year without data, and a year without a data file, leaving nothing behind', async () => {
    await assert.rejects(
      run('open-payments', 'op-empty', { period: disclosurePeriod('open-payments', 2025) }),
      (error: ReportError) => error.code === 'NothingToDisclose',
    );
    assert.equal(fs.existsSync(path.join(work, 'op-empty')), false);
    await assert.rejects(
      run('open-payments', 'op-1999', { period: disclosurePeriod('open-payments', 2023) }),
      (error: ReportError) => error.code === 'NoDisclosureConfig' && /PY2023\.json/.test(error.message),
    );
    assert.equal(fs.existsSync(path.join(work, 'op-1999')), false);
    assert.equal(leftovers().length, 0);
  });
});
