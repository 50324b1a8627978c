// UCPMP: which events were held, each held event's statement row (attendance, speakers, expenditure
// by category), the totals row, and the self-declaration's facts (events abroad, travel for
// non-speakers, cash or gifts), each named.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { allocateTransfersOfValue, sumMoney } from '../src/domain/cmeDomain.ts';
import type { Attendance, Expense, Invitation } from '../src/domain/cmeDomain.ts';
import { isHeldEvent, ucpmpEvent, ucpmpStatement, ucpmpTable } from '../src/disclosure/ucpmp.ts';
import type { UcpmpEventInput } from '../src/disclosure/ucpmp.ts';
import type { DisclosureDoctor, DisclosureEvent, DisclosurePeriod } from '../src/disclosure/types.ts';
import { ucpmpConfigSchema } from '../src/schema/ucpmpConfig.ts';
import type { UcpmpConfig } from '../src/schema/ucpmpConfig.ts';

const configDir = path.join(import.meta.dirname, '../../config/disclosure/ucpmp');
const readConfig = (label: string): UcpmpConfig =>
  ucpmpConfigSchema.parse(JSON.parse(fs.readFileSync(path.join(configDir, `${label}.json`), 'utf8')));
const config = readConfig('FY2025-26');
const period: DisclosurePeriod = { start: '2025-04-01', end: '2026-03-31', label: 'FY2025-26', year: 2025 };

const doctors = new Map<string, DisclosureDoctor>(
  ['D1', 'D2', 'D3', 'D4'].map((id) => [id, { Id: id, Name: `Asha ${id}`, CME_Primary_Type__c: 'Medical Doctor' }]),
);

function event(id: string, extra: Partial<DisclosureEvent> = {}): DisclosureEvent {
  return {
    Id: id,
    Name: `CME ${id}`,
    Event_Key__c: `EVT-${id}`,
    Event_Type__c: 'Workshop',
    Format__c: 'In-Person',
    Status__c: 'Completed',
    Start__c: '2025-06-10T04:30:00.000+0000',
    End__c: '2025-06-10T12:30:00.000+0000',
    Venue__c: 'Hotel Sahar',
    City__c: 'Mumbai',
    Country__c: 'IN',
    Therapy_Area__c: 'Cardiology',
    Accreditation_Provider__c: 'Maharashtra Medical Council',
    ...extra,
  };
}

let expenseNo = 0;
function expense(
  eventId: string,
  category: Expense['Category__c'],
  amount: number,
  extra: Partial<Expense> = {},
): Expense {
  expenseNo++;
  return {
    Id: `X${expenseNo}`,
    Event__c: eventId,
    Category__c: category,
    Amount__c: amount,
    Stage__c: 'Actual',
    ...extra,
  };
}

/** An event with its rows and the domain core's allocation, as the passes hand it over. */
function input(
  ev: DisclosureEvent,
  rows: {
    invitations?: Invitation[];
    attendance?: Attendance[];
    expenses?: Expense[];
    currency?: string;
    company?: string;
  },
): UcpmpEventInput {
  const invitations = rows.invitations ?? [];
  const attendance = rows.attendance ?? [];
  const expenses = rows.expenses ?? [];
  return {
    event: ev,
    company: rows.company,
    currency: rows.currency ?? 'INR',
    invitations,
    attendance,
    expenses,
    tov: allocateTransfersOfValue(ev, expenses, attendance, invitations),
  };
}

const invite = (eventId: string, doctorId: string, role: Invitation['Role__c']): Invitation => ({
  Id: `I-${eventId}-${doctorId}`,
  Event__c: eventId,
  Doctor__c: doctorId,
  Status__c: 'Accepted',
  Role__c: role,
});
const attend = (eventId: string, doctorId: string | null, extra: Partial<Attendance> = {}): Attendance => ({
  Id: `A-${eventId}-${doctorId ?? expenseNo++}`,
  Event__c: eventId,
  Doctor__c: doctorId,
  ...extra,
});

/** A workshop with a speaker, two learners, a walk-in and one without a Contact. */
function workshop(): UcpmpEventInput {
  return input(event('E1'), {
    invitations: [invite('E1', 'D1', 'Speaker'), invite('E1', 'D2', 'Attendee'), invite('E1', 'D3', 'Attendee')],
    attendance: [attend('E1', 'D1'), attend('E1', 'D2'), attend('E1', 'D3'), attend('E1', 'D4'), attend('E1', null)],
    expenses: [
      expense('E1', 'Venue', 50000),
      expense('E1', 'Food and Beverage', 12000.5),
      expense('E1', 'Travel and Lodging', 8000, { Doctor__c: 'D1' }),
      expense('E1', 'Travel and Lodging', 3000, { Doctor__c: 'D2' }),
      expense('E1', 'Travel and Lodging', 450.25, { Doctor__c: 'D2' }),
      expense('E1', 'Speaker Honorarium', 25000, { Doctor__c: 'D1' }),
      expense('E1', 'Accreditation Fee', 5000),
      expense('E1', 'Other', 2000, { Doctor__c: 'D3', Payment_Form__c: 'Cash or cash equivalent' }),
      expense('E1', 'Venue', 99999, { Stage__c: 'Estimated' }),
      expense('E1', 'Printed Material', 777, { Stage__c: 'Committed' }),
    ],
  });
}

describe('UCPMP held events', () => {
  it('are Completed or Closed, or Approved with the last day before the as-of day', () => {
    const asOf = '2025-09-03';
    const cases: [Partial<DisclosureEvent>, boolean][] = [
      [{ Status__c: 'Completed' }, true],
      [{ Status__c: 'Closed' }, true],
      [{ Status__c: 'Approved', End__c: '2025-09-02T12:00:00.000+0000' }, true],
      [{ Status__c: 'Approved', End__c: '2025-09-03T12:00:00.000+0000' }, false],
      [{ Status__c: 'Approved', End__c: null, Start__c: '2025-09-01T12:00:00.000+0000' }, true],
      [{ Status__c: 'Cancelled' }, false],
      [{ Status__c: 'Rejected' }, false],
      [{ Status__c: 'Draft' }, false],
      [{ Status__c: 'Pending Approval' }, false],
    ];
    for (const [extra, held] of cases) assert.equal(isHeldEvent(event('E', extra), asOf), held, JSON.stringify(extra));
  });
});

describe('UCPMP statement rows', () => {
  it('counts attendance and speakers and adds up every Actual line by category', () => {
    const one = workshop();
    const { row, problems } = ucpmpEvent(one, config, period, doctors);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      { key: row.eventKey, start: row.start, end: row.end, city: row.city, abroad: row.outsideHomeCountry },
      { key: 'EVT-E1', start: '2025-06-10', end: '2025-06-10', city: 'Mumbai', abroad: false },
    );
    assert.equal(row.hcpsAttended, 5, 'four HCPs and one attendance without a Contact');
    assert.equal(row.speakers, 1);
    assert.equal(row.organiser, 'Maharashtra Medical Council', 'the accreditation provider organised it');
    assert.deepEqual(row.expenditure, {
      Venue: 50000,
      'Food and Beverage': 12000.5,
      'Travel and Lodging': 11450.25,
      'Speaker Honorarium': 25000,
      'Registration Fee': 0,
      'Audio Visual': 0,
      'Printed Material': 0,
      'Accreditation Fee': 5000,
      Other: 2000,
    });
    assert.equal(row.total, 105450.75);
    // The same money the domain core allocated (to HCPs or not): the reconciliation ties.
    const allocated = sumMoney([
      ...one.tov.allocations.map((a) => a.amount),
      ...one.tov.unattributed.map((u) => u.amount),
    ]);
    assert.equal(row.total, allocated);
  });

  it('names the filing company as organiser of an event without an accredited provider', () => {
    const own = event('E1', { Accreditation_Provider__c: null });
    const { row } = ucpmpEvent(input(own, { company: 'Acme Pharma India Pvt Ltd' }), config, period, doctors);
    assert.equal(row.organiser, 'Acme Pharma India Pvt Ltd');
    const provided = ucpmpEvent(input(event('E1'), { company: 'Acme Pharma India Pvt Ltd' }), config, period, doctors);
    assert.equal(provided.row.organiser, 'Maharashtra Medical Council', 'a provider named on the event organised it');
  });

  it('adds a totals row over the events, in start order', () => {
    const later = input(event('E2', { Start__c: '2025-11-01T04:30:00.000+0000', End__c: null }), {
      attendance: [attend('E2', 'D2')],
      expenses: [expense('E2', 'Venue', 10000), expense('E2', 'Registration Fee', 1500.1)],
    });
    const statement = ucpmpStatement(
      [ucpmpEvent(later, config, period, doctors), ucpmpEvent(workshop(), config, period, doctors)],
      config,
      period,
      'Acme Pharma Ltd',
    );
    assert.deepEqual(
      statement.rows.map((r) => r.eventKey),
      ['EVT-E1', 'EVT-E2'],
    );
    assert.equal(statement.currency, 'INR');
    assert.deepEqual(
      { events: statement.totals?.events, hcps: statement.totals?.hcpsAttended, speakers: statement.totals?.speakers },
      { events: 2, hcps: 6, speakers: 1 },
    );
    assert.equal(statement.totals?.expenditure.Venue, 60000);
    assert.equal(statement.totals?.expenditure['Registration Fee'], 1500.1);
    assert.equal(statement.totals?.total, 116950.85, '105,450.75 + 11,500.10');
    const { header, rows } = ucpmpTable(statement, config);
    assert.equal(header.length, config.columns.length + config.categoryColumns.length + 1);
    assert.equal(rows.length, 3);
    const totalsRow = rows[2];
    assert.equal(totalsRow[0], 'Total');
    assert.equal(totalsRow[header.indexOf('HCPs attended')], 6);
    assert.equal(totalsRow[header.indexOf('Venue', config.columns.length)], 60000);
    assert.equal(totalsRow.at(-1), 116950.85);
    assert.equal(rows[1][header.indexOf('Held outside India')], false);
  });

  it('flags an event held outside India and names it in the declaration; a virtual one is not abroad', () => {
    const dubai = input(event('E3', { City__c: 'Dubai', Country__c: 'AE', Start__c: '2025-08-01T06:00:00.000+0000' }), {
      expenses: [expense('E3', 'Venue', 20000)],
    });
    const webinar = input(event('E4', { Format__c: 'Virtual', Venue__c: null, City__c: null, Country__c: null }), {});
    const statement = ucpmpStatement(
      [dubai, webinar, workshop()].map((i) => ucpmpEvent(i, config, period, doctors)),
      config,
      period,
      'Acme',
    );
    assert.deepEqual(
      statement.rows.map((r) => [r.eventKey, r.outsideHomeCountry]),
      [
        ['EVT-E1', false],
        ['EVT-E4', false],
        ['EVT-E3', true],
      ],
    );
    assert.deepEqual(statement.declaration.eventsAbroad, [
      { eventId: 'E3', eventKey: 'EVT-E3', name: 'CME E3', start: '2025-08-01', city: 'Dubai', country: 'AE' },
    ]);
    assert.deepEqual(statement.problems, [], 'a virtual event needs no venue, city or country');
  });
});

describe('UCPMP declaration facts', () => {
  it('names travel or stay paid for a non-speaker, summed per HCP, never the speaker', () => {
    const { nonSpeakerTravel } = ucpmpEvent(workshop(), config, period, doctors);
    assert.deepEqual(nonSpeakerTravel, [
      {
        eventId: 'E1',
        eventKey: 'EVT-E1',
        eventName: 'CME E1',
        doctorId: 'D2',
        doctorName: 'Dr Asha D2',
        categories: ['Travel and Lodging'],
        amount: 3450.25,
        currency: 'INR',
      },
    ]);
  });

  it("names cash to a learner (a speaker's fee is not an exception), and the data file's gift categories", () => {
    const cash = ucpmpEvent(workshop(), config, period, doctors).cashOrGifts;
    assert.deepEqual(
      cash.map((c) => [c.doctorId, c.categories, c.amount]),
      [['D3', ['Other'], 2000]],
    );
    const withGifts = { ...config, giftCategories: ['Printed Material' as const] };
    const gifted = input(event('E5'), {
      attendance: [attend('E5', 'D2')],
      expenses: [expense('E5', 'Printed Material', 300, { Doctor__c: 'D2' })],
    });
    assert.deepEqual(
      ucpmpEvent(gifted, withGifts, period, doctors).cashOrGifts.map((c) => [c.doctorId, c.amount]),
      [['D2', 300]],
    );
    assert.deepEqual(ucpmpEvent(gifted, config, period, doctors).cashOrGifts, []);
  });

  it('carries the period, the company, the events held and the total', () => {
    const statement = ucpmpStatement(
      [ucpmpEvent(workshop(), config, period, doctors)],
      config,
      period,
      'Acme Pharma Ltd',
    );
    const facts = statement.declaration;
    assert.deepEqual(
      [facts.company, facts.period.label, facts.eventsHeld, facts.total, facts.currency, facts.homeCountry],
      ['Acme Pharma Ltd', 'FY2025-26', 1, 105450.75, 'INR', 'IN'],
    );
    assert.equal(facts.nonSpeakerTravel.length, 1);
    assert.equal(facts.cashOrGifts.length, 1);
  });
});

describe('UCPMP record problems', () => {
  it('names the blank venue fields of an in-person event and a start outside the year', () => {
    const bad = input(
      event('E6', { City__c: '', Country__c: 'Atlantis', Start__c: '2026-04-02T04:30:00.000+0000' }),
      {},
    );
    const { problems } = ucpmpEvent(bad, config, period, doctors);
    assert.deepEqual(
      problems.map((p) => [p.recordId, p.field]),
      [
        ['EVT-E6', 'Start date'],
        ['EVT-E6', 'City'],
        ['EVT-E6', 'Country'],
      ],
    );
    assert.match(problems[1].fix, /CME_Event__c\.City__c/);
  });

  it('refuses a negative category and never adds two currencies', () => {
    const refund = input(event('E7'), { expenses: [expense('E7', 'Venue', 100), expense('E7', 'Venue', -300)] });
    assert.deepEqual(
      ucpmpEvent(refund, config, period, doctors).problems.map((p) => [p.field, p.value]),
      [['Venue', '-200']],
    );
    const eur = input(event('E8'), { currency: 'EUR', expenses: [expense('E8', 'Venue', 100)] });
    const statement = ucpmpStatement(
      [workshop(), eur].map((i) => ucpmpEvent(i, config, period, doctors)),
      config,
      period,
      'Acme',
    );
    assert.equal(statement.totals, null);
    assert.equal(statement.currency, null);
    assert.equal(statement.declaration.total, null);
    assert.deepEqual(
      statement.problems.map((p) => [p.recordId, p.field, p.value]),
      [['', 'currency', 'EUR, INR']],
    );
    assert.equal(ucpmpTable(statement, config).rows.length, 2, 'no totals row');
  });
});

describe('UCPMP data files', () => {
  it('the shipped years parse and say the form number is unconfirmed', () => {
    for (const label of ['FY2024-25', 'FY2025-26']) {
      const file = readConfig(label);
      assert.equal(file.label, label);
      assert.match(file.declaration.formNumber, /UNCONFIRMED/);
      assert.ok(file.sources.some((s) => s.includes('UNCONFIRMED')));
    }
  });

  it('refuse a text with a fact the tool cannot fill and a statement without a column for a category', () => {
    const unknown = ucpmpConfigSchema.safeParse({
      ...config,
      declaration: { ...config.declaration, intro: 'I, {ceo}, declare' },
    });
    assert.match(unknown.error?.issues[0].message ?? '', /\{ceo\} is not a fact/);
    const missing = ucpmpConfigSchema.safeParse({ ...config, categoryColumns: config.categoryColumns.slice(1) });
    assert.match(missing.error?.issues[0].message ?? '', /no column for "Venue"/);
  });
});
