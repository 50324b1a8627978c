// The seed through the disclosure cores: Open Payments and EFPIA, run on the seeded lines of the planted
// year, report each planted disclosure problem where the seed says (validation.csv, excluded.csv, the
// aggregate row) and nothing else about the seeded HCPs, whose records are otherwise clean.
import path from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allocateTransfersOfValue } from '../src/domain/cmeDomain.ts';
import type { TovAllocation } from '../src/domain/cmeDomain.ts';
import { loadDisclosureConfig, loadOpenPaymentsConfig } from '../src/disclosure/config.ts';
import { openPaymentsForHcp } from '../src/disclosure/openPayments.ts';
import type { OpenPaymentsHcpResult } from '../src/disclosure/openPayments.ts';
import { efpiaCountryReports, efpiaRecipient } from '../src/disclosure/efpia.ts';
import type { DisclosureDoctor, DisclosureLine, DisclosurePeriod } from '../src/disclosure/types.ts';
import { efpiaConfigSchema } from '../src/schema/efpiaConfig.ts';
import { generateSeedData } from '../src/seed/generate.ts';
import type { SeedData } from '../src/seed/generate.ts';
import type { PlantedDisclosureKind } from '../src/seed/disclosureProblems.ts';
import { REGIONS } from '../src/seed/catalog.ts';
import { seedEventWorlds } from '../src/seed/world.ts';
import type { SeedEventWorld } from '../src/seed/world.ts';
import { PACKS } from './packs.ts';
import { ROOT, plantedPlan } from './localOrg.ts';

const CONFIG_ROOTS = [path.join(ROOT, 'config/disclosure')];
const data = generateSeedData(plantedPlan(), PACKS);
const year = data.plantedDisclosure[0].year;
const period: DisclosurePeriod = { start: `${year}-01-01`, end: `${year}-12-31`, label: `PY${year}`, year };
const plantedOf = (kind: PlantedDisclosureKind) => data.plantedDisclosure.find((p) => p.kind === kind)!;

/** Each doctor's parts of the region's held events dated in the year, as the command passes them. */
function linesByDoctor(
  seed: SeedData,
  region: 'US' | 'EU',
): { worlds: SeedEventWorld[]; lines: Map<string, DisclosureLine[]> } {
  const worlds = [...seedEventWorlds(seed).values()].filter((w) => w.region === region);
  const lines = new Map<string, DisclosureLine[]>();
  for (const w of worlds) {
    const { allocations } = allocateTransfersOfValue(w.event, w.expenses, w.attendance, w.invitations, {
      excludeConferenceBuffets: region === 'US',
    });
    for (const a of allocations.filter((x: TovAllocation) => x.date?.startsWith(`${year}-`))) {
      const list = lines.get(a.doctorId) ?? [];
      list.push({ ...a, currency: REGIONS[region].currency });
      lines.set(a.doctorId, list);
    }
  }
  return { worlds, lines };
}

const doctors = new Map(
  data.contacts.map((c) => [String(c.CME_HCP_Key__c), { ...c, Id: String(c.CME_HCP_Key__c) } as DisclosureDoctor]),
);

describe('the seed through the Open Payments core', () => {
  const { config } = loadOpenPaymentsConfig(year, CONFIG_ROOTS);
  const { worlds, lines } = linesByDoctor(data, 'US');
  const context = {
    config,
    period,
    eventsById: new Map(worlds.map((w) => [w.key, w.event])),
    reportingEntity: { name: 'Example Pharma Inc.', registrationId: '100000000001' },
  };
  const results = new Map<string, OpenPaymentsHcpResult>(
    [...lines].map(([doctorId, own]) => [doctorId, openPaymentsForHcp(doctors.get(doctorId), own, context)]),
  );

  it('reports the planted NPI and the planted missing street in validation, on those doctors only', () => {
    const withProblems = [...results].filter(([, r]) => r.problems.length).map(([id]) => id);
    assert.deepEqual(
      withProblems.sort(),
      [plantedOf('INVALID_NPI').doctorKey, plantedOf('MISSING_ADDRESS').doctorKey].sort(),
    );
    const npi = results.get(plantedOf('INVALID_NPI').doctorKey)!.problems;
    assert.ok(
      npi.length > 0 && npi.every((p) => /NPI/.test(p.field) && /check digit/.test(p.problem)),
      JSON.stringify(npi[0]),
    );
    const street = results.get(plantedOf('MISSING_ADDRESS').doctorKey)!.problems;
    assert.ok(street.length > 0 && street.every((p) => /STREET/.test(p.field)), JSON.stringify(street[0]));
    // Every record of theirs carries the problem: one per line they received in the year.
    for (const kind of ['INVALID_NPI', 'MISSING_ADDRESS'] as const) {
      const result = results.get(plantedOf(kind).doctorKey)!;
      assert.equal(new Set(result.problems.map((p) => p.recordId)).size, result.records.length);
      assert.ok(result.records.some((r) => r.expenseId === plantedOf(kind).expenseKey));
    }
  });

  it('excludes the planted small payment as below the threshold, and no other line of a covered recipient', () => {
    const small = plantedOf('BELOW_THRESHOLD');
    const below = [...results.values()].flatMap((r) => r.excluded).filter((e) => e.reason === 'below-threshold');
    assert.deepEqual(
      below.map((e) => [e.expenseId, e.doctorId, e.amount]),
      [[small.expenseKey, small.doctorKey, 9.5]],
    );
    // The rest of her year is filed.
    assert.ok(results.get(small.doctorKey)!.records.length > 0);
  });

  it('leaves out only non-covered types (pharmacists, nurses) as not covered recipients', () => {
    const notCovered = [...results].filter(([, r]) => r.excluded.some((e) => e.reason === 'not-a-covered-recipient'));
    assert.ok(notCovered.length > 0);
    for (const [doctorId] of notCovered)
      assert.ok(['Pharmacist', 'Nurse'].includes(String(doctors.get(doctorId)!.CME_Primary_Type__c)), doctorId);
    const practitioners = [...results].filter(([id]) =>
      ['Nurse Practitioner', 'Physician Assistant'].includes(String(doctors.get(id)!.CME_Primary_Type__c)),
    );
    assert.ok(practitioners.length > 0 && practitioners.every(([, r]) => r.records.length > 0));
  });
});

describe('the seed through the EFPIA core', () => {
  const { config } = loadDisclosureConfig('efpia', year, CONFIG_ROOTS, efpiaConfigSchema, (c) => c.year);
  const { lines } = linesByDoctor(data, 'EU');
  const recipients = [...lines].map(([doctorId, own]) =>
    efpiaRecipient(doctorId, doctors.get(doctorId), own, config, { ...period, label: String(year) }),
  );

  it('puts the planted doctor without consent in her country’s aggregate row, and names no one without consent', () => {
    const planted = plantedOf('NO_CONSENT');
    const recipient = recipients.find((r) => r.doctorId === planted.doctorKey);
    assert.equal(recipient?.kind, 'aggregate');
    const country = String(doctors.get(planted.doctorKey)!.MailingCountry);
    const report = efpiaCountryReports(recipients, config).find((r) => r.country === country)!;
    assert.ok(report.aggregate && report.aggregate.recipients >= 1);
    assert.ok(!report.named.some((r) => r.doctorId === planted.doctorKey));
    for (const r of recipients)
      assert.equal(r.kind === 'named', doctors.get(r.doctorId)!.CME_Disclosure_Consent__c === true);
  });

  it('finds no problem with any seeded EU recipient: names, cities, addresses and countries are all there', () => {
    assert.deepEqual(
      recipients.flatMap((r) => r.problems),
      [],
    );
    assert.ok(recipients.some((r) => r.kind === 'named'));
  });
});
