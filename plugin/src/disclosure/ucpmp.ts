// UCPMP 2024 (India): the financial year's CME/CPD expenditure statement, one row per event of a UCPMP
// rule pack held in the year, and the facts the senior-most executive's self-declaration states
// (disclosure.md). Pure: build.ts hands each held event with its rows (the passes' EventOfPeriod) to
// ucpmpEvent, then the results to ucpmpStatement. No HCP is named in the statement (no source found
// requires it); HCPs are named only in the declaration's exceptions, for the company's own review.
import { fromCents, hcpName, isFacultyRole, rolesByDoctor, toCents, toUtcDay } from '../domain/cmeDomain.ts';
import type {
  Attendance,
  CmeEvent,
  Expense,
  ExpenseCategory,
  Invitation,
  IsoDate,
  TovResult,
} from '../domain/cmeDomain.ts';
import { UCPMP_EXPENSE_CATEGORIES } from '../schema/ucpmpConfig.ts';
import type { UcpmpConfig, UcpmpEventField } from '../schema/ucpmpConfig.ts';
import {
  amountProblem,
  countryCode,
  countryProblem,
  dateInPeriodProblem,
  recordProblems,
  requiredTextProblem,
} from './checks.ts';
import type { FieldProblem } from './checks.ts';
import type { DisclosureDoctor, DisclosureEvent, DisclosurePeriod, RecordProblem } from './types.ts';

/**
 * Whether an event was held, as of a day: Completed or Closed, or Approved with its last day (End__c,
 * else Start__c) before the as-of day. Approved counts because an approved event whose days are past
 * took place and spent its money even when nobody has marked it Completed yet (the commonest lag);
 * leaving it out would understate the expenditure the Code asks to disclose. Draft, Pending Approval,
 * Rejected and Cancelled events never count: whatever they spent shows in the reconciliation's
 * event-not-held bucket, not in the statement.
 */
export function isHeldEvent(event: CmeEvent, asOf: IsoDate): boolean {
  if (event.Status__c === 'Completed' || event.Status__c === 'Closed') return true;
  if (event.Status__c !== 'Approved') return false;
  const lastDay = toUtcDay(event.End__c) ?? toUtcDay(event.Start__c);
  return !!lastDay && lastDay < asOf;
}

/** A held event with its rows, as the passes hand it (EventOfPeriod fits). */
export interface UcpmpEventInput {
  event: DisclosureEvent;
  /**
   * The company filing the statement: the organiser of an event that names no accredited provider.
   * (Not the record owner: a rep's name does not belong in a public statement, and the Code holds the
   * company responsible for what it organises.)
   */
  company?: string;
  /** The currency of the rule pack that judges the event. */
  currency: string;
  invitations: readonly Invitation[];
  attendance: readonly Attendance[];
  /** Every expense line of the event (all stages): the Actual ones are its expenditure. */
  expenses: readonly Expense[];
  /** The domain core's allocation of its Actual lines. */
  tov: TovResult;
}

/** Looks up an HCP (report/doctors.ts's Doctors and a Map both fit). */
export interface DoctorLookup {
  get(doctorId: string): DisclosureDoctor | undefined;
}

export interface UcpmpEventRow {
  eventId: string;
  /** The row's id in validation.csv: Event_Key__c, else the record id. */
  eventKey: string;
  name: string;
  start: IsoDate | null;
  end: IsoDate | null;
  venue: string;
  city: string;
  /** ISO code when the event's country is one; as held otherwise ('' for a virtual event without one). */
  country: string;
  /** In person (or hybrid) outside the home country: the Code forbids it. */
  outsideHomeCountry: boolean;
  therapyArea: string;
  organiser: string;
  /** Attendance records: distinct HCPs, each attendance without an HCP counted once. */
  hcpsAttended: number;
  /** Attendees invited as Speaker, Moderator or Panelist. */
  speakers: number;
  currency: string;
  /** Every Actual expense line of the event, HCP or not, by category. */
  expenditure: Record<ExpenseCategory, number>;
  total: number;
}

/** What an HCP received at an event that the declaration names (travel for a non-speaker, cash, gifts). */
export interface UcpmpHcpPayment {
  eventId: string;
  eventKey: string;
  eventName: string;
  doctorId: string;
  doctorName: string;
  /** The expense categories the amount comes from. */
  categories: ExpenseCategory[];
  amount: number;
  currency: string;
}

export interface UcpmpEventResult {
  row: UcpmpEventRow;
  nonSpeakerTravel: UcpmpHcpPayment[];
  cashOrGifts: UcpmpHcpPayment[];
  problems: RecordProblem[];
}

const text = (value: string | null | undefined) => (value ?? '').trim();
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** HCPs who attended (distinct), and each attendance record without an HCP once. */
export function attendedCount(attendance: readonly Attendance[]): number {
  const doctors = new Set<string>();
  let anonymous = 0;
  for (const a of attendance) {
    if (a.Doctor__c) doctors.add(a.Doctor__c);
    else anonymous++;
  }
  return doctors.size + anonymous;
}

/** Attending HCPs whose invitation makes them faculty. */
export function speakerCount(attendance: readonly Attendance[], invitations: readonly Invitation[]): number {
  const roles = rolesByDoctor(invitations);
  const attended = new Set(attendance.map((a) => a.Doctor__c).filter((id): id is string => !!id));
  return [...attended].filter((id) => isFacultyRole(roles.get(id))).length;
}

/** The event's Actual expense lines by category, in cents, every category present. */
export function expenditureCents(expenses: readonly Expense[]): Map<ExpenseCategory, number> {
  const cents = new Map<ExpenseCategory, number>(UCPMP_EXPENSE_CATEGORIES.map((c) => [c, 0]));
  for (const e of expenses) {
    if (e.Stage__c !== 'Actual' || !e.Amount__c) continue;
    const category = e.Category__c ?? 'Other';
    cents.set(category, (cents.get(category) ?? 0) + toCents(e.Amount__c));
  }
  return cents;
}

/** Cents by category as amounts, and their total (added in cents, so it is exact). */
function amountsOf(cents: ReadonlyMap<ExpenseCategory, number>): {
  expenditure: Record<ExpenseCategory, number>;
  total: number;
} {
  const expenditure = {} as Record<ExpenseCategory, number>;
  let totalCents = 0;
  for (const [category, value] of cents) {
    expenditure[category] = fromCents(value);
    totalCents += value;
  }
  return { expenditure, total: fromCents(totalCents) };
}

function isOutside(event: CmeEvent, country: string, home: string): boolean {
  return event.Format__c !== 'Virtual' && country !== '' && country !== home;
}

/** The statement's row of one held event. */
export function ucpmpEventRow(input: UcpmpEventInput, config: UcpmpConfig): UcpmpEventRow {
  const { event } = input;
  const held = text(event.Country__c);
  const country = countryCode(held) ?? held;
  const { expenditure, total } = amountsOf(expenditureCents(input.expenses));
  return {
    eventId: event.Id,
    eventKey: text(event.Event_Key__c) || event.Id,
    name: text(event.Name),
    start: toUtcDay(event.Start__c),
    end: toUtcDay(event.End__c),
    venue: text(event.Venue__c),
    city: text(event.City__c),
    country,
    outsideHomeCountry: isOutside(event, country, config.homeCountry),
    therapyArea: text(event.Therapy_Area__c),
    organiser: text(event.Accreditation_Provider__c) || text(input.company),
    hcpsAttended: attendedCount(input.attendance),
    speakers: speakerCount(input.attendance, input.invitations),
    currency: input.currency,
    expenditure,
    total,
  };
}

/** An HCP's allocations at the event that pass `take`, summed per HCP, sorted by name then id. */
function paymentsTo(
  input: UcpmpEventInput,
  row: UcpmpEventRow,
  doctors: DoctorLookup,
  take: (a: TovResult['allocations'][number]) => boolean,
): UcpmpHcpPayment[] {
  const byDoctor = new Map<string, { cents: number; categories: Set<ExpenseCategory> }>();
  for (const a of input.tov.allocations) {
    if (!take(a)) continue;
    const sum = byDoctor.get(a.doctorId) ?? { cents: 0, categories: new Set<ExpenseCategory>() };
    sum.cents += toCents(a.amount);
    sum.categories.add(a.category);
    byDoctor.set(a.doctorId, sum);
  }
  return [...byDoctor]
    .map(([doctorId, sum]) => ({
      eventId: row.eventId,
      eventKey: row.eventKey,
      eventName: row.name,
      doctorId,
      doctorName: hcpName(doctors.get(doctorId), doctorId),
      categories: [...sum.categories].sort(),
      amount: fromCents(sum.cents),
      currency: row.currency,
    }))
    .sort((a, b) => compareText(a.doctorName, b.doctorName) || compareText(a.doctorId, b.doctorId));
}

/** What a regulator (or auditor) would refuse in the row: blanks, a start outside the year, bad amounts. */
function eventRowProblems(
  row: UcpmpEventRow,
  event: CmeEvent,
  period: DisclosurePeriod,
  config: UcpmpConfig,
): RecordProblem[] {
  const label = (field: UcpmpEventField) => config.columns.find((c) => c.field === field)?.label ?? field;
  const inPerson = event.Format__c !== 'Virtual';
  const found: (FieldProblem | null)[] = [
    requiredTextProblem({ field: label('name'), source: 'CME_Event__c.Name' }, row.name),
    dateInPeriodProblem({ field: label('start'), source: 'CME_Event__c.Start__c' }, row.start, period),
  ];
  if (inPerson)
    found.push(
      requiredTextProblem({ field: label('venue'), source: 'CME_Event__c.Venue__c' }, row.venue),
      requiredTextProblem({ field: label('city'), source: 'CME_Event__c.City__c' }, row.city),
      countryProblem({ field: label('country'), source: 'CME_Event__c.Country__c' }, event.Country__c),
    );
  for (const column of config.categoryColumns)
    if (row.expenditure[column.category] !== 0)
      found.push(
        amountProblem(
          { field: column.label, source: `the event's Actual ${column.category} expense lines` },
          row.expenditure[column.category],
        ),
      );
  return recordProblems({ recordId: row.eventKey, doctorId: null, eventId: row.eventId }, found);
}

/**
 * One held event: its statement row, the HCPs the declaration must name (travel or stay for a
 * non-speaker; cash, or a gift category, to a non-speaker) and its record problems. A speaker's fee
 * is paid in cash by nature and the Code allows it, so faculty are never an exception.
 */
export function ucpmpEvent(
  input: UcpmpEventInput,
  config: UcpmpConfig,
  period: DisclosurePeriod,
  doctors: DoctorLookup,
): UcpmpEventResult {
  const row = ucpmpEventRow(input, config);
  const gifts = new Set<string>(config.giftCategories);
  return {
    row,
    nonSpeakerTravel: paymentsTo(input, row, doctors, (a) => a.category === 'Travel and Lodging' && !a.faculty),
    cashOrGifts: paymentsTo(
      input,
      row,
      doctors,
      (a) => !a.faculty && (a.paymentForm === 'Cash or cash equivalent' || gifts.has(a.category)),
    ),
    problems: eventRowProblems(row, input.event, period, config),
  };
}

/** An event held outside the home country, as the declaration names it. */
export interface UcpmpEventAbroad {
  eventId: string;
  eventKey: string;
  name: string;
  start: IsoDate | null;
  city: string;
  country: string;
}

export interface UcpmpTotals {
  events: number;
  hcpsAttended: number;
  speakers: number;
  expenditure: Record<ExpenseCategory, number>;
  total: number;
}

/** The facts the self-declaration states, taken from the statement and the allocation. */
export interface UcpmpDeclarationFacts {
  company: string;
  period: DisclosurePeriod;
  homeCountry: string;
  eventsHeld: number;
  /** Null when the events' currencies mix (the total is then not added up). */
  total: number | null;
  currency: string | null;
  eventsAbroad: UcpmpEventAbroad[];
  nonSpeakerTravel: UcpmpHcpPayment[];
  cashOrGifts: UcpmpHcpPayment[];
}

export interface UcpmpStatement {
  period: DisclosurePeriod;
  /** The statement's one currency; null when the events' packs have several (a problem). */
  currency: string | null;
  /** By start day, then event key. */
  rows: UcpmpEventRow[];
  /** Null when the currencies mix: amounts in different currencies are never added. */
  totals: UcpmpTotals | null;
  declaration: UcpmpDeclarationFacts;
  problems: RecordProblem[];
}

function totalsOf(rows: readonly UcpmpEventRow[]): UcpmpTotals {
  const cents = new Map<ExpenseCategory, number>(UCPMP_EXPENSE_CATEGORIES.map((c) => [c, 0]));
  for (const row of rows)
    for (const category of UCPMP_EXPENSE_CATEGORIES)
      cents.set(category, (cents.get(category) ?? 0) + toCents(row.expenditure[category]));
  const { expenditure, total } = amountsOf(cents);
  return {
    events: rows.length,
    hcpsAttended: rows.reduce((n, r) => n + r.hcpsAttended, 0),
    speakers: rows.reduce((n, r) => n + r.speakers, 0),
    expenditure,
    total,
  };
}

function currencyMixProblem(rows: readonly UcpmpEventRow[]): RecordProblem {
  const currencies = [...new Set(rows.map((r) => r.currency))].sort();
  return {
    recordId: '',
    doctorId: null,
    eventId: null,
    field: 'currency',
    value: currencies.join(', '),
    problem: `The events come in ${currencies.length} currencies (${currencies.join(', ')}); the statement is in one currency and amounts in different currencies are never added.`,
    fix: 'Judge every UCPMP event by rule packs of one currency (CME_Rule_Pack__c.Currency_Code__c, INR).',
  };
}

const byStartThenKey = (a: UcpmpEventRow, b: UcpmpEventRow) =>
  compareText(a.start ?? '', b.start ?? '') || compareText(a.eventKey, b.eventKey);

/** The statement and the declaration's facts from every held event's result. */
export function ucpmpStatement(
  results: readonly UcpmpEventResult[],
  config: UcpmpConfig,
  period: DisclosurePeriod,
  company: string,
): UcpmpStatement {
  const rows = results.map((r) => r.row).sort(byStartThenKey);
  const currencies = new Set(rows.map((r) => r.currency));
  const mixed = currencies.size > 1;
  const totals = mixed ? null : totalsOf(rows);
  const currency = mixed ? null : ([...currencies][0] ?? null);
  const ordered = [...results].sort((a, b) => byStartThenKey(a.row, b.row));
  return {
    period,
    currency,
    rows,
    totals,
    declaration: {
      company,
      period,
      homeCountry: config.homeCountry,
      eventsHeld: rows.length,
      total: totals?.total ?? null,
      currency,
      eventsAbroad: rows
        .filter((r) => r.outsideHomeCountry)
        .map(({ eventId, eventKey, name, start, city, country }) => ({
          eventId,
          eventKey,
          name,
          start,
          city,
          country,
        })),
      nonSpeakerTravel: ordered.flatMap((r) => r.nonSpeakerTravel),
      cashOrGifts: ordered.flatMap((r) => r.cashOrGifts),
    },
    problems: [...results.flatMap((r) => r.problems), ...(mixed ? [currencyMixProblem(rows)] : [])],
  };
}

export type UcpmpCell = string | number | boolean | null;

function fieldValue(row: UcpmpEventRow, field: UcpmpEventField): UcpmpCell {
  return row[field];
}

/** The statement as a table: the data file's columns, a column per category, the total, the totals row. */
export function ucpmpTable(statement: UcpmpStatement, config: UcpmpConfig): { header: string[]; rows: UcpmpCell[][] } {
  const header = [
    ...config.columns.map((c) => c.label),
    ...config.categoryColumns.map((c) => c.label),
    config.totalLabel,
  ];
  const rows: UcpmpCell[][] = statement.rows.map((row) => [
    ...config.columns.map((c) => fieldValue(row, c.field)),
    ...config.categoryColumns.map((c) => row.expenditure[c.category]),
    row.total,
  ]);
  const totals = statement.totals;
  if (totals) {
    const counts: Partial<Record<UcpmpEventField, number>> = {
      hcpsAttended: totals.hcpsAttended,
      speakers: totals.speakers,
    };
    rows.push([
      ...config.columns.map((c, i) => (i === 0 ? config.totalsRowLabel : (counts[c.field] ?? null))),
      ...config.categoryColumns.map((c) => totals.expenditure[c.category]),
      totals.total,
    ]);
  }
  return { header, rows };
}
