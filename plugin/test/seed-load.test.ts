// Seed data loads into an org (the local org, over HTTP, through a @salesforce/core Connection), a
// second identical load changes nothing, and the domain core finds exactly the problems that were planted.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCompliance } from '../src/domain/cmeDomain.ts';
import { parseSeedPlan } from '../src/schema/seedPlan.ts';
import type { SeedPlan } from '../src/schema/seedPlan.ts';
import { generateSeedData, seedWindow } from '../src/seed/generate.ts';
import { loadSeedData } from '../src/seed/load.ts';
import { connectionOrg } from '../src/seed/connectionOrg.ts';
import { OrgApi } from '../src/org/api.ts';
import { PACKS } from './packs.ts';
import { plantedPlan, readWorld, startOrgWithPacks } from './localOrg.ts';
import type { LocalOrg } from '../../scripts/src/localorg/server.ts';
import type { Connection } from '@salesforce/core';

describe('seed → local org → compliance', () => {
  let org: LocalOrg;
  let conn: Connection;
  let plan: SeedPlan;

  before(async () => {
    ({ org, conn } = await startOrgWithPacks());
    plan = plantedPlan();
  });
  after(() => org.stop());

  it('loads every record, then a second identical run creates and updates nothing', async () => {
    const data = generateSeedData(plan, PACKS);
    const first = await loadSeedData(connectionOrg(conn), data);
    for (const r of first)
      assert.deepEqual(r.failures, [], `${r.object} failed: ${JSON.stringify(r.failures.slice(0, 3))}`);
    assert.deepEqual(
      first.map((r) => [r.object, r.created]),
      [
        ['Account', data.accounts.length],
        ['Contact', data.contacts.length],
        ['CME_Event__c', data.events.length],
        ['CME_Invitation__c', data.invitations.length],
        ['CME_Attendance__c', data.attendance.length],
        ['CME_Expense__c', data.expenses.length],
      ],
    );
    // Every doctor is a Contact of an HCO in her own city and country (a Contact without an Account is private).
    const orphans = await conn.query('SELECT Id FROM Contact WHERE AccountId = null');
    assert.equal(orphans.totalSize, 0);
    const elsewhere = (
      await conn.query<{
        MailingCity: string;
        MailingCountry: string;
        Account: { BillingCity: string; BillingCountry: string };
      }>('SELECT MailingCity, MailingCountry, Account.BillingCity, Account.BillingCountry FROM Contact', {
        autoFetch: true,
      })
    ).records.filter((c) => c.MailingCity !== c.Account.BillingCity || c.MailingCountry !== c.Account.BillingCountry);
    assert.deepEqual(elsewhere, []);
    // The org holds each doctor's address, type and licence as seeded, the planted disclosure problems included.
    const fields = [
      'MailingStreet',
      'MailingPostalCode',
      'MailingState',
      'CME_Primary_Type__c',
      'CME_License_State__c',
      'CME_NPI__c',
      'CME_Disclosure_Consent__c',
      'Salutation',
    ];
    const held = new Map(
      (
        await conn.query<Record<string, unknown>>(`SELECT CME_HCP_Key__c, ${fields.join(', ')} FROM Contact`, {
          autoFetch: true,
        })
      ).records.map((c) => [c.CME_HCP_Key__c, c]),
    );
    for (const contact of data.contacts)
      for (const field of fields)
        assert.equal(
          held.get(contact.CME_HCP_Key__c)?.[field] ?? null,
          contact[field] ?? (field === 'CME_Disclosure_Consent__c' ? false : null),
          `${String(contact.CME_HCP_Key__c)} ${field}`,
        );
    assert.equal(data.plantedDisclosure.length, 4);
    const small = data.plantedDisclosure.find((p) => p.kind === 'BELOW_THRESHOLD')!;
    const line = await conn.query<{ Amount__c: number; Doctor__r: { CME_HCP_Key__c: string } }>(
      `SELECT Amount__c, Doctor__r.CME_HCP_Key__c FROM CME_Expense__c WHERE Expense_Key__c = '${small.expenseKey}'`,
    );
    assert.deepEqual(
      line.records.map((r) => [r.Amount__c, r.Doctor__r.CME_HCP_Key__c]),
      [[9.5, small.doctorKey]],
    );
    const stamp = org.engine.db.prepare('SELECT MAX("SystemModstamp") AS m FROM "CME_Event__c"').get() as { m: string };
    const second = await loadSeedData(connectionOrg(conn), data);
    assert.deepEqual(
      second.map((r) => [r.object, r.created, r.updated, r.failed]),
      first.map((r) => [r.object, 0, 0, 0]),
    );
    assert.equal(
      (org.engine.db.prepare('SELECT MAX("SystemModstamp") AS m FROM "CME_Event__c"').get() as { m: string }).m,
      stamp.m,
    );
  });

  it('plants problems that the compliance rules find, on exactly the planted events', async () => {
    const data = generateSeedData(plan, PACKS);
    assert.ok(data.planted.length >= 3, `planted ${data.planted.length}`);
    const input = await readWorld(conn);
    const { events } = input;
    const keyOf = new Map(events.map((e) => [e.Id, e.Event_Key__c]));
    const findings = [...PACKS.values()].flatMap((pack) =>
      evaluateCompliance(input, pack, {
        today: new Date(seedWindow(plan).pivot).toISOString().slice(0, 10),
        eventIds: events.filter((e) => e.Rule_Pack__r.Code__c === pack.code).map((e) => e.Id),
      }),
    );
    const found = new Set(findings.map((f) => `${f.ruleId}@${keyOf.get(f.eventId)}`));
    const missed = data.planted
      .filter((p) => !found.has(`${p.ruleId}@${p.eventKey}`))
      .map((p) => `${p.ruleId}@${p.eventKey} (${p.note})`);
    assert.deepEqual(missed, [], 'every planted problem is found');
    const plantedKinds = new Set(data.planted.map((p) => p.ruleId));
    const plantedPairs = new Set(data.planted.map((p) => `${p.ruleId}@${p.eventKey}`));
    const stray = findings.filter(
      (f) => plantedKinds.has(f.ruleId as never) && !plantedPairs.has(`${f.ruleId}@${keyOf.get(f.eventId)}`),
    );
    assert.deepEqual(
      stray.map((f) => `${f.ruleId}@${keyOf.get(f.eventId)}: ${f.message}`),
      [],
    );
  });
});

describe('seed through Bulk API 2.0, with faults injected', () => {
  let org: LocalOrg;
  let conn: Connection;

  before(async () => {
    ({ org, conn } = await startOrgWithPacks());
  });
  after(() => org.stop());

  it('loads exact counts while a few per cent of calls fail, then a second run changes nothing', async () => {
    const parsed = parseSeedPlan({ doctors: 300, events: 30, seed: 3, from: '2026-01-01', months: 12 }, new Date());
    if ('problems' in parsed) throw new Error(parsed.problems.join('; '));
    const data = generateSeedData(parsed.plan, PACKS);
    const api = new OrgApi(conn, { sleep: async () => {} });
    const options = { bulkThreshold: 50, sleep: async () => {} };
    org.faults.configure({ rate: 0.1, seed: 9, kinds: ['unavailable', 'limit', 'lock', 'drop'] });
    try {
      const first = await loadSeedData(connectionOrg(conn, api), data, options);
      const injected = Object.values(org.faults.injected).reduce((n, v) => n + v, 0);
      assert.ok(injected >= 2, `faults injected: ${injected}`);
      assert.deepEqual(
        first.map((r) => [r.object, r.created, r.updated, r.failed]),
        [
          ['Account', data.accounts.length, 0, 0],
          ['Contact', data.contacts.length, 0, 0],
          ['CME_Event__c', data.events.length, 0, 0],
          ['CME_Invitation__c', data.invitations.length, 0, 0],
          ['CME_Attendance__c', data.attendance.length, 0, 0],
          ['CME_Expense__c', data.expenses.length, 0, 0],
        ],
      );
      const second = await loadSeedData(connectionOrg(conn, api), data, options);
      assert.deepEqual(
        second.map((r) => [r.object, r.created, r.updated, r.failed]),
        first.map((r) => [r.object, 0, 0, 0]),
      );
    } finally {
      org.faults.configure({ rate: 0 });
    }
    const count = (table: string) =>
      (org.engine.db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    assert.equal(count('CME_Invitation__c'), data.invitations.length);
    assert.equal(count('CME_Attendance__c'), data.attendance.length);
    assert.equal(count('CME_Expense__c'), data.expenses.length);
    const jobs = (org.engine.db.prepare('SELECT COUNT(*) AS n FROM _bulk_jobs').get() as { n: number } | undefined)?.n;
    assert.ok((jobs ?? 0) >= 5, `bulk jobs: ${jobs}`);
  });
});
