// The official sf CLI (@salesforce/cli, a devDependency) works against the local org unchanged.
// Each sf call starts the CLI (a few seconds), so this file keeps their number small.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalOrg } from '../src/localorg/server.ts';
import { runSf as runSfIn } from '../src/sf-cli.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface SfResult {
  code: number;
  json: { status: number; result?: unknown; name?: string; message?: string };
  stderr: string;
}

describe('official sf CLI against the local org', () => {
  let org: LocalOrg;
  let home: string;
  let dbDir: string;
  let token: string;

  /** Runs `sf` with a throwaway HOME (auth lives in $HOME/.sfdx) and Node 22 first on PATH. */
  const runSf = (args: string[], extraEnv: Record<string, string> = {}) => runSfIn(home, args, { env: extraEnv });

  /** `sf … --json`, parsed. */
  async function sf(args: string[], extraEnv: Record<string, string> = {}): Promise<SfResult> {
    const { code, stdout, stderr } = await runSf([...args, '--json'], extraEnv);
    let json: SfResult['json'];
    try {
      json = JSON.parse(stdout);
    } catch {
      json = { status: -1, message: `not JSON: ${stdout.slice(0, 500)}` };
    }
    return { code, json, stderr };
  }

  /** `sf … --target-org local --json`, parsed: every command after the login. */
  const onLocal = (args: string[]) => sf([...args, '--target-org', 'local']);

  /** `sf data create record` of a Contact with `values` as the CLI writes them. */
  const createContact = (values: string) =>
    onLocal(['data', 'create', 'record', '--sobject', 'Contact', '--values', values]);

  before(async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-sf-home-'));
    dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-sf-db-'));
    org = new LocalOrg({ root: ROOT, database: path.join(dbDir, 'org.sqlite'), port: 0 });
    await org.start();
    token = org.identity.accessToken;
  });

  after(async () => {
    await org.stop();
    fs.rmSync(home, { recursive: true, force: true });
    fs.rmSync(dbDir, { recursive: true, force: true });
  });

  it('logs in with sf org login access-token and displays the org', async () => {
    const login = await sf(
      ['org', 'login', 'access-token', '--instance-url', org.instanceUrl, '--no-prompt', '--alias', 'local'],
      { SF_ACCESS_TOKEN: token },
    );
    assert.equal(login.code, 0, JSON.stringify(login.json));
    const result = login.json.result as { username: string; orgId: string; isDevHub: boolean };
    assert.equal(result.username, 'admin@cme.local');
    assert.equal(result.orgId, org.identity.orgId);
    assert.equal(result.isDevHub, false);
    const display = await onLocal(['org', 'display']);
    assert.equal(display.code, 0, JSON.stringify(display.json));
    assert.equal((display.json.result as { connectedStatus: string }).connectedStatus, 'Connected');
  });

  it('creates a record with sf data create record, enforcing validation like Salesforce', async () => {
    const ok = await createContact("FirstName=Ravi LastName='Menon' CME_Specialty__c=Cardiology");
    assert.equal(ok.code, 0, JSON.stringify(ok.json));
    const id = (ok.json.result as { id: string }).id;
    const row = org.engine.retrieve('Contact', id, ['Name', 'CME_Specialty__c']);
    assert.equal(row.Name, 'Ravi Menon');
    const bad = await createContact('LastName=X CME_Specialty__c=Astrology');
    assert.notEqual(bad.code, 0);
    assert.match(JSON.stringify(bad.json), /bad value for restricted picklist field: Astrology/);
  });

  it('queries with relationship fields through sf data query', async () => {
    const ctx = { userId: org.identity.userId };
    const pack = org.engine.insert(
      'CME_Rule_Pack__c',
      { Name: 'India', Code__c: 'IN-CLI', Currency_Code__c: 'INR' },
      ctx,
    );
    const event = org.engine.insert(
      'CME_Event__c',
      {
        Name: 'Heart Failure Update',
        Event_Type__c: 'Conference',
        Format__c: 'Virtual',
        Virtual_Url__c: 'https://meet.example/hf',
        Start__c: '2027-03-14T04:00:00Z',
        End__c: '2027-03-14T08:00:00Z',
        Status__c: 'Approved',
        Budget__c: 50000,
        Educational_Need__c: 'Guideline update',
        Rule_Pack__c: pack,
      },
      ctx,
    );
    const doctor = org.engine.insert(
      'Contact',
      { FirstName: 'Asha', LastName: 'Rao', CME_Specialty__c: 'Cardiology' },
      ctx,
    );
    org.engine.insert(
      'CME_Invitation__c',
      { Event__c: event, Doctor__c: doctor, Invitation_Key__c: `${event}:${doctor}`, Status__c: 'Accepted' },
      ctx,
    );
    const query = await onLocal([
      'data',
      'query',
      '--query',
      'SELECT Name, Status__c, Event__r.Name, Doctor__r.CME_Specialty__c, Event__r.Rule_Pack__r.Code__c FROM CME_Invitation__c',
    ]);
    assert.equal(query.code, 0, JSON.stringify(query.json));
    const result = query.json.result as { totalSize: number; records: Record<string, unknown>[] };
    assert.equal(result.totalSize, 1);
    const record = result.records[0] as {
      Status__c: string;
      Event__r: { Name: string; Rule_Pack__r: { Code__c: string } };
      Doctor__r: { CME_Specialty__c: string };
    };
    assert.equal(record.Status__c, 'Accepted');
    assert.equal(record.Event__r.Name, 'Heart Failure Update');
    assert.equal(record.Event__r.Rule_Pack__r.Code__c, 'IN-CLI');
    assert.equal(record.Doctor__r.CME_Specialty__c, 'Cardiology');
    // Human output goes through columns=true metadata: check the table prints the relationship columns.
    const { stdout: table } = await runSf([
      'data',
      'query',
      '--query',
      'SELECT Name, Event__r.Name FROM CME_Invitation__c',
      '--target-org',
      'local',
    ]);
    assert.match(table, /EVENT__R\.NAME/i);
    assert.match(table, /Heart Failure Update/);
    assert.match(table, /Total number of records retrieved: 1/);
  });

  it('loads 3,000 rows with sf data import bulk and exports them with sf data export bulk (several result pages)', async () => {
    const csv = ['LastName,FirstName,CME_HCP_Key__c,CME_Specialty__c'];
    for (let i = 0; i < 3000; i++)
      csv.push(`Bulk${String(i).padStart(4, '0')},"Dr, ${i}",BULK-${i},${i % 2 ? 'Cardiology' : 'Oncology'}`);
    const file = path.join(home, 'contacts.csv');
    fs.writeFileSync(file, `${csv.join('\n')}\n`);
    const load = await onLocal(['data', 'import', 'bulk', '--file', file, '--sobject', 'Contact', '--wait', '5']);
    assert.equal(load.code, 0, JSON.stringify(load.json));
    assert.equal((load.json.result as { processedRecords: number }).processedRecords, 3000);
    const stored = org.engine.db
      .prepare(`SELECT COUNT(*) AS n FROM "Contact" WHERE "CME_HCP_Key__c" LIKE 'BULK-%' AND "FirstName" LIKE 'Dr, %'`)
      .get() as { n: number };
    assert.equal(stored.n, 3000);

    const out = path.join(home, 'export.csv');
    const exported = await onLocal([
      'data',
      'export',
      'bulk',
      '--query',
      "SELECT Id, LastName, CME_Specialty__c, Owner.Name FROM Contact WHERE CME_HCP_Key__c LIKE 'BULK-%'",
      '--output-file',
      out,
      '--result-format',
      'csv',
      '--wait',
      '5',
    ]);
    assert.equal(exported.code, 0, JSON.stringify(exported.json));
    assert.equal((exported.json.result as { totalSize: number }).totalSize, 3000);
    const lines = fs.readFileSync(out, 'utf8').trim().split(/\r?\n/);
    assert.equal(lines.length, 3001);
    assert.match(lines[0], /Id.*LastName.*CME_Specialty__c.*Owner\.Name/);
    assert.ok(lines.slice(1).every((l) => /CME Admin/.test(l)));
  });
});
