// The disclosure data files: the Open Payments program years shipped in config/disclosure, the loader's
// choice of root, and the errors for a missing year and a bad file (file, path in it, problem).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  DisclosureConfigError,
  disclosureConfigFileName,
  loadOpenPaymentsConfig,
  readConfigFile,
} from '../src/disclosure/config.ts';
import { Messages, SfError } from '@salesforce/core';
import { ReportError } from '../src/report/errors.ts';
import { explainReportError } from '../src/report/explain.ts';
import { DOMAIN_NATURES, DOMAIN_PRIMARY_TYPES, OPEN_PAYMENTS_RECORD_KEYS } from '../src/schema/disclosureConfig.ts';

const REPO_CONFIG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'config', 'disclosure');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'disclosure-config-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const shipped = JSON.parse(fs.readFileSync(path.join(REPO_CONFIG, 'open-payments', 'PY2025.json'), 'utf8')) as Record<
  string,
  unknown
>;

/** A root holding one open-payments file with these contents. */
function rootWith(name: string, contents: unknown): string {
  const root = fs.mkdtempSync(path.join(scratch, 'root-'));
  fs.mkdirSync(path.join(root, 'open-payments'));
  const text = typeof contents === 'string' ? contents : JSON.stringify(contents);
  fs.writeFileSync(path.join(root, 'open-payments', name), text);
  return root;
}

function errorOf(work: () => unknown): DisclosureConfigError {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof DisclosureConfigError, String(error));
    return error;
  }
  assert.fail('expected a DisclosureConfigError');
}

describe('disclosure data files', () => {
  it('ships PY2025 and PY2026 with the thresholds of disclosure.md', () => {
    const py2025 = loadOpenPaymentsConfig(2025, [REPO_CONFIG]);
    assert.equal(py2025.file, path.join(REPO_CONFIG, 'open-payments', 'PY2025.json'));
    assert.deepEqual(py2025.config.thresholds, { item: 13.46, aggregate: 134.54 });
    assert.equal(py2025.config.programYear, 2025);
    const py2026 = loadOpenPaymentsConfig(2026, [REPO_CONFIG]);
    assert.deepEqual(py2026.config.thresholds, { item: 13.82, aggregate: 138.13 });
  });

  it('maps every domain primary type and nature, and says what is unconfirmed', () => {
    const { config } = loadOpenPaymentsConfig(2025, [REPO_CONFIG]);
    assert.deepEqual(Object.keys(config.primaryTypes).sort(), [...DOMAIN_PRIMARY_TYPES].sort());
    assert.deepEqual(Object.keys(config.natures).sort(), [...DOMAIN_NATURES].sort());
    assert.equal(config.primaryTypes['Nurse Practitioner'].recipient, 'non-physician-practitioner');
    assert.equal(config.primaryTypes.Pharmacist.recipient, 'not-covered');
    assert.ok(config.sources.some((s) => /UNCONFIRMED.*column list and order/.test(s)));
    // Every record key is written by some column: nothing the record holds is silently dropped.
    const keys = new Set(config.columns.map((c) => c.key));
    for (const key of OPEN_PAYMENTS_RECORD_KEYS) assert.ok(keys.has(key), key);
  });

  it('reads the first root that has the file', () => {
    const empty = fs.mkdtempSync(path.join(scratch, 'empty-'));
    assert.equal(
      loadOpenPaymentsConfig(2025, [empty, REPO_CONFIG]).file,
      path.join(REPO_CONFIG, 'open-payments', 'PY2025.json'),
    );
    const own = rootWith('PY2025.json', { ...shipped, version: 'project-copy' });
    const loaded = loadOpenPaymentsConfig(2025, [own, REPO_CONFIG]);
    assert.equal(loaded.config.version, 'project-copy');
    assert.equal(loaded.file, path.join(own, 'open-payments', 'PY2025.json'));
  });

  it('a year without a file names the folder and the files that exist', () => {
    const error = errorOf(() => loadOpenPaymentsConfig(2023, [REPO_CONFIG]));
    assert.ok(error instanceof ReportError);
    assert.equal(error.code, 'NoDisclosureConfig');
    assert.match(error.message, /No Open Payments data file for 2023: PY2023\.json is not in /);
    assert.ok(error.message.includes(path.join(REPO_CONFIG, 'open-payments')));
    assert.match(error.message, /Files there: PY2025\.json, PY2026\.json\./);
    assert.match(error.detail[0], /Copy the nearest year's file to PY2023\.json/);
  });

  it('a file that is not JSON names the file', () => {
    const root = rootWith('PY2025.json', '{ "standard": "open-payments", ');
    const error = errorOf(() => loadOpenPaymentsConfig(2025, [root]));
    assert.match(error.message, /PY2025\.json is not valid JSON/);
    assert.equal(error.code, 'BadDisclosureConfig', 'the fix is in the file, not in adding one');
    assert.equal(error.file, path.join(root, 'open-payments', 'PY2025.json'));
  });

  it('a bad file lists every problem with the file and the path in it', () => {
    const columns = (shipped.columns as Array<Record<string, unknown>>).map((c) => ({ ...c }));
    columns[5] = { ...columns[5], name: columns[4].name };
    const primaryTypes = { ...(shipped.primaryTypes as Record<string, unknown>) };
    delete primaryTypes.Nurse;
    const bad = {
      ...shipped,
      thresholds: { item: 13.46, aggregate: -1 },
      natures: { ...(shipped.natures as Record<string, string>), Honoraria: 'Honorarium' },
      columns,
      primaryTypes,
    };
    const root = rootWith('PY2025.json', bad);
    const file = path.join(root, 'open-payments', 'PY2025.json');
    const error = errorOf(() => loadOpenPaymentsConfig(2025, [root]));
    assert.ok(error.detail.includes(`${file}: thresholds.aggregate: must be above zero`), error.detail.join('\n'));
    assert.ok(
      error.detail.some((line) => line.startsWith(`${file}: primaryTypes.Nurse: `)),
      error.detail.join('\n'),
    );
    assert.match(error.message, /has \d+ problems/);

    // With the shape right, the consistency checks speak: an unlisted nature text, a column twice.
    const inconsistent = rootWith('PY2025.json', {
      ...bad,
      thresholds: shipped.thresholds,
      primaryTypes: shipped.primaryTypes,
    });
    const detail = errorOf(() => loadOpenPaymentsConfig(2025, [inconsistent])).detail;
    const where = path.join(inconsistent, 'open-payments', 'PY2025.json');
    assert.ok(
      detail.includes(`${where}: natures.Honoraria: "Honorarium" is not in allowedValues.natures`),
      detail.join('\n'),
    );
    assert.ok(
      detail.includes(`${where}: columns.5.name: column "${String(columns[4].name)}" is listed twice`),
      detail.join('\n'),
    );
  });

  it("a file whose year is not its name's is refused", () => {
    const root = rootWith('PY2026.json', shipped);
    const error = errorOf(() => loadOpenPaymentsConfig(2026, [root]));
    assert.match(error.message, /is for 2025, not 2026/);
    assert.equal(error.code, 'BadDisclosureConfig');
  });

  it('readConfigFile checks any standard file with its schema', () => {
    const file = path.join(scratch, 'tiny.json');
    fs.writeFileSync(file, JSON.stringify({ year: 'soon' }));
    const schema = z.object({ year: z.number() }).strict();
    const error = errorOf(() => readConfigFile(file, schema));
    assert.equal(error.detail.length, 1);
    assert.match(error.detail[0], new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: year: `));
    fs.writeFileSync(file, JSON.stringify({ year: 2025 }));
    assert.deepEqual(readConfigFile(file, schema), { year: 2025 });
    assert.match(errorOf(() => readConfigFile(path.join(scratch, 'none.json'), schema)).message, /Cannot read/);
  });

  it('names files per standard: program year, calendar year, financial year', () => {
    assert.equal(disclosureConfigFileName('open-payments', 2025), 'PY2025.json');
    assert.equal(disclosureConfigFileName('efpia', 2025), '2025.json');
    assert.equal(disclosureConfigFileName('ucpmp', 2025), 'FY2025-26.json');
    assert.equal(disclosureConfigFileName('ucpmp', 2099), 'FY2099-00.json');
  });
});

describe('what the command says for a data file problem', () => {
  Messages.importMessagesDirectory(path.dirname(fileURLToPath(import.meta.url)));
  const messages = Messages.loadMessages('@cme/plugin-cme', 'cme.report.disclosure');

  for (const [what, work, code, action] of [
    [
      'a missing year',
      () => loadOpenPaymentsConfig(2023, [REPO_CONFIG]),
      'NoDisclosureConfig',
      /Copy the nearest year's file to PY2023\.json/,
    ],
    [
      'a file that is not JSON',
      () => loadOpenPaymentsConfig(2025, [rootWith('PY2025.json', '{')]),
      'BadDisclosureConfig',
      /Correct the data file/,
    ],
  ] as const)
    it(`${what}: ${code} with an action`, () => {
      const explained = explainReportError(errorOf(work), messages, 'org');
      assert.ok(explained instanceof SfError);
      assert.equal(explained.name, code);
      assert.match((explained.actions ?? []).join('\n'), action);
    });
});
