// EFPIA: named rows with consent, the aggregate row without, its percentages per column, one file per
// country in one currency, the template's columns as data (GB's Joint Working), the record problems.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { efpiaCategoryFor } from '../src/domain/cmeDomain.ts';
import type { ExpenseCategory } from '../src/domain/cmeDomain.ts';
import {
  consentProblem,
  efpiaCountryReports,
  efpiaRecipient,
  efpiaTable,
  efpiaTemplateFor,
  invalidRecipientLines,
  percentOf,
} from '../src/disclosure/efpia.ts';
import type { EfpiaRecipient } from '../src/disclosure/efpia.ts';
import type { DisclosureDoctor, DisclosureLine, DisclosurePeriod } from '../src/disclosure/types.ts';
import { efpiaConfigSchema } from '../src/schema/efpiaConfig.ts';
import type { EfpiaConfig } from '../src/schema/efpiaConfig.ts';

const configDir = path.join(import.meta.dirname, '../../config/disclosure/efpia');
const readConfig = (year: number): EfpiaConfig =>
  efpiaConfigSchema.parse(JSON.parse(fs.readFileSync(path.join(configDir, `${year}.json`), 'utf8')));
const config = readConfig(2025);
const period: DisclosurePeriod = { start: '2025-01-01', end: '2025-12-31', label: '2025', year: 2025 };

let lineNo = 0;
/** One allocated line as the domain core makes it (category mapped by efpiaCategoryFor). */
function line(
  doctorId: string,
  category: ExpenseCategory,
  amount: number,
  extra: Partial<DisclosureLine> = {},
): DisclosureLine {
  const faculty = extra.faculty ?? false;
  const efpiaCategory = efpiaCategoryFor(category, faculty);
  lineNo++;
  return {
    eventId: 'EV1',
    expenseId: `EX${lineNo}`,
    doctorId,
    category,
    stage: 'Actual',
    amount,
    lineAmount: amount,
    basis: 'direct',
    recipients: 1,
    role: faculty ? 'Speaker' : 'Attendee',
    faculty,
    paymentDate: '2025-05-10',
    date: '2025-05-10',
    paymentForm: 'In-kind items and services',
    openPaymentsNature: 'Education',
    efpiaCategory,
    efpiaHeading: 'Contribution to costs of events',
    currency: 'EUR',
    ...extra,
  };
}

function doctor(id: string, consent: boolean | null, extra: Partial<DisclosureDoctor> = {}): DisclosureDoctor {
  return {
    Id: id,
    FirstName: `First${id}`,
    LastName: `Last${id}`,
    CME_HCP_Key__c: `HCP-${id}`,
    CME_Disclosure_Consent__c: consent,
    CME_Registration_Number__c: `REG-${id}`,
    MailingStreet: 'Hauptstraße 1',
    MailingCity: 'Berlin',
    MailingPostalCode: '10115',
    MailingCountry: 'DE',
    ...extra,
  };
}

const recipientOf = (d: DisclosureDoctor, lines: DisclosureLine[], cfg: EfpiaConfig = config) =>
  efpiaRecipient(d.Id, d, lines, cfg, period);

describe('EFPIA aggregate percentages', () => {
  it('are a share of the column recipients to one decimal, half up on the exact ratio', () => {
    assert.equal(percentOf(1, 4), 25);
    assert.equal(percentOf(1, 3), 33.3);
    assert.equal(percentOf(2, 3), 66.7);
    assert.equal(percentOf(1, 16), 6.3, '6.25 rounds up');
    assert.equal(percentOf(3, 16), 18.8, '18.75 rounds up');
    // 201/400 is 50.25 % exactly; in binary floating point it is 50.2499…, which would round down.
    assert.equal(percentOf(201, 400), 50.3);
    assert.equal(percentOf(3, 3), 100);
    assert.equal(percentOf(0, 5), 0);
    assert.equal(percentOf(0, 0), null, 'a column with no recipient has no percentage');
  });

  it('3 named and 1 aggregate in a column give 25.0 %; a column only the aggregate has gives 100 %', () => {
    const recipients = [
      recipientOf(doctor('A', true), [line('A', 'Registration Fee', 100)]),
      recipientOf(doctor('B', true), [line('B', 'Registration Fee', 200)]),
      recipientOf(doctor('C', true), [line('C', 'Registration Fee', 300)]),
      recipientOf(doctor('D', false), [line('D', 'Registration Fee', 40), line('D', 'Travel and Lodging', 250.5)]),
    ];
    const [de] = efpiaCountryReports(recipients, config);
    const aggregate = de.aggregate;
    assert.ok(aggregate);
    assert.equal(aggregate.recipients, 1);
    assert.deepEqual(aggregate.columns.registrationFees, { amount: 40, recipients: 1, percent: 25 });
    assert.deepEqual(aggregate.columns.travelAccommodation, { amount: 250.5, recipients: 1, percent: 100 });
    assert.deepEqual(aggregate.columns.fees, { amount: 0, recipients: 0, percent: null });
    assert.deepEqual(aggregate.total, { amount: 290.5, recipients: 1, percent: 25 });
    assert.deepEqual(
      de.named.map((r) => [r.fullName, r.amounts.registrationFees, r.total]),
      [
        ['FirstA LastA', 100, 100],
        ['FirstB LastB', 200, 200],
        ['FirstC LastC', 300, 300],
      ],
    );
  });

  it('a recipient counts in a column only with a non-zero amount there', () => {
    const recipients = [
      recipientOf(doctor('A', true), [line('A', 'Travel and Lodging', 80)]),
      recipientOf(doctor('B', false), [
        line('B', 'Registration Fee', 10),
        line('B', 'Registration Fee', -10),
        line('B', 'Travel and Lodging', 5),
      ]),
    ];
    const [de] = efpiaCountryReports(recipients, config);
    assert.deepEqual(de.aggregate?.columns.registrationFees, { amount: 0, recipients: 0, percent: null });
    assert.deepEqual(de.aggregate?.columns.travelAccommodation, { amount: 5, recipients: 1, percent: 50 });
  });
});

describe('EFPIA consent', () => {
  it('names an HCP who consented, with city, country, address and the registration number', () => {
    const r = recipientOf(doctor('A', true), [
      line('A', 'Speaker Honorarium', 1500, { faculty: true }),
      line('A', 'Travel and Lodging', 420.25, { faculty: true }),
    ]);
    assert.equal(r.kind, 'named');
    assert.ok(r.kind === 'named');
    assert.deepEqual(
      { name: r.fullName, city: r.city, country: r.country, address: r.address, id: r.identifier, key: r.rowKey },
      {
        name: 'FirstA LastA',
        city: 'Berlin',
        country: 'DE',
        address: 'Hauptstraße 1, 10115 Berlin',
        id: 'REG-A',
        key: 'HCP-A',
      },
    );
    assert.deepEqual(r.amounts, { registrationFees: 0, travelAccommodation: 0, fees: 1500, relatedExpenses: 420.25 });
    assert.equal(r.total, 1920.25);
    assert.deepEqual(r.problems, []);
  });

  it('puts an HCP without consent (false or blank) in the aggregate, never in a named row', () => {
    for (const consent of [false, null]) {
      const r = recipientOf(doctor('N', consent), [line('N', 'Registration Fee', 50)]);
      assert.equal(r.kind, 'aggregate');
      assert.equal(r.consent, false);
      assert.equal('fullName' in r, false, 'an aggregate contribution carries no name');
      const [de] = efpiaCountryReports([r], config);
      assert.deepEqual(de.named, []);
      assert.equal(de.aggregate?.recipients, 1);
      assert.equal(
        efpiaTable(de).rows.some((row) => row.includes('FirstN LastN')),
        false,
      );
    }
  });

  it('the consent guard stays silent on built rows and catches a named row without consent', () => {
    const named = recipientOf(doctor('A', true), [line('A', 'Registration Fee', 50)]);
    assert.equal(consentProblem(named, doctor('A', true)), null);
    assert.equal(
      consentProblem(recipientOf(doctor('N', false), [line('N', 'Registration Fee', 5)]), doctor('N', false)),
      null,
    );
    const forged = { ...named } as EfpiaRecipient;
    const problem = consentProblem(forged, doctor('A', false));
    assert.equal(problem?.field, 'consent');
    assert.match(problem?.fix ?? '', /aggregate row/);
  });
});

describe('EFPIA national files', () => {
  const recipients = [
    recipientOf(doctor('A', true), [line('A', 'Registration Fee', 100)]),
    recipientOf(doctor('B', true, { MailingCountry: 'France', MailingCity: 'Lyon' }), [
      line('B', 'Registration Fee', 70),
    ]),
    recipientOf(doctor('C', false, { MailingCountry: 'FR' }), [line('C', 'Food and Beverage', 30)]),
  ];

  it("holds each country's rows only in that country's file (a country's name maps to its code)", () => {
    const reports = efpiaCountryReports(recipients, config);
    assert.deepEqual(
      reports.map((r) => [
        r.country,
        r.recipients.map((x) => x.doctorId),
        r.named.map((x) => x.doctorId),
        r.aggregate?.recipients,
      ]),
      [
        ['DE', ['A'], ['A'], 0],
        ['FR', ['B', 'C'], ['B'], 1],
      ],
    );
    assert.deepEqual(
      efpiaCountryReports(recipients, config, ['fr']).map((r) => r.country),
      ['FR'],
    );
  });

  it('refuses to add up a country whose lines come in two currencies', () => {
    const mixed = [
      recipientOf(doctor('A', true), [line('A', 'Registration Fee', 100)]),
      recipientOf(doctor('B', false), [line('B', 'Registration Fee', 100, { currency: 'GBP' })]),
    ];
    const [de] = efpiaCountryReports(mixed, config);
    assert.equal(de.currency, null);
    assert.equal(de.aggregate, null);
    assert.deepEqual(de.named, []);
    assert.equal(de.recipients.length, 2);
    assert.equal(de.problems.length, 1);
    assert.equal(de.problems[0].field, 'currency');
    assert.equal(de.problems[0].value, 'EUR, GBP');
    assert.match(de.problems[0].problem, /EUR: 1 HCP; GBP: 1 HCP/);
    assert.equal(efpiaCountryReports(recipients.slice(0, 1), config)[0].currency, 'EUR');
  });

  it("writes the template's header, the named rows and the aggregate's three rows", () => {
    const fr = efpiaCountryReports(recipients, config)[1];
    const { header, rows } = efpiaTable(fr);
    assert.deepEqual(header, [
      ...config.recipientColumns.map((c) => c.label),
      ...config.amountColumns.map((c) => c.label),
      config.totalLabel,
    ]);
    assert.deepEqual(rows[0], ['FirstB LastB', 'Lyon', 'FR', 'Hauptstraße 1, 10115 Lyon', 'REG-B', 70, 0, 0, 0, 70]);
    assert.equal(rows.length, 5);
    assert.equal(rows[1][0], config.aggregateLabels.title);
    assert.deepEqual(rows[2], [config.aggregateLabels.amount, null, null, null, null, 0, 30, 0, 0, 30]);
    assert.deepEqual(rows[3], [config.aggregateLabels.recipients, null, null, null, null, 0, 1, 0, 0, 1]);
    assert.deepEqual(rows[4], [config.aggregateLabels.percent, null, null, null, null, 0, 100, null, null, 50]);
  });

  it('gives GB its own columns (Joint Working, always 0) and lets a country relabel a column', () => {
    const gb = recipientOf(doctor('G', true, { MailingCountry: 'GB', MailingCity: 'Leeds' }), [
      line('G', 'Registration Fee', 60),
    ]);
    assert.deepEqual(gb.amounts, {
      registrationFees: 60,
      travelAccommodation: 0,
      fees: 0,
      relatedExpenses: 0,
      jointWorking: 0,
    });
    const [report] = efpiaCountryReports([gb], config);
    assert.equal(efpiaTable(report).header.at(-2), 'Joint Working');
    const relabelled = efpiaConfigSchema.parse({
      ...config,
      countries: { ...config.countries, AT: { labels: { fees: 'Honorare', total: 'Gesamt' } } },
    });
    const at = efpiaTemplateFor(relabelled, 'AT');
    assert.equal(at.amountColumns.find((c) => c.key === 'fees')?.label, 'Honorare');
    assert.equal(at.totalLabel, 'Gesamt');
    assert.equal(efpiaTemplateFor(relabelled, 'DE').totalLabel, config.totalLabel);
  });
});

describe('EFPIA record problems', () => {
  it('names the column and the Contact field to fix for a named row without city or name', () => {
    const r = recipientOf(doctor('A', true, { MailingCity: ' ', FirstName: null, LastName: null }), [
      line('A', 'Registration Fee', 10),
    ]);
    assert.deepEqual(
      r.problems.map((p) => [p.recordId, p.field]),
      [
        ['HCP-A', 'Full Name'],
        ['HCP-A', 'HCPs: City of Principal Practice'],
      ],
    );
    assert.match(r.problems[1].fix, /Contact\.MailingCity/);
  });

  it('asks only for the country of an HCP in the aggregate, and refuses one that is no ISO country', () => {
    const aggregate = recipientOf(doctor('N', false, { MailingCity: null, FirstName: null, LastName: null }), [
      line('N', 'Registration Fee', 10),
    ]);
    assert.deepEqual(aggregate.problems, []);
    const unknown = recipientOf(doctor('X', false, { MailingCountry: 'Atlantis' }), [
      line('X', 'Registration Fee', 10),
    ]);
    assert.equal(unknown.country, null);
    assert.deepEqual(
      unknown.problems.map((p) => [p.field, p.value]),
      [['Country of Principal Practice', 'Atlantis']],
    );
    assert.deepEqual(efpiaCountryReports([unknown], config), [], 'an HCP without a country is in no file');
  });

  it('refuses amounts that are not above zero, and lines dated outside the year', () => {
    const refunded = recipientOf(doctor('A', true), [
      line('A', 'Registration Fee', 10),
      line('A', 'Registration Fee', -25),
    ]);
    assert.deepEqual(
      refunded.problems.map((p) => p.field),
      ['Registration Fees', 'TOTAL (optional)'],
    );
    const late = recipientOf(doctor('B', true), [line('B', 'Registration Fee', 10, { date: '2026-01-02' })]);
    assert.deepEqual(
      late.problems.map((p) => [p.field, p.value, p.eventId]),
      [['date', '2026-01-02', 'EV1']],
    );
  });

  it('excludes an invalid recipient line by line (--no-strict)', () => {
    const r = recipientOf(doctor('A', true, { MailingCity: null }), [
      line('A', 'Registration Fee', 10),
      line('A', 'Travel and Lodging', 5),
    ]);
    const excluded = invalidRecipientLines(r);
    assert.deepEqual(
      excluded.map((e) => [e.doctorId, e.amount, e.reason]),
      [
        ['A', 10, 'invalid-record'],
        ['A', 5, 'invalid-record'],
      ],
    );
    assert.match(excluded[0].detail, /City of Principal Practice/);
  });
});

describe('EFPIA data files', () => {
  it('the shipped years parse and say their labels are unconfirmed', () => {
    for (const year of [2025, 2026]) {
      const file = readConfig(year);
      assert.equal(file.year, year);
      assert.ok(file.sources.some((s) => s.includes('UNCONFIRMED')));
      assert.ok(file.unconfirmed.length > 0);
    }
  });

  it('refuse a file that leaves a category out of every column or adds one up twice', () => {
    const [first, ...rest] = config.amountColumns;
    const dropped = efpiaConfigSchema.safeParse({ ...config, amountColumns: rest });
    assert.equal(dropped.success, false);
    assert.match(dropped.error?.issues.map((i) => i.message).join('\n') ?? '', /no column adds up "Registration fees"/);
    const twice = efpiaConfigSchema.safeParse({
      ...config,
      amountColumns: [first, { ...first, key: 'again' }, ...rest],
    });
    assert.match(
      twice.error?.issues.map((i) => i.message).join('\n') ?? '',
      /already added up in column "registrationFees"/,
    );
    const badLabel = efpiaConfigSchema.safeParse({ ...config, countries: { AT: { labels: { nope: 'x' } } } });
    assert.deepEqual(
      badLabel.error?.issues.map((i) => i.path.join('.')),
      ['countries.AT.labels.nope'],
    );
  });
});
