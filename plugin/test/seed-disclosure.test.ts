// Seed data a disclosure can read: US doctors with addresses, types, licence states and valid NPIs in
// the shape Open Payments takes; EU doctors with addresses and a mix of consent; and the planted
// disclosure problems, each on a line a disclosure of its year reads and of exactly the promised shape.
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allocateTransfersOfValue, evaluateCompliance, isValidNpi, npiProblem } from '../src/domain/cmeDomain.ts';
import type { Doctor, TovAllocation } from '../src/domain/cmeDomain.ts';
import { parseSeedPlan } from '../src/schema/seedPlan.ts';
import type { SeedPlan } from '../src/schema/seedPlan.ts';
import { generateSeedData, seedWindow } from '../src/seed/generate.ts';
import type { SeedData, SeedRecord } from '../src/seed/generate.ts';
import { REGIONS, US_PRIMARY_TYPES } from '../src/seed/catalog.ts';
import {
  PLANTED_DISCLOSURE_KINDS,
  SMALL_PAYMENT_USD,
  busiestYear,
  withWrongCheckDigit,
} from '../src/seed/disclosureProblems.ts';
import type { PlantedDisclosureProblem } from '../src/seed/disclosureProblems.ts';
import { seedEventWorlds } from '../src/seed/world.ts';
import { PACKS } from './packs.ts';
import { ROOT, plantedPlan } from './localOrg.ts';

const TODAY = new Date('2026-11-24T00:00:00Z');

function plan(input: unknown = {}): SeedPlan {
  const result = parseSeedPlan(input, TODAY);
  if ('problems' in result) throw new Error(result.problems.join('; '));
  return result.plan;
}

/** Open Payments small-payment thresholds as disclosure.md gives them (CMS, CPI-adjusted per program year). */
const THRESHOLDS: Record<number, { item: number; aggregate: number }> = {
  2021: { item: 11.04, aggregate: 110.4 },
  2025: { item: 13.46, aggregate: 134.54 },
  2026: { item: 13.82, aggregate: 138.13 },
};

/** The values of a picklist field of the package's Contact, from its metadata. */
function picklistValues(field: string): Set<string> {
  const xml = fs.readFileSync(
    path.join(ROOT, `force-app/main/default/objects/Contact/fields/${field}.field-meta.xml`),
    'utf8',
  );
  return new Set([...xml.matchAll(/<value>\s*<fullName>([^<]+)<\/fullName>/g)].map((m) => m[1]));
}

const EU_COUNTRIES = new Set(REGIONS.EU.cities.map((c) => c.country));
const cityOf = (c: SeedRecord) =>
  Object.values(REGIONS)
    .flatMap((r) => r.cities)
    .find((city) => city.city === c.MailingCity && city.country === c.MailingCountry)!;

/** Every HCP part of every Actual line of held events, as Open Payments reads them (buffets left out). */
function disclosedParts(data: SeedData): TovAllocation[] {
  return [...seedEventWorlds(data).values()].flatMap(
    (w) =>
      allocateTransfersOfValue(w.event, w.expenses, w.attendance, w.invitations, { excludeConferenceBuffets: true })
        .allocations,
  );
}

describe('seeded HCPs, as a disclosure reads them', () => {
  const data = generateSeedData(plan({ doctors: 3000, events: 10, seed: 5 }), PACKS);
  const us = data.contacts.filter((c) => c.MailingCountry === 'US');
  const eu = data.contacts.filter((c) => EU_COUNTRIES.has(String(c.MailingCountry)));
  const india = data.contacts.filter((c) => c.MailingCountry === 'IN');

  it('gives US doctors a primary business address in Open Payments shape, in their own city', () => {
    assert.ok(us.length > 500, `US doctors: ${us.length}`);
    const missing = new Set(data.plantedDisclosure.filter((p) => p.kind === 'MISSING_ADDRESS').map((p) => p.doctorKey));
    for (const c of us) {
      const city = cityOf(c);
      if (!missing.has(String(c.CME_HCP_Key__c))) {
        assert.equal(typeof c.MailingStreet, 'string');
        assert.ok(String(c.MailingStreet).length <= 55, String(c.MailingStreet));
        assert.match(String(c.MailingStreet), /^\d+ \S/);
      }
      assert.match(String(c.MailingState), /^[A-Z]{2}$/);
      assert.equal(c.MailingState, city.state);
      assert.match(String(c.MailingPostalCode), /^\d{5}(-\d{4})?$/);
      const zip = Number(String(c.MailingPostalCode).slice(0, 5));
      assert.ok(
        zip >= city.postalCodes[0] && zip <= city.postalCodes[1],
        `${String(c.MailingPostalCode)} in ${city.city}`,
      );
    }
    // Both ZIP and ZIP+4, and suites on some street lines, as real practices' addresses have.
    assert.ok(us.some((c) => String(c.MailingPostalCode).includes('-')));
    assert.ok(us.some((c) => !String(c.MailingPostalCode).includes('-')));
    assert.ok(us.some((c) => String(c.MailingStreet).includes(' Suite ')));
  });

  it('keeps every name within the Open Payments lengths (first 20, last 35)', () => {
    for (const c of data.contacts) {
      assert.ok(String(c.FirstName).length <= 20 && String(c.FirstName).length > 0, String(c.FirstName));
      assert.ok(String(c.LastName).length <= 35 && String(c.LastName).length > 0, String(c.LastName));
    }
  });

  it('mixes US primary types, non-physician practitioners and non-covered types included, from the picklist', () => {
    const allowed = picklistValues('CME_Primary_Type__c');
    const count = new Map<string, number>();
    for (const c of us) count.set(String(c.CME_Primary_Type__c), (count.get(String(c.CME_Primary_Type__c)) ?? 0) + 1);
    for (const type of count.keys()) assert.ok(allowed.has(type), type);
    for (const type of ['Medical Doctor', 'Physician Assistant', 'Nurse Practitioner', 'Pharmacist'])
      assert.ok((count.get(type) ?? 0) > 0, `some ${type}`);
    // The shares follow the catalog's weights (out of 100), within a few points at this size.
    for (const { value, weight } of US_PRIMARY_TYPES) {
      const share = ((count.get(value) ?? 0) / us.length) * 100;
      assert.ok(Math.abs(share - weight) < Math.max(3, weight * 0.25), `${value}: ${share.toFixed(1)}% vs ${weight}%`);
    }
    assert.ok(
      data.contacts.filter((c) => c.MailingCountry !== 'US').every((c) => c.CME_Primary_Type__c === 'Medical Doctor'),
    );
  });

  it('addresses physicians as Dr. and nurse practitioners, physician assistants, pharmacists and nurses without', () => {
    const notDr = new Set(['Physician Assistant', 'Nurse Practitioner', 'Pharmacist', 'Nurse']);
    for (const c of us) assert.equal(c.Salutation, notDr.has(String(c.CME_Primary_Type__c)) ? null : 'Dr.');
    const signed = new Map(data.attendance.map((a) => [(a.Doctor__r as { CME_HCP_Key__c: string }).CME_HCP_Key__c, a]));
    for (const c of us) {
      const sheet = signed.get(String(c.CME_HCP_Key__c))?.Signed_Name__c;
      if (typeof sheet === 'string')
        assert.equal(
          sheet.startsWith('Dr '),
          !notDr.has(String(c.CME_Primary_Type__c)),
          `${sheet}: ${String(c.CME_Primary_Type__c)}`,
        );
    }
  });

  it('gives each US doctor a specialty from the picklist and one licence state (a Text(2) field), mostly where she practises', () => {
    const specialties = picklistValues('CME_Specialty__c');
    const licence = fs.readFileSync(
      path.join(ROOT, 'force-app/main/default/objects/Contact/fields/CME_License_State__c.field-meta.xml'),
      'utf8',
    );
    assert.match(licence, /<length>2<\/length>/);
    for (const c of data.contacts) assert.ok(specialties.has(String(c.CME_Specialty__c)), String(c.CME_Specialty__c));
    for (const c of us) assert.match(String(c.CME_License_State__c), /^[A-Z]{2}$/);
    const home = us.filter((c) => c.CME_License_State__c === c.MailingState).length / us.length;
    assert.ok(home > 0.8 && home < 0.97, `licensed where they practise: ${home}`);
  });

  it('gives every US doctor but the planted one a valid NPI, all distinct', () => {
    const planted = data.plantedDisclosure.find((p) => p.kind === 'INVALID_NPI');
    assert.ok(planted);
    const invalid = us.filter((c) => !isValidNpi(String(c.CME_NPI__c)));
    assert.deepEqual(
      invalid.map((c) => c.CME_HCP_Key__c),
      [planted.doctorKey],
    );
    assert.equal(new Set(us.map((c) => c.CME_NPI__c)).size, us.length);
  });

  it('gives EU doctors an address in their country’s format and about 70% consent, dated when given', () => {
    assert.ok(new Set(eu.map((c) => c.CME_Consent_Date__c)).size > 100, 'consent dates differ');
    const formats: Record<string, RegExp> = {
      DE: /^\d{5}$/,
      FR: /^\d{5}$/,
      ES: /^\d{5}$/,
      IT: /^\d{5}$/,
      NL: /^\d{4} [A-Z]{2}$/,
    };
    for (const c of eu) {
      assert.ok(String(c.MailingStreet).length > 0 && String(c.MailingStreet).length <= 55, String(c.MailingStreet));
      assert.match(String(c.MailingPostalCode), formats[String(c.MailingCountry)]);
      assert.equal(c.MailingCity, cityOf(c).city);
      // Consent is given before the window's first event, within the two years before it.
      if (c.CME_Disclosure_Consent__c) {
        assert.match(String(c.CME_Consent_Date__c), /^\d{4}-\d{2}-\d{2}$/);
        assert.ok(String(c.CME_Consent_Date__c) < plan().from && String(c.CME_Consent_Date__c) >= '2024-05-01');
      } else assert.ok(!c.CME_Consent_Date__c);
    }
    assert.ok(!eu.some((c) => /^\d{4} S[ADS]$/.test(String(c.MailingPostalCode))), 'no Dutch SA/SD/SS postcodes');
    const consent = eu.filter((c) => c.CME_Disclosure_Consent__c).length / eu.length;
    assert.ok(consent > 0.63 && consent < 0.77, `consent ${consent}`);
  });

  it('gives Indian doctors an address with a six-digit PIN of their city, beside their council registration', () => {
    for (const c of india) {
      assert.ok(String(c.MailingStreet).length > 0 && String(c.MailingStreet).length <= 55);
      assert.match(String(c.MailingPostalCode), /^\d{6}$/);
      const pin = Number(c.MailingPostalCode);
      const city = cityOf(c);
      assert.ok(pin >= city.postalCodes[0] && pin <= city.postalCodes[1]);
      assert.ok(c.CME_Registration_Number__c && c.CME_Registration_Council__c);
    }
  });
});

/** The parts of a line each doctor received, by expense key then doctor key. */
function partsByLine(data: SeedData): Map<string, TovAllocation> {
  return new Map(disclosedParts(data).map((a) => [`${a.expenseId}|${a.doctorId}`, a]));
}

function checkPlanted(data: SeedData): void {
  const kinds = data.plantedDisclosure.map((p) => p.kind).sort();
  assert.deepEqual(kinds, [...PLANTED_DISCLOSURE_KINDS].sort(), 'one of each kind');
  assert.equal(new Set(data.plantedDisclosure.map((p) => p.doctorKey)).size, 4, 'four different doctors');
  const contacts = new Map(data.contacts.map((c) => [c.CME_HCP_Key__c, c]));
  const events = new Map(data.events.map((e) => [e.Event_Key__c, e]));
  const expenses = new Map(data.expenses.map((x) => [x.Expense_Key__c, x]));
  const parts = partsByLine(data);
  for (const p of data.plantedDisclosure) {
    // On a line a disclosure of that year reads: Actual, of a held event, dated in the year, and received.
    const event = events.get(p.eventKey);
    const line = expenses.get(p.expenseKey);
    assert.ok(event && line && contacts.has(p.doctorKey), `${p.kind} refers to seeded records`);
    assert.ok(['Completed', 'Closed'].includes(String(event.Status__c)), `${p.kind}: held event`);
    assert.equal((line.Event__r as { Event_Key__c: string }).Event_Key__c, p.eventKey);
    assert.equal(line.Stage__c, 'Actual');
    assert.equal(String(line.Incurred_On__c).slice(0, 4), String(p.year));
    const part = parts.get(`${p.expenseKey}|${p.doctorKey}`);
    assert.ok(part && part.amount > 0, `${p.kind}: ${p.doctorKey} received a part of ${p.expenseKey}`);
    const pack = (event.Rule_Pack__r as { Code__c: string }).Code__c;
    assert.equal(pack, p.standard === 'efpia' ? REGIONS.EU.rulePack : REGIONS.US.rulePack);
    assert.ok(p.note.length > 20);
  }
  const byKind = new Map(data.plantedDisclosure.map((p) => [p.kind, p]));
  shapeOfInvalidNpi(byKind.get('INVALID_NPI')!, contacts.get(byKind.get('INVALID_NPI')!.doctorKey)!);
  shapeOfMissingAddress(contacts.get(byKind.get('MISSING_ADDRESS')!.doctorKey)!);
  shapeOfSmallPayment(byKind.get('BELOW_THRESHOLD')!, data, expenses.get(byKind.get('BELOW_THRESHOLD')!.expenseKey)!);
  shapeOfNoConsent(contacts.get(byKind.get('NO_CONSENT')!.doctorKey)!);
}

function shapeOfInvalidNpi(p: PlantedDisclosureProblem, c: SeedRecord): void {
  assert.equal(p.reportedIn, 'validation');
  assert.equal(p.field, 'CME_NPI__c');
  const npi = String(c.CME_NPI__c);
  // Ten digits, starting with 1: wrong only in its check digit.
  assert.match(npi, /^1\d{9}$/);
  assert.match(String(npiProblem(npi)), /^The NPI check digit should be \d, not \d\.$/);
  assert.ok(p.note.includes(npi));
  assert.equal(c.CME_Primary_Type__c, 'Medical Doctor');
  assert.ok(c.MailingStreet);
}

function shapeOfMissingAddress(c: SeedRecord): void {
  assert.equal(c.MailingStreet, null);
  assert.ok(c.MailingCity && c.MailingState && c.MailingPostalCode && c.MailingCountry === 'US');
  assert.ok(isValidNpi(String(c.CME_NPI__c)));
  assert.equal(c.CME_Primary_Type__c, 'Medical Doctor');
}

function shapeOfSmallPayment(p: PlantedDisclosureProblem, data: SeedData, line: SeedRecord): void {
  assert.equal(p.reportedIn, 'excluded');
  assert.equal(p.reason, 'below-threshold');
  assert.equal(line.Category__c, 'Food and Beverage');
  assert.equal(line.Amount__c, SMALL_PAYMENT_USD);
  assert.deepEqual(line.Doctor__r, { CME_HCP_Key__c: p.doctorKey });
  const threshold = THRESHOLDS[p.year];
  assert.ok(threshold, `disclosure.md has the PY${p.year} thresholds`);
  assert.ok(Number(line.Amount__c) < threshold.item, 'under the item threshold');
  // Her payments under the item threshold that year, this one included, stay under the aggregate.
  const small = disclosedParts(data).filter(
    (a) => a.doctorId === p.doctorKey && a.date?.startsWith(`${p.year}-`) && a.amount < threshold.item,
  );
  assert.ok(small.some((a) => a.expenseId === p.expenseKey));
  const total = small.reduce((sum, a) => sum + a.amount, 0);
  assert.ok(total <= threshold.aggregate, `small payments ${total} ≤ ${threshold.aggregate}`);
  // A covered recipient with a clean record: the threshold is the only reason the line stays out.
  const c = data.contacts.find((x) => x.CME_HCP_Key__c === p.doctorKey)!;
  assert.ok(isValidNpi(String(c.CME_NPI__c)) && c.MailingStreet && c.CME_Primary_Type__c === 'Medical Doctor');
}

function shapeOfNoConsent(c: SeedRecord): void {
  assert.ok(EU_COUNTRIES.has(String(c.MailingCountry)));
  assert.equal(c.CME_Disclosure_Consent__c, false);
  assert.ok(!c.CME_Consent_Date__c);
}

describe('planted disclosure problems', () => {
  it('plants one of each kind, of the promised shape, in the integration tests’ plan', () => {
    const data = generateSeedData(plantedPlan(), PACKS);
    checkPlanted(data);
    assert.ok(data.plantedDisclosure.every((p) => p.year === busiestYear(data.expenses)));
  });

  it('plants them in the default plan and in a small plan whose US events all carry a compliance problem', () => {
    checkPlanted(generateSeedData(plan(), PACKS));
    checkPlanted(generateSeedData(plan({ doctors: 120, events: 30, seed: 7, problemRate: 0.4 }), PACKS));
  });

  it('changes nothing else: without them the data is the same but for the planted records', () => {
    const p = plantedPlan();
    const withThem = generateSeedData(p, PACKS);
    const without = generateSeedData({ ...p, disclosureProblems: false }, PACKS);
    assert.deepEqual(without.plantedDisclosure, []);
    assert.deepEqual(withThem.planted, without.planted);
    assert.deepEqual(withThem.events, without.events);
    assert.deepEqual(withThem.attendance, without.attendance);
    const doctors = new Set(withThem.plantedDisclosure.map((x) => x.doctorKey));
    const changed = withThem.contacts.filter((c, i) => JSON.stringify(c) !== JSON.stringify(without.contacts[i]));
    assert.ok(changed.every((c) => doctors.has(String(c.CME_HCP_Key__c))));
    assert.ok(changed.length >= 2, 'the NPI and the street at least');
    const added = withThem.plantedDisclosure.find((x) => x.kind === 'BELOW_THRESHOLD')!.expenseKey;
    assert.deepEqual(
      withThem.expenses.filter((x) => x.Expense_Key__c !== added),
      without.expenses,
    );
    assert.deepEqual(generateSeedData(p, PACKS).plantedDisclosure, withThem.plantedDisclosure, 'deterministic');
  });

  it('adds no compliance finding but the consent one it may take away', () => {
    const p = plantedPlan();
    const today = new Date(seedWindow(p).pivot).toISOString().slice(0, 10);
    const findings = (data: SeedData) => {
      const worlds = [...seedEventWorlds(data).values()];
      const input = {
        events: worlds.map((w) => w.event),
        invitations: worlds.flatMap((w) => w.invitations),
        attendance: worlds.flatMap((w) => w.attendance),
        expenses: worlds.flatMap((w) => w.expenses),
        doctors: data.contacts.map((c) => ({ ...c, Id: String(c.CME_HCP_Key__c) }) as Doctor),
      };
      return [...PACKS.values()]
        .flatMap((pack) =>
          evaluateCompliance(input, pack, {
            today,
            eventIds: worlds.filter((w) => w.region === regionOfPack(pack.code)).map((w) => w.key),
          }),
        )
        .filter((f) => f.ruleId !== 'CONSENT_FOR_DISCLOSURE')
        .map((f) => `${f.ruleId}@${f.eventId}:${f.doctorId ?? ''}:${f.amount ?? ''}`)
        .sort();
    };
    const withThem = findings(generateSeedData(p, PACKS));
    assert.ok(withThem.length > 0);
    assert.deepEqual(withThem, findings(generateSeedData({ ...p, disclosureProblems: false }, PACKS)));
  });

  it('gets a wrong check digit by changing only the last digit', () => {
    for (const npi of ['1234567893', '1005701689']) {
      const wrong = withWrongCheckDigit(npi);
      assert.ok(isValidNpi(npi));
      assert.equal(wrong.slice(0, 9), npi.slice(0, 9));
      assert.notEqual(wrong, npi);
      assert.equal(isValidNpi(wrong), false);
    }
  });

  it('puts them all in the year most Actual lines are dated in', () => {
    const line = (day: string, stage = 'Actual') => ({ Stage__c: stage, Incurred_On__c: day });
    assert.equal(busiestYear([line('2025-12-30'), line('2026-01-02'), line('2026-02-01')]), 2026);
    assert.equal(busiestYear([line('2025-12-30'), line('2026-01-02')]), 2025, 'a tie goes to the earlier year');
    assert.equal(busiestYear([line('2026-01-02', 'Committed')]), null);
  });

  it('plants none where the plan seeds no US or EU doctors', () => {
    assert.deepEqual(
      generateSeedData(plan({ regions: { IN: 1, US: 0, EU: 0 }, doctors: 50, events: 10 }), PACKS).plantedDisclosure,
      [],
    );
  });
});

function regionOfPack(code: string): string | undefined {
  return Object.entries(REGIONS).find(([, info]) => info.rulePack === code)?.[0];
}
