// Open Payments general-payment records from an HCP's lines: who is covered, the small-payment
// threshold at its edges, travel, contextual information, stable record ids, each record problem with
// its field and fix, and the CSV cells in PY2025's column order.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadOpenPaymentsConfig } from '../src/disclosure/config.ts';
import {
  CONTEXTUAL_INFORMATION_MAX,
  RECORD_ID_LENGTH,
  invalidRecordExclusion,
  openPaymentsCells,
  openPaymentsFileProblems,
  openPaymentsForHcp,
  openPaymentsHeader,
  openPaymentsRecordId,
  resolveReportingEntity,
} from '../src/disclosure/openPayments.ts';
import type { OpenPaymentsContext, OpenPaymentsRecord } from '../src/disclosure/openPayments.ts';
import type { DisclosureDoctor, DisclosureEvent, DisclosureLine, DisclosurePeriod } from '../src/disclosure/types.ts';
import type { OpenPaymentsConfig } from '../src/schema/disclosureConfig.ts';
import { SPEAKER_COMPENSATION_NATURE, allocateTransfersOfValue, isValidNpi } from '../src/domain/cmeDomain.ts';

const REPO_CONFIG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'config', 'disclosure');
const { config: PY2025 } = loadOpenPaymentsConfig(2025, [REPO_CONFIG]);
const period: DisclosurePeriod = { start: '2025-01-01', end: '2025-12-31', label: 'PY2025', year: 2025 };

const EVENT: DisclosureEvent = {
  Id: 'E1',
  Name: 'Heart Failure Update',
  Start__c: '2025-03-14T13:00:00.000+0000',
  City__c: 'Boston',
  State__c: 'MA',
  Country__c: 'US',
  Product_Focus__c: 'Cardiolex',
  Therapy_Area__c: 'Cardiology',
};

function doctor(overrides: Partial<DisclosureDoctor> = {}): DisclosureDoctor {
  return {
    Id: 'D1',
    FirstName: 'Maya',
    LastName: 'Chen',
    CME_Primary_Type__c: 'Medical Doctor',
    CME_NPI__c: '1234567893',
    CME_Specialty__c: 'Cardiology',
    CME_License_State__c: 'MA',
    MailingStreet: '12 Beacon St\nSuite 400',
    MailingCity: 'Boston',
    MailingState: 'Massachusetts',
    MailingPostalCode: '02108-1234',
    MailingCountry: 'United States',
    ...overrides,
  };
}

let expenseSeq = 0;
function line(amount: number, overrides: Partial<DisclosureLine> = {}): DisclosureLine {
  expenseSeq++;
  return {
    eventId: 'E1',
    expenseId: `X${expenseSeq}`,
    doctorId: 'D1',
    category: 'Food and Beverage',
    stage: 'Actual',
    amount,
    lineAmount: amount,
    basis: 'direct',
    recipients: 1,
    role: 'Attendee',
    faculty: false,
    paymentDate: '2025-03-14',
    date: '2025-03-14',
    paymentForm: 'In-kind items and services',
    openPaymentsNature: 'Food and Beverage',
    efpiaCategory: 'Travel & accommodation',
    efpiaHeading: 'Contribution to costs of events',
    currency: 'USD',
    ...overrides,
  };
}

function context(overrides: Partial<OpenPaymentsContext> = {}): OpenPaymentsContext {
  return {
    config: PY2025,
    period,
    eventsById: new Map([[EVENT.Id, EVENT]]),
    reportingEntity: { name: 'Acme Pharma Inc.', registrationId: '100000012345' },
    ...overrides,
  };
}

function only<T>(items: readonly T[]): T {
  assert.equal(items.length, 1, JSON.stringify(items, null, 1));
  return items[0];
}

function cellOf(record: OpenPaymentsRecord, name: string, config: OpenPaymentsConfig = PY2025): string {
  const index = openPaymentsHeader(config).indexOf(name);
  assert.ok(index >= 0, name);
  return openPaymentsCells(record, config)[index];
}

describe('open payments: small-payment threshold (42 CFR 403.904(i)(1))', () => {
  it('a payment exactly at the item threshold is reported; one cent below is a small payment', () => {
    const at = openPaymentsForHcp(doctor(), [line(13.46)], context());
    assert.equal(at.records.length, 1);
    assert.equal(at.excluded.length, 0);
    const below = openPaymentsForHcp(doctor(), [line(13.45)], context());
    assert.equal(below.records.length, 0);
    const excluded = only(below.excluded);
    assert.equal(excluded.reason, 'below-threshold');
    assert.equal(excluded.amount, 13.45);
    assert.match(excluded.detail, /\$13\.45 is below the PY2025 item threshold of \$13\.46/);
    assert.match(excluded.detail, /small payments total \$13\.45, not above the \$134\.54 aggregate/);
  });

  it('small payments totalling exactly the aggregate stay out; one cent more reports every one', () => {
    const tenSmall = () => Array.from({ length: 10 }, () => line(13.45));
    // 10 x 13.45 + 0.04 = 134.54, the PY2025 aggregate exactly.
    const atAggregate = openPaymentsForHcp(doctor(), [...tenSmall(), line(0.04)], context());
    assert.equal(atAggregate.records.length, 0);
    assert.equal(atAggregate.excluded.length, 11);
    assert.ok(atAggregate.excluded.every((e) => e.reason === 'below-threshold'));
    assert.match(atAggregate.excluded[0].detail, /total \$134\.54, not above/);
    const overAggregate = openPaymentsForHcp(doctor(), [...tenSmall(), line(0.05)], context());
    assert.equal(overAggregate.records.length, 11);
    assert.equal(overAggregate.excluded.length, 0);
    assert.deepEqual(overAggregate.problems, []);
  });

  it("the HCP's larger payments do not count toward the aggregate of small ones", () => {
    const result = openPaymentsForHcp(doctor(), [line(500), line(13.45), line(13.45)], context());
    assert.deepEqual(
      result.records.map((r) => r.totalAmount),
      [500],
    );
    assert.equal(result.excluded.length, 2);
  });

  it("uses the program year's own thresholds (PY2026: $13.82)", () => {
    const { config: PY2026 } = loadOpenPaymentsConfig(2026, [REPO_CONFIG]);
    const period2026 = { start: '2026-01-01', end: '2026-12-31', label: 'PY2026', year: 2026 };
    const lines = [line(13.5, { paymentDate: '2026-02-01', date: '2026-02-01' })];
    const result = openPaymentsForHcp(doctor(), lines, context({ config: PY2026, period: period2026 }));
    assert.equal(only(result.excluded).reason, 'below-threshold');
    assert.equal(openPaymentsForHcp(doctor(), lines, context()).records.length, 1, 'reported under PY2025');
  });
});

describe('open payments: covered recipients', () => {
  it('a physician is a covered recipient physician with the CMS primary type', () => {
    const record = only(openPaymentsForHcp(doctor(), [line(40)], context()).records);
    assert.equal(record.coveredRecipientType, 'Covered Recipient Physician');
    assert.equal(record.primaryType, 'Medical Doctor');
    const dentist = only(openPaymentsForHcp(doctor({ CME_Primary_Type__c: 'Dentist' }), [line(40)], context()).records);
    assert.equal(dentist.primaryType, 'Doctor of Dentistry');
  });

  it('a nurse practitioner is a covered non-physician practitioner', () => {
    const result = openPaymentsForHcp(doctor({ CME_Primary_Type__c: 'Nurse Practitioner' }), [line(40)], context());
    const record = only(result.records);
    assert.equal(record.coveredRecipientType, 'Covered Recipient Non-Physician Practitioner');
    assert.equal(record.primaryType, 'Nurse Practitioner');
    assert.deepEqual(result.problems, []);
  });

  it('a pharmacist is excluded as not a covered recipient, every line of theirs', () => {
    const result = openPaymentsForHcp(
      doctor({ CME_Primary_Type__c: 'Pharmacist' }),
      [line(40), line(2000, { category: 'Speaker Honorarium' })],
      context(),
    );
    assert.equal(result.records.length, 0);
    assert.equal(result.excluded.length, 2);
    for (const e of result.excluded) {
      assert.equal(e.reason, 'not-a-covered-recipient');
      assert.equal(e.doctorId, 'D1');
      assert.match(e.detail, /A Pharmacist is not a covered recipient/);
    }
    assert.equal(result.excluded[1].amount, 2000);
  });

  it('an HCP without an NPI, or one the org no longer has, is excluded with what to do', () => {
    const noNpi = only(openPaymentsForHcp(doctor({ CME_NPI__c: ' ' }), [line(40)], context()).excluded);
    assert.equal(noNpi.reason, 'not-a-covered-recipient');
    assert.match(noNpi.detail, /enter their NPI/);
    const missing = only(openPaymentsForHcp(undefined, [line(40)], context()).excluded);
    assert.equal(missing.reason, 'not-a-covered-recipient');
    assert.match(missing.detail, /not found/);
  });
});

describe('open payments: the record', () => {
  it('a travel line carries the city, state and country of travel (the event venue)', () => {
    const result = openPaymentsForHcp(
      doctor(),
      [line(420, { category: 'Travel and Lodging', openPaymentsNature: 'Travel and Lodging' }), line(40)],
      context(),
    );
    const [travel, meal] = result.records;
    assert.equal(travel.nature, 'Travel and Lodging');
    assert.deepEqual([travel.travelCity, travel.travelState, travel.travelCountry], ['Boston', 'MA', 'US']);
    assert.equal(cellOf(travel, 'CITY_OF_TRAVEL'), 'Boston');
    assert.equal(cellOf(travel, 'STATE_OF_TRAVEL'), 'MA');
    assert.equal(cellOf(travel, 'COUNTRY_OF_TRAVEL'), 'United States');
    assert.deepEqual([meal.travelCity, meal.travelState, meal.travelCountry], ['', '', '']);
    assert.deepEqual(result.problems, []);
  });

  it("a speaker's honorarium is the faculty nature, paid in cash, with the role in the context", () => {
    const record = only(
      openPaymentsForHcp(
        doctor(),
        [
          line(1500, {
            category: 'Speaker Honorarium',
            role: 'Speaker',
            faculty: true,
            paymentForm: 'Cash or cash equivalent',
            openPaymentsNature: SPEAKER_COMPENSATION_NATURE,
          }),
        ],
        context(),
      ).records,
    );
    assert.equal(record.nature, SPEAKER_COMPENSATION_NATURE);
    assert.equal(record.form, 'Cash or cash equivalent');
    assert.equal(record.contextualInformation, 'Heart Failure Update, 03/14/2025 (Speaker)');
  });

  it('contextual information is the event and its date, cut at 500 characters', () => {
    const long: DisclosureEvent = { ...EVENT, Id: 'E2', Name: 'A'.repeat(600) };
    const result = openPaymentsForHcp(
      doctor(),
      [line(40, { eventId: 'E2' })],
      context({ eventsById: new Map([[long.Id, long]]) }),
    );
    const record = only(result.records);
    assert.equal([...record.contextualInformation].length, CONTEXTUAL_INFORMATION_MAX);
    assert.ok(record.contextualInformation.endsWith('…'));
    assert.ok(record.contextualInformation.startsWith('AAAA'));
    assert.deepEqual(result.problems, [], 'a cut text is within the limit');
  });

  it('record ids: the same for the same line and HCP every run, distinct across lines and HCPs', () => {
    const id = openPaymentsRecordId('a0B000000000001AAA', '003000000000001AAA');
    assert.equal(id, openPaymentsRecordId('a0B000000000001AAA', '003000000000001AAA'));
    assert.match(id, new RegExp(`^[0-9a-f]{${RECORD_ID_LENGTH}}$`));
    // Pinned across versions (a resubmission must find the filed record): `printf 'a0B…AAA\x00003…AAA' | sha256sum`, cut.
    assert.equal(id, 'e94495c9581fe0cfb57821f08e4dc48a');
    const ids = new Set([
      id,
      openPaymentsRecordId('a0B000000000001AAA', '003000000000002AAA'),
      openPaymentsRecordId('a0B000000000002AAA', '003000000000001AAA'),
      // A separator keeps ("ab", "c") and ("a", "bc") apart.
      openPaymentsRecordId('a0B000000000001AA', 'A003000000000001AAA'),
    ]);
    assert.equal(ids.size, 4);
    // Built twice from the same lines (new objects, other amounts): the same ids.
    const lines = () => [
      line(40, { expenseId: 'S1', doctorId: 'D1', basis: 'per-capita', recipients: 2 }),
      line(40, { expenseId: 'S2', doctorId: 'D1' }),
    ];
    const first = openPaymentsForHcp(doctor(), lines(), context()).records.map((r) => r.recordId);
    const again = openPaymentsForHcp(
      doctor(),
      lines().map((l) => ({ ...l, amount: 41 })),
      context(),
    ).records.map((r) => r.recordId);
    assert.deepEqual(again, first);
    assert.notEqual(first[0], first[1]);
    const otherHcp = openPaymentsForHcp(
      doctor({ Id: 'D2' }),
      [line(40, { expenseId: 'S1', doctorId: 'D2' })],
      context(),
    );
    assert.notEqual(only(otherHcp.records).recordId, first[0], 'two HCPs sharing a line have two records');
  });

  it('every column of PY2025 is filled from the record, in the order of the data file', () => {
    const full = doctor({ CME_License_State__c: 'MA;NY; ca,TX,Florida,WA' });
    const record = only(
      openPaymentsForHcp(
        full,
        [line(250.5, { category: 'Travel and Lodging', openPaymentsNature: 'Travel and Lodging' })],
        context(),
      ).records,
    );
    const header = openPaymentsHeader(PY2025);
    const cells = openPaymentsCells(record, PY2025);
    assert.deepEqual(
      header,
      PY2025.columns.map((c) => c.name),
    );
    assert.equal(cells.length, header.length);
    const noValueInTheDataModel = new Set(['middleName', 'nameSuffix']);
    PY2025.columns.forEach((column, i) => {
      if (column.constant !== undefined) assert.equal(cells[i], column.constant, column.name);
      else if (column.key === null) assert.equal(cells[i], '', `${column.name} has no value in the data model`);
      else if (noValueInTheDataModel.has(column.key)) assert.equal(cells[i], '', column.name);
      else assert.notEqual(cells[i], '', `${column.name} (${column.key}) is filled`);
    });
    const expected: Record<string, string> = {
      SUBMITTING_APPLICABLE_MANUFACTURER_OR_APPLICABLE_GPO_NAME: 'Acme Pharma Inc.',
      APPLICABLE_MANUFACTURER_OR_APPLICABLE_GPO_REGISTRATION_ID: '100000012345',
      COVERED_RECIPIENT_TYPE: 'Covered Recipient Physician',
      COVERED_RECIPIENT_NPI: '1234567893',
      COVERED_RECIPIENT_FIRST_NAME: 'Maya',
      COVERED_RECIPIENT_LAST_NAME: 'Chen',
      RECIPIENT_PRIMARY_BUSINESS_STREET_ADDRESS_LINE1: '12 Beacon St',
      RECIPIENT_PRIMARY_BUSINESS_STREET_ADDRESS_LINE2: 'Suite 400',
      RECIPIENT_CITY: 'Boston',
      RECIPIENT_STATE: 'MA',
      RECIPIENT_ZIP_CODE: '02108-1234',
      RECIPIENT_COUNTRY: 'United States',
      COVERED_RECIPIENT_PRIMARY_TYPE_1: 'Medical Doctor',
      COVERED_RECIPIENT_SPECIALTY_1: 'Cardiology',
      COVERED_RECIPIENT_LICENSE_STATE_CODE1: 'MA',
      COVERED_RECIPIENT_LICENSE_STATE_CODE3: 'CA',
      COVERED_RECIPIENT_LICENSE_STATE_CODE5: 'FL',
      TOTAL_AMOUNT_OF_PAYMENT_USDOLLARS: '250.50',
      DATE_OF_PAYMENT: '03/14/2025',
      NUMBER_OF_PAYMENTS_INCLUDED_IN_TOTAL_AMOUNT: '1',
      FORM_OF_PAYMENT_OR_TRANSFER_OF_VALUE: 'In-kind items and services',
      NATURE_OF_PAYMENT_OR_TRANSFER_OF_VALUE: 'Travel and Lodging',
      CONTEXTUAL_INFORMATION: 'Heart Failure Update, 03/14/2025',
      RECORD_ID: openPaymentsRecordId(record.expenseId, 'D1'),
      RELATED_PRODUCT_INDICATOR: 'Yes',
      NAME_OF_DRUG_OR_BIOLOGICAL_OR_DEVICE_OR_MEDICAL_SUPPLY_1: 'Cardiolex',
      PRODUCT_CATEGORY_OR_THERAPEUTIC_AREA_1: 'Cardiology',
    };
    for (const [name, value] of Object.entries(expected)) assert.equal(cellOf(record, name), value, name);
  });

  it('an event without a product focus says no related product; dates follow the data file', () => {
    const plain: DisclosureEvent = { ...EVENT, Id: 'E3', Product_Focus__c: null };
    const isoDates: OpenPaymentsConfig = { ...PY2025, dateFormat: 'YYYY-MM-DD' };
    const ctx = context({ config: isoDates, eventsById: new Map([[plain.Id, plain]]) });
    const record = only(openPaymentsForHcp(doctor(), [line(40, { eventId: 'E3' })], ctx).records);
    assert.equal(cellOf(record, 'RELATED_PRODUCT_INDICATOR', isoDates), 'No');
    assert.equal(cellOf(record, 'NAME_OF_DRUG_OR_BIOLOGICAL_OR_DEVICE_OR_MEDICAL_SUPPLY_1', isoDates), '');
    assert.equal(cellOf(record, 'PRODUCT_CATEGORY_OR_THERAPEUTIC_AREA_1', isoDates), '');
    assert.equal(cellOf(record, 'DATE_OF_PAYMENT', isoDates), '2025-03-14');
  });
});

describe('open payments: record problems', () => {
  /** The problems of one HCP with one line, by field. */
  function problemsOf(d: DisclosureDoctor, l: DisclosureLine, ctx = context()) {
    const result = openPaymentsForHcp(d, [l], ctx);
    const record = only(result.records);
    for (const p of result.problems) {
      assert.equal(p.recordId, record.recordId);
      assert.equal(p.doctorId, 'D1');
      assert.equal(p.eventId, 'E1');
    }
    return new Map(result.problems.map((p) => [p.field, p]));
  }

  it('a clean record has none', () => {
    assert.deepEqual(openPaymentsForHcp(doctor(), [line(40)], context()).problems, []);
  });

  it('NPI check digit', () => {
    const problem = problemsOf(doctor({ CME_NPI__c: '1234567890' }), line(40)).get('COVERED_RECIPIENT_NPI');
    assert.ok(problem);
    assert.equal(problem.value, '1234567890');
    assert.equal(problem.problem, 'The NPI check digit should be 3, not 0.');
    assert.match(problem.fix, /CME_NPI__c/);
  });

  it("an HCP's lines in several calls: each record has the HCP's problems, worded as for one call", () => {
    const ctx = context();
    const bad = doctor({ CME_NPI__c: '1234567890', MailingCity: '' });
    const clean = doctor({ Id: 'D2' });
    const first = openPaymentsForHcp(bad, [line(40), line(50)], ctx);
    const between = openPaymentsForHcp(clean, [line(40, { doctorId: 'D2' })], ctx);
    const later = openPaymentsForHcp(
      bad,
      [line(60, { category: 'Travel and Lodging', openPaymentsNature: 'Travel and Lodging' })],
      ctx,
    );
    assert.deepEqual(between.problems, [], "another HCP's problems do not carry over");
    const alone = openPaymentsForHcp(bad, [line(60)], context()).problems;
    for (const result of [first, later]) {
      const fields = (recordId: string) => result.problems.filter((p) => p.recordId === recordId).map((p) => p.field);
      for (const record of result.records)
        assert.deepEqual(fields(record.recordId), ['COVERED_RECIPIENT_NPI', 'RECIPIENT_CITY'], record.recordId);
    }
    const strip = (problem: (typeof alone)[number]) => ({ ...problem, recordId: '' });
    assert.deepEqual(later.problems.map(strip), alone.map(strip), 'the same problems as a fresh run');
  });

  it('required fields: street, city, ZIP, primary type blank', () => {
    const problems = problemsOf(
      doctor({ MailingStreet: null, MailingCity: '', MailingPostalCode: null, CME_Primary_Type__c: null }),
      line(40),
    );
    for (const [field, source] of [
      ['RECIPIENT_PRIMARY_BUSINESS_STREET_ADDRESS_LINE1', /MailingStreet/],
      ['RECIPIENT_CITY', /MailingCity/],
      ['RECIPIENT_ZIP_CODE', /MailingPostalCode/],
      ['COVERED_RECIPIENT_TYPE', /CME_Primary_Type__c/],
      ['COVERED_RECIPIENT_PRIMARY_TYPE_1', /CME_Primary_Type__c/],
    ] as const) {
      const problem = problems.get(field);
      assert.ok(problem, field);
      assert.match(problem.problem, /required and is blank/);
      assert.match(problem.fix, source);
    }
  });

  it('state and ZIP formats, and license states', () => {
    const problems = problemsOf(
      doctor({ MailingState: 'Ontario', MailingPostalCode: '0210', CME_License_State__c: 'MA;ZZ' }),
      line(40),
    );
    assert.match(problems.get('RECIPIENT_STATE')?.problem ?? '', /"Ontario" is not a US state/);
    assert.match(problems.get('RECIPIENT_STATE')?.fix ?? '', /USPS code .* MailingState/);
    assert.match(problems.get('RECIPIENT_ZIP_CODE')?.problem ?? '', /"0210" is not a ZIP code/);
    assert.match(problems.get('COVERED_RECIPIENT_LICENSE_STATE_CODE2')?.problem ?? '', /"ZZ" is not a US state/);
    assert.equal(problems.has('COVERED_RECIPIENT_LICENSE_STATE_CODE1'), false);
  });

  it('a foreign address is not held to US state and ZIP formats, but an unknown country is a problem', () => {
    const abroad = problemsOf(
      doctor({ MailingCountry: 'DE', MailingState: 'Berlin', MailingPostalCode: '10115' }),
      line(40),
    );
    assert.equal(abroad.has('RECIPIENT_STATE'), false);
    assert.equal(abroad.has('RECIPIENT_ZIP_CODE'), false);
    const unknown = problemsOf(doctor({ MailingCountry: 'Atlantis' }), line(40)).get('RECIPIENT_COUNTRY');
    assert.match(unknown?.problem ?? '', /"Atlantis" is not an ISO 3166-1 alpha-2/);
  });

  it('allowed values: a form the data file does not allow', () => {
    const cashOnly: OpenPaymentsConfig = {
      ...PY2025,
      allowedValues: { ...PY2025.allowedValues, forms: ['Cash or cash equivalent'] },
    };
    const problem = problemsOf(doctor(), line(40), context({ config: cashOnly })).get(
      'FORM_OF_PAYMENT_OR_TRANSFER_OF_VALUE',
    );
    assert.ok(problem);
    assert.match(problem.problem, /"In-kind items and services" is not one of the allowed values/);
    assert.match(problem.fix, /Cash or cash equivalent/);
  });

  it('amounts: positive with two decimals, in US dollars', () => {
    const field = 'TOTAL_AMOUNT_OF_PAYMENT_USDOLLARS';
    assert.match(problemsOf(doctor(), line(-25)).get(field)?.problem ?? '', /above zero/);
    assert.match(problemsOf(doctor(), line(40.125)).get(field)?.problem ?? '', /more than two decimals/);
    const euro = problemsOf(doctor(), line(40, { currency: 'EUR' })).get(field);
    assert.match(euro?.problem ?? '', /in EUR; Open Payments reports US dollars/);
    assert.match(euro?.fix ?? '', /rule pack/);
  });

  it('the date of payment inside the program year', () => {
    const problem = problemsOf(doctor(), line(40, { paymentDate: '2026-01-03' })).get('DATE_OF_PAYMENT');
    assert.ok(problem);
    assert.equal(problem.value, '2026-01-03');
    assert.match(problem.problem, /outside PY2025/);
    assert.match(problem.fix, /Incurred_On__c/);
  });

  it('text lengths: a first name over 20 characters', () => {
    const problem = problemsOf(doctor({ FirstName: 'Maximiliana-Josefina-Anne' }), line(40)).get(
      'COVERED_RECIPIENT_FIRST_NAME',
    );
    assert.match(problem?.problem ?? '', /25 characters; at most 20/);
    assert.match(problem?.fix ?? '', /FirstName/);
  });

  it('travel without a venue city', () => {
    const noCity: DisclosureEvent = { ...EVENT, City__c: null };
    const problem = problemsOf(
      doctor(),
      line(300, { category: 'Travel and Lodging', openPaymentsNature: 'Travel and Lodging' }),
      context({ eventsById: new Map([[EVENT.Id, noCity]]) }),
    ).get('CITY_OF_TRAVEL');
    assert.match(problem?.problem ?? '', /required for Travel and Lodging/);
    assert.match(problem?.fix ?? '', /City__c/);
  });

  it('file-level: a blank entity name or registration ID is one problem for the file', () => {
    const entity = resolveReportingEntity(PY2025, { registrationId: ' ' });
    assert.deepEqual(entity, { name: '', registrationId: '' });
    const problems = openPaymentsFileProblems(PY2025, entity);
    assert.deepEqual(
      problems.map((p) => [p.recordId, p.field]),
      [
        ['', 'SUBMITTING_APPLICABLE_MANUFACTURER_OR_APPLICABLE_GPO_NAME'],
        ['', 'APPLICABLE_MANUFACTURER_OR_APPLICABLE_GPO_REGISTRATION_ID'],
      ],
    );
    assert.match(problems[1].fix, /--registration-id/);
    assert.deepEqual(openPaymentsFileProblems(PY2025, { name: 'Acme', registrationId: '1' }), []);
    // The records themselves do not repeat the file's problem.
    const ctx = context({ reportingEntity: entity });
    assert.deepEqual(openPaymentsForHcp(doctor(), [line(40)], ctx).problems, []);
    const named = resolveReportingEntity({ ...PY2025, reportingEntity: { name: 'From File' } }, undefined);
    assert.equal(named.name, 'From File');
  });

  it('--no-strict: an invalid record becomes an excluded line naming its fields', () => {
    const result = openPaymentsForHcp(doctor({ CME_NPI__c: '1234567890', MailingCity: '' }), [line(40)], context());
    const excluded = invalidRecordExclusion(only(result.records), result.problems);
    assert.equal(excluded.reason, 'invalid-record');
    assert.equal(excluded.amount, 40);
    assert.match(excluded.detail, /COVERED_RECIPIENT_NPI, RECIPIENT_CITY/);
  });
});

describe("open payments: from the domain core's allocation", () => {
  it('a shared meal, a travel line and an honorarium become records; every line is a record or excluded', () => {
    const event: DisclosureEvent = { ...EVENT, Event_Type__c: 'Workshop' };
    const attendance = ['D1', 'D2', 'D3'].map((id, i) => ({
      Id: `A${i}`,
      Event__c: 'E1',
      Doctor__c: id,
      Mode__c: 'In-Person' as const,
    }));
    const invitations = [
      { Id: 'I1', Event__c: 'E1', Doctor__c: 'D1', Status__c: 'Accepted' as const, Role__c: 'Speaker' as const },
      { Id: 'I2', Event__c: 'E1', Doctor__c: 'D2', Status__c: 'Accepted' as const, Role__c: 'Attendee' as const },
      { Id: 'I3', Event__c: 'E1', Doctor__c: 'D3', Status__c: 'Accepted' as const, Role__c: 'Attendee' as const },
    ];
    const expenses = [
      {
        Id: 'M1',
        Event__c: 'E1',
        Category__c: 'Food and Beverage' as const,
        Amount__c: 90,
        Stage__c: 'Actual' as const,
        Incurred_On__c: '2025-03-14',
      },
      {
        Id: 'T1',
        Event__c: 'E1',
        Category__c: 'Travel and Lodging' as const,
        Amount__c: 412.35,
        Doctor__c: 'D1',
        Stage__c: 'Actual' as const,
        Incurred_On__c: '2025-03-13',
      },
      {
        Id: 'H1',
        Event__c: 'E1',
        Category__c: 'Speaker Honorarium' as const,
        Amount__c: 1500,
        Doctor__c: 'D1',
        Stage__c: 'Actual' as const,
        Incurred_On__c: '2025-03-20',
      },
    ];
    const tov = allocateTransfersOfValue(event, expenses, attendance, invitations);
    const doctors = new Map<string, DisclosureDoctor>([
      ['D1', doctor()],
      ['D2', doctor({ Id: 'D2', CME_Primary_Type__c: 'Physician Assistant', CME_NPI__c: '1245319599' })],
      ['D3', doctor({ Id: 'D3', CME_Primary_Type__c: 'Pharmacist' })],
    ]);
    assert.ok(isValidNpi(doctors.get('D2')?.CME_NPI__c));
    const ctx = context({ eventsById: new Map([[event.Id, event]]) });
    const results = [...doctors.keys()].map((id) =>
      openPaymentsForHcp(
        doctors.get(id),
        tov.allocations.filter((a) => a.doctorId === id).map((a) => ({ ...a, currency: 'USD' })),
        ctx,
      ),
    );
    const records = results.flatMap((r) => r.records);
    const excluded = results.flatMap((r) => r.excluded);
    assert.deepEqual(
      results.flatMap((r) => r.problems),
      [],
    );
    assert.deepEqual(
      records.map((r) => [r.doctorId, r.expenseId, r.totalAmount, r.nature]),
      [
        ['D1', 'T1', 412.35, 'Travel and Lodging'],
        ['D1', 'M1', 30, 'Food and Beverage'],
        ['D1', 'H1', 1500, SPEAKER_COMPENSATION_NATURE],
        ['D2', 'M1', 30, 'Food and Beverage'],
      ],
    );
    assert.equal(records[3].coveredRecipientType, 'Covered Recipient Non-Physician Practitioner');
    assert.deepEqual(
      excluded.map((e) => [e.doctorId, e.expenseId, e.amount, e.reason]),
      [['D3', 'M1', 30, 'not-a-covered-recipient']],
    );
    // Reported and excluded add up to the ledger, to the cent.
    const cents = [...records.map((r) => r.totalAmount), ...excluded.map((e) => e.amount)].reduce(
      (sum, amount) => sum + Math.round(amount * 100),
      0,
    );
    assert.equal(cents, 90_00 + 412_35 + 1500_00);
  });
});
