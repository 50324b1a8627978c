// The seed generator: valid plans, determinism, realistic shape, consistent references, planted problems.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseSeedPlan } from '../src/schema/seedPlan.ts';
import type { SeedPlan } from '../src/schema/seedPlan.ts';
import { PLANTED_RULES, generateSeedData, seedNpi } from '../src/seed/generate.ts';
import { isValidNpi } from '../src/domain/cmeDomain.ts';
import { PACKS } from './packs.ts';

const TODAY = new Date('2026-11-24T00:00:00Z');

function plan(input: unknown = {}): SeedPlan {
  const result = parseSeedPlan(input, TODAY);
  if ('problems' in result) throw new Error(result.problems.join('; '));
  return result.plan;
}

describe('seed plan', () => {
  it('fills defaults: 500 doctors, 60 events, a 12-month window starting six months back', () => {
    const p = plan();
    assert.deepEqual([p.doctors, p.events, p.months, p.from, p.seed], [500, 60, 12, '2026-05-01', 42]);
    assert.equal(p.disclosureProblems, true, 'disclosure problems are planted unless the plan says not to');
    assert.equal(plan({ disclosureProblems: false }).disclosureProblems, false);
  });

  it('reports every problem of a bad plan with its path', () => {
    const result = parseSeedPlan(
      {
        doctors: 0,
        events: 'many',
        from: '2026-02-30',
        regions: { IN: 1, XX: 2 },
        extra: true,
        disclosureProblems: 'yes',
      },
      TODAY,
    );
    assert.ok('problems' in result);
    const text = result.problems.join('\n');
    for (const path of ['doctors:', 'events:', 'from:', 'regions:', '(plan):', 'disclosureProblems:'])
      assert.ok(text.includes(path), `mentions ${path}: ${text}`);
  });
});

describe('seed data', () => {
  const small = plan({ doctors: 120, events: 30, seed: 7, problemRate: 0.4 });
  const data = generateSeedData(small, PACKS);

  it('is deterministic for a seed and differs for another', () => {
    assert.deepEqual(generateSeedData(small, PACKS), data);
    assert.notDeepEqual(generateSeedData({ ...small, seed: 8 }, PACKS).contacts[0], data.contacts[0]);
  });

  it('makes the requested numbers of doctors and events with unique external ids', () => {
    assert.equal(data.contacts.length, 120);
    assert.equal(data.events.length, 30);
    const unique = (values: unknown[]) => new Set(values).size === values.length;
    assert.ok(unique(data.contacts.map((c) => c.CME_HCP_Key__c)));
    assert.ok(unique(data.events.map((e) => e.Event_Key__c)));
    assert.ok(unique(data.invitations.map((i) => i.Invitation_Key__c)));
    assert.ok(unique(data.attendance.map((a) => a.Attendance_Key__c)));
    assert.ok(unique(data.expenses.map((x) => x.Expense_Key__c)));
  });

  it('never repeats an NPI, up to the largest plan (a million doctors)', () => {
    const seen = new Set<string>();
    for (let n = 0; n < 1_000_000; n++) seen.add(seedNpi(n, n % 10));
    assert.equal(seen.size, 1_000_000);
    assert.ok(isValidNpi(seedNpi(999_999, 9)));
  });

  it('gives US doctors valid NPIs (but the one planted wrong) and others council registration numbers', () => {
    const us = data.contacts.filter((c) => c.MailingCountry === 'US');
    assert.ok(us.length > 0);
    const wrong = data.plantedDisclosure.filter((p) => p.kind === 'INVALID_NPI').map((p) => p.doctorKey);
    assert.equal(wrong.length, 1);
    assert.deepEqual(
      us.filter((c) => !isValidNpi(String(c.CME_NPI__c))).map((c) => c.CME_HCP_Key__c),
      wrong,
    );
    assert.ok(
      data.contacts
        .filter((c) => c.MailingCountry !== 'US')
        .every((c) => c.CME_Registration_Number__c && !c.CME_NPI__c),
    );
  });

  it('references only records it generates', () => {
    const hcps = new Set(data.contacts.map((c) => c.CME_HCP_Key__c));
    const events = new Set(data.events.map((e) => e.Event_Key__c));
    const invitations = new Set(data.invitations.map((i) => i.Invitation_Key__c));
    const ref = (r: unknown, key: string) => (r as Record<string, string> | null)?.[key];
    for (const rows of [data.invitations, data.attendance, data.expenses])
      for (const r of rows) assert.ok(events.has(ref(r.Event__r, 'Event_Key__c')));
    for (const r of [...data.invitations, ...data.attendance]) assert.ok(hcps.has(ref(r.Doctor__r, 'CME_HCP_Key__c')));
    for (const r of data.attendance)
      if (r.Invitation__r) assert.ok(invitations.has(ref(r.Invitation__r, 'Invitation_Key__c')));
  });

  it('covers every event type and several statuses, with attendance only for held events', () => {
    const types = new Set(
      generateSeedData(plan({ events: 200, doctors: 200 }), PACKS).events.map((e) => e.Event_Type__c),
    );
    assert.equal(types.size, 6);
    const statuses = new Set(data.events.map((e) => e.Status__c));
    assert.ok(statuses.size >= 4, [...statuses].join(','));
    const held = new Set(
      data.events.filter((e) => ['Completed', 'Closed'].includes(String(e.Status__c))).map((e) => e.Event_Key__c),
    );
    assert.ok(data.attendance.every((a) => held.has((a.Event__r as { Event_Key__c: string }).Event_Key__c)));
  });

  it('plants problems on held events and lists them', () => {
    assert.ok(data.planted.length > 0);
    const events = new Map(data.events.map((e) => [e.Event_Key__c, e]));
    for (const p of data.planted) {
      assert.ok(PLANTED_RULES.includes(p.ruleId));
      assert.ok(['Approved', 'Completed', 'Closed'].includes(String(events.get(p.eventKey)?.Status__c)));
    }
    const none = generateSeedData({ ...small, problemRate: 0 }, PACKS);
    assert.equal(none.planted.length, 0);
  });
});
