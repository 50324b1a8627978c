// `sf cme certificates` through the official sf CLI with this plugin linked (run `npm run build`
// first: the CLI loads plugin/lib), against a seeded local org: its help from plugin/messages, a bag
// for the seed's accredited event that `sf cme report verify` accepts, and clear errors with actions
// (a blank --event, an unknown event) that leave nothing behind.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from '@salesforce/core';
import { LocalOrg } from '../../scripts/src/localorg/server.ts';
import { loginAndLinkPlugin, runSf } from '../../scripts/src/sf-cli.ts';
import { generateSeedData } from '../src/seed/generate.ts';
import { loadSeedData } from '../src/seed/load.ts';
import { connectionOrg } from '../src/seed/connectionOrg.ts';
import { PACKS } from './packs.ts';
import { ROOT, plantedPlan, startOrgWithPacks } from './localOrg.ts';

describe('sf cme certificates (linked into the official sf CLI)', () => {
  let org: LocalOrg;
  let conn: Connection;
  let home: string;
  let eventKey: string;

  const sf = (args: string[]) => runSf(home, args, { cwd: ROOT });
  const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>;

  before(async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-certificates-cli-'));
    ({ org, conn } = await startOrgWithPacks());
    const loaded = await loadSeedData(connectionOrg(conn), generateSeedData(plantedPlan(), PACKS));
    assert.deepEqual(
      loaded.flatMap((r) => r.failures),
      [],
    );
    const events = await conn.query<{ Event_Key__c: string }>(
      "SELECT Event_Key__c FROM CME_Event__c WHERE Accredited__c = true AND Status__c = 'Completed' ORDER BY Event_Key__c",
    );
    assert.ok(events.records.length, 'the seed has a completed accredited event');
    eventKey = events.records[0].Event_Key__c;
    await loginAndLinkPlugin(home, conn.instanceUrl, org.identity.accessToken, 'local');
  });
  after(async () => {
    await org.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('shows its help with examples from plugin/messages', async () => {
    const help = await sf(['cme', 'certificates', '--help']);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /Write the CME credit certificates of an accredited event/);
    assert.match(help.stdout, /--doctor/);
    assert.match(help.stdout, /sf cme certificates --target-org cme-local --event EVT-00012/);
  });

  it('writes the bag, and sf cme report verify accepts it', async () => {
    const out = path.join(home, 'certificates');
    const run = await sf([
      'cme',
      'certificates',
      '--target-org',
      'local',
      '--event',
      eventKey,
      '--output-dir',
      out,
      '--json',
    ]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const result = json(run.stdout).result as {
      counts: { attendees: number; certificates: number };
      certificates: { file: string }[];
      files: { path: string }[];
    };
    assert.ok(result.counts.attendees > 0);
    assert.equal(result.certificates.length, result.counts.certificates);
    assert.deepEqual(
      result.files.map((f) => f.path).sort(),
      [...result.certificates.map((c) => c.file), 'data/credit-register.csv'].sort(),
    );
    const verify = await sf(['cme', 'report', 'verify', '--dir', out, '--json']);
    assert.equal(verify.code, 0, verify.stdout);
    assert.equal((json(verify.stdout).result as { valid: boolean }).valid, true);
  });

  it('refuses a blank --event and an unknown event with their actions, writing nothing', async () => {
    const out = path.join(home, 'never');
    const blank = await sf([
      'cme',
      'certificates',
      '--target-org',
      'local',
      '--event',
      '  ',
      '--output-dir',
      out,
      '--json',
    ]);
    assert.notEqual(blank.code, 0);
    assert.match(blank.stdout, /event: name the event by its Event_Key__c or record Id/);
    const unknown = await sf([
      'cme',
      'certificates',
      '--target-org',
      'local',
      '--event',
      'EVT-NOPE',
      '--output-dir',
      out,
      '--json',
    ]);
    assert.notEqual(unknown.code, 0);
    const error = json(unknown.stdout) as { name: string; message: string; actions: string[] };
    assert.equal(error.name, 'UnknownEvent');
    assert.match(error.message, /No CME event has the key or Id "EVT-NOPE"/);
    assert.match(error.actions.join('\n'), /SELECT Id, Event_Key__c, Name FROM CME_Event__c/);
    assert.equal(fs.existsSync(out), false);
    assert.deepEqual(
      fs.readdirSync(home).filter((f) => f.includes('.partial-')),
      [],
    );
  });
});
