// Open Payments (US, CMS) general-payment records, one HCP at a time (issue 14, items 2 and 5). Pure:
// the command hands over an HCP's lines of the program year (the domain core's Actual allocations of
// US events dated in the period), the HCP, the events and the program year's data file; this module
// decides which lines are reported and which excluded (with the reason), builds the records, checks
// each the way CMS would, and writes the CSV cells in the data file's column order.
import { hash } from 'node:crypto';
import { fromCents, toCents, toUtcDay } from '../domain/cmeDomain.ts';
import type { IsoDate, PrimaryType } from '../domain/cmeDomain.ts';
import type {
  OpenPaymentsColumn,
  OpenPaymentsConfig,
  OpenPaymentsRecordKey,
  RecipientKind,
} from '../schema/disclosureConfig.ts';
import { OPEN_PAYMENTS_DOCTOR_KEYS } from '../schema/disclosureConfig.ts';
import {
  allowedValueProblem,
  amountProblem,
  countryCode,
  countryProblem,
  dateInPeriodProblem,
  excludedLineOf,
  npiFieldProblem,
  recordProblems,
  requiredTextProblem,
  textLengthProblem,
  usStateCode,
  usStateProblem,
  zipProblem,
} from './checks.ts';
import type { CheckTarget, FieldProblem, RecordIds } from './checks.ts';
import type {
  DisclosureDoctor,
  DisclosureEvent,
  DisclosureLine,
  DisclosurePeriod,
  ExcludedLine,
  RecordProblem,
} from './types.ts';

/** One general-payment record: every value a column can be filled from, and the line it came from. */
export interface OpenPaymentsRecord {
  recordId: string;
  reportingEntityName: string;
  reportingEntityRegistrationId: string;
  coveredRecipientType: string;
  npi: string;
  firstName: string;
  middleName: string;
  lastName: string;
  nameSuffix: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  /** The USPS code when the org's value is a US state's code or name; else as the org holds it. */
  state: string;
  zipCode: string;
  /** The ISO code when the org's value is a known code or name; else as the org holds it. */
  country: string;
  primaryType: string;
  specialty: string;
  licenseState1: string;
  licenseState2: string;
  licenseState3: string;
  licenseState4: string;
  licenseState5: string;
  /** USD, to the cent. */
  totalAmount: number;
  /** YYYY-MM-DD; the cells write it in the data file's dateFormat. */
  dateOfPayment: IsoDate | '';
  numberOfPayments: number;
  form: string;
  nature: string;
  travelCity: string;
  travelState: string;
  travelCountry: string;
  contextualInformation: string;
  relatedProductIndicator: boolean;
  productName1: string;
  productTherapeuticArea1: string;
  /** Not columns: where the record comes from, for validation.csv, excluded.csv and the reconciliation. */
  doctorId: string;
  eventId: string;
  expenseId: string;
  category: string;
  currency: string;
}

// Every key a column can name is a field of the record (a compile error here when one is missing).
type RecordColumns = Pick<OpenPaymentsRecord, OpenPaymentsRecordKey>;

/** The file-level values the org does not hold (--entity-name, --registration-id). */
export interface ReportingEntity {
  name: string;
  registrationId: string;
}

/** What every HCP's records are made with. */
export interface OpenPaymentsContext {
  config: OpenPaymentsConfig;
  period: DisclosurePeriod;
  eventsById: ReadonlyMap<string, DisclosureEvent>;
  reportingEntity: ReportingEntity;
}

export interface OpenPaymentsHcpResult {
  records: OpenPaymentsRecord[];
  excluded: ExcludedLine[];
  /** The records' problems (validation.csv), record by record. */
  problems: RecordProblem[];
}

/** The text a contextual information column takes at most (disclosure.md: ≤ 500 characters). */
export const CONTEXTUAL_INFORMATION_MAX = 500;
/** Hex characters of a Record ID. */
export const RECORD_ID_LENGTH = 32;

const TRAVEL_NATURE = 'Travel and Lodging';

/**
 * The Record ID of an HCP's part of an expense line. CMS matches a resubmitted record to the one
 * already filed by this id, so it must be the same every time the file is made: it is derived only
 * from the expense line's id and the HCP's id (never from amounts, dates or the run), which also makes
 * each HCP's share of a shared line distinct. A SHA-256 hash cut to 32 hex characters (128 bits:
 * collisions are out of reach at any file size) gives a fixed length whatever the ids look like and
 * does not put org record ids in a public file.
 */
export function openPaymentsRecordId(expenseId: string, doctorId: string): string {
  // crypto.hash: one call, no Hash object per record (1M ids: 1.45 → 0.53 s, measured on Node 22).
  return hash('sha256', `${expenseId}\u0000${doctorId}`, 'hex').slice(0, RECORD_ID_LENGTH);
}

/** The reporting entity from the flags, else the data file's name; blanks are file-level problems. */
export function resolveReportingEntity(
  config: OpenPaymentsConfig,
  given: { name?: string; registrationId?: string } | undefined,
): ReportingEntity {
  return {
    name: (given?.name ?? config.reportingEntity?.name ?? '').trim(),
    registrationId: (given?.registrationId ?? '').trim(),
  };
}

/** Where a record's value comes from, for the fix of a problem with it. */
const SOURCES: Readonly<Record<OpenPaymentsRecordKey, string>> = {
  recordId: 'the expense line and the HCP (the Record ID is derived from their ids)',
  reportingEntityName: '--entity-name (or reportingEntity.name in the data file)',
  reportingEntityRegistrationId: '--registration-id',
  coveredRecipientType: "the Contact's CME_Primary_Type__c (primaryTypes in the data file)",
  npi: "the Contact's CME_NPI__c",
  firstName: "the Contact's FirstName",
  middleName: 'the middle name (the data model holds none)',
  lastName: "the Contact's LastName",
  nameSuffix: 'the name suffix (the data model holds none)',
  addressLine1: "the first line of the Contact's MailingStreet",
  addressLine2: "the further lines of the Contact's MailingStreet",
  city: "the Contact's MailingCity",
  state: "the Contact's MailingState",
  zipCode: "the Contact's MailingPostalCode",
  country: "the Contact's MailingCountry",
  primaryType: "the Contact's CME_Primary_Type__c",
  specialty: "the Contact's CME_Specialty__c",
  licenseState1: "the Contact's CME_License_State__c",
  licenseState2: "the Contact's CME_License_State__c",
  licenseState3: "the Contact's CME_License_State__c",
  licenseState4: "the Contact's CME_License_State__c",
  licenseState5: "the Contact's CME_License_State__c",
  totalAmount: "the expense line's Amount__c",
  dateOfPayment: "the expense line's Incurred_On__c",
  numberOfPayments: 'the number of payments (always 1)',
  form: "the expense line's Payment_Form__c (forms in the data file)",
  nature: "the expense line's Category__c (natures in the data file)",
  travelCity: "the event's City__c",
  travelState: "the event's State__c",
  travelCountry: "the event's Country__c",
  contextualInformation: "the event's Name",
  relatedProductIndicator: "the event's Product_Focus__c",
  productName1: "the event's Product_Focus__c",
  productTherapeuticArea1: "the event's Therapy_Area__c",
};

// ---- which lines are reported -------------------------------------------------------------------

/** Whether Open Payments covers the HCP, and in words why not. */
export interface Coverage {
  /** The kind of covered recipient; null when the primary type is blank (a record problem, not an exclusion). */
  kind: Exclude<RecipientKind, 'not-covered'> | null;
  /** Set when the HCP is not a covered recipient: the exclusion's detail. */
  notCovered?: string;
}

/**
 * A covered recipient is a physician or (since PY2021) a non-physician practitioner (42 CFR 403.902),
 * identified by their NPI. The data file says which primary types are covered; an HCP without an NPI
 * is not a covered recipient for the file (the contract's not-a-covered-recipient), and the detail
 * says to enter the NPI if they are one. A blank primary type is not guessed: the record is made and
 * its blank type is a problem to fix.
 */
export function coverageOf(doctor: DisclosureDoctor | undefined, config: OpenPaymentsConfig): Coverage {
  if (!doctor) return { kind: null, notCovered: 'The HCP (Contact) was not found in the org.' };
  const type = doctor.CME_Primary_Type__c;
  const mapped = type ? config.primaryTypes[type as PrimaryType] : undefined;
  if (mapped?.recipient === 'not-covered')
    return {
      kind: null,
      notCovered: `A ${type} is not a covered recipient of Open Payments.${mapped.note ? ` ${mapped.note}` : ''}`,
    };
  if (!(doctor.CME_NPI__c ?? '').trim())
    return {
      kind: null,
      notCovered:
        'No NPI (Contact.CME_NPI__c is blank): not reported as a covered recipient. If the HCP is a US physician or non-physician practitioner, enter their NPI.',
    };
  return { kind: mapped ? mapped.recipient : null };
}

/**
 * 42 CFR 403.904(i)(1), CPI-adjusted per program year (the data file's thresholds): a payment below the
 * item threshold need not be reported unless the HCP's annual total of such small payments exceeds the
 * aggregate threshold; then every one of them is reported. So a payment exactly at the item threshold
 * is reported, and small payments totalling exactly the aggregate are not. Only small payments count
 * toward the aggregate (not the HCP's larger ones). Compared in whole cents.
 */
export function smallPaymentCents(line: Pick<DisclosureLine, 'amount'>, itemThreshold: number): number | null {
  const cents = toCents(line.amount);
  return cents > 0 && cents < toCents(itemThreshold) ? cents : null;
}

export function smallPaymentsReportable(totalSmallCents: number, aggregateThreshold: number): boolean {
  return totalSmallCents > toCents(aggregateThreshold);
}

// One formatter for every amount worded (building an Intl.NumberFormat per line costs more than the line).
const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 });

/** "$13.46": US dollars to the cent, as the thresholds are published. */
function usd(amount: number): string {
  return USD.format(amount);
}

/** --no-strict: a record that failed validation leaves the file and is listed as excluded. */
export function invalidRecordExclusion(record: OpenPaymentsRecord, problems: readonly RecordProblem[]): ExcludedLine {
  const fields = [...new Set(problems.map((p) => p.field))];
  return {
    eventId: record.eventId,
    expenseId: record.expenseId,
    doctorId: record.doctorId,
    category: record.category,
    amount: record.totalAmount,
    currency: record.currency,
    date: record.dateOfPayment || null,
    reason: 'invalid-record',
    detail: `Record ${record.recordId} failed validation (${fields.join(', ')}); see validation.csv.`,
  };
}

// ---- building a record --------------------------------------------------------------------------

function text(value: string | null | undefined): string {
  return (value ?? '').trim();
}

/** A text cut to a number of characters, an ellipsis marking the cut. */
export function cutText(value: string, max: number): string {
  const chars = [...value];
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join('')}…`;
}

/** Line 1 and the rest of a multi-line street (Salesforce keeps the lines of MailingStreet in one field). */
function streetLines(street: string | null | undefined): [string, string] {
  const lines = text(street)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return [lines[0] ?? '', lines.slice(1).join(', ')];
}

/** Up to five license states from CME_License_State__c ("MA" or "MA;NY"), as USPS codes when they are. */
function licenseStates(value: string | null | undefined): string[] {
  const states = text(value)
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => usStateCode(s) ?? s);
  return [...new Set(states)].slice(0, 5);
}

function mmddyyyy(day: string): string {
  return `${day.slice(5, 7)}/${day.slice(8, 10)}/${day.slice(0, 4)}`;
}

/** The event and its date, and the HCP's faculty role: what a reviewer at CMS needs to place the payment. */
function contextualInformation(event: DisclosureEvent | undefined, line: DisclosureLine): string {
  const name = text(event?.Name) || line.eventId;
  const day = toUtcDay(event?.Start__c);
  const role = line.faculty && line.role ? ` (${line.role})` : '';
  return cutText(`${name}${day ? `, ${mmddyyyy(day)}` : ''}${role}`, CONTEXTUAL_INFORMATION_MAX);
}

/** The record's columns filled from the HCP: the same in every record of theirs. */
type DoctorColumns = Pick<RecordColumns, (typeof OPEN_PAYMENTS_DOCTOR_KEYS)[number]>;

function doctorColumns(doctor: DisclosureDoctor, coverage: Coverage, config: OpenPaymentsConfig): DoctorColumns {
  const [addressLine1, addressLine2] = streetLines(doctor.MailingStreet);
  const licenses = licenseStates(doctor.CME_License_State__c);
  const type = doctor.CME_Primary_Type__c as PrimaryType | null | undefined;
  const specialty = text(doctor.CME_Specialty__c);
  return {
    coveredRecipientType: coverage.kind ? config.recipientTypes[coverage.kind] : '',
    npi: text(doctor.CME_NPI__c),
    firstName: text(doctor.FirstName),
    middleName: '',
    lastName: text(doctor.LastName),
    nameSuffix: '',
    addressLine1,
    addressLine2,
    city: text(doctor.MailingCity),
    state: usStateCode(doctor.MailingState) ?? text(doctor.MailingState),
    zipCode: text(doctor.MailingPostalCode),
    country: countryCode(doctor.MailingCountry) ?? text(doctor.MailingCountry),
    primaryType: (type && config.primaryTypes[type]?.cmsPrimaryType) || '',
    specialty: config.specialties?.[specialty] ?? specialty,
    licenseState1: licenses[0] ?? '',
    licenseState2: licenses[1] ?? '',
    licenseState3: licenses[2] ?? '',
    licenseState4: licenses[3] ?? '',
    licenseState5: licenses[4] ?? '',
  };
}

function buildRecord(doctor: DoctorColumns, line: DisclosureLine, context: OpenPaymentsContext): OpenPaymentsRecord {
  const { config, reportingEntity } = context;
  const event = context.eventsById.get(line.eventId);
  const travel = line.openPaymentsNature === TRAVEL_NATURE;
  const product = text(event?.Product_Focus__c);
  return {
    recordId: openPaymentsRecordId(line.expenseId, line.doctorId),
    reportingEntityName: reportingEntity.name,
    reportingEntityRegistrationId: reportingEntity.registrationId,
    ...doctor,
    totalAmount: line.amount,
    // The payment date; a line not yet dated counts on its event's start day, as the domain dates it.
    dateOfPayment: line.paymentDate ?? line.date ?? '',
    numberOfPayments: 1,
    form: config.forms[line.paymentForm] ?? line.paymentForm,
    nature: config.natures[line.openPaymentsNature] ?? line.openPaymentsNature,
    travelCity: travel ? text(event?.City__c) : '',
    travelState: travel ? (usStateCode(event?.State__c) ?? text(event?.State__c)) : '',
    travelCountry: travel ? (countryCode(event?.Country__c) ?? text(event?.Country__c)) : '',
    contextualInformation: contextualInformation(event, line),
    relatedProductIndicator: product !== '',
    productName1: product,
    productTherapeuticArea1: product ? text(event?.Therapy_Area__c) : '',
    doctorId: line.doctorId,
    eventId: line.eventId,
    expenseId: line.expenseId,
    category: line.category,
    currency: line.currency,
  };
}

// ---- checking a record --------------------------------------------------------------------------

/** A column filled from the record, with what its problems name, and whether the HCP fills it. */
type CheckedColumn = OpenPaymentsColumn & { key: OpenPaymentsRecordKey; target: CheckTarget; ofDoctor: boolean };

/** The keys doctorColumns fills (a record's problems in them are the same for all of an HCP's records). */
const DOCTOR_KEYS: ReadonlySet<OpenPaymentsRecordKey> = new Set(OPEN_PAYMENTS_DOCTOR_KEYS);
const checkedColumnsCache = new WeakMap<OpenPaymentsConfig, CheckedColumn[]>();

/** The columns checked on each record (filled from the record, not file-level), once per data file. */
function checkedColumnsOf(config: OpenPaymentsConfig): CheckedColumn[] {
  let columns = checkedColumnsCache.get(config);
  if (!columns) {
    const fileLevel = new Set(config.fileElements);
    columns = config.columns.flatMap((c) =>
      c.key !== null && !fileLevel.has(c.name)
        ? [{ ...c, key: c.key, target: { field: c.name, source: SOURCES[c.key] }, ofDoctor: DOCTOR_KEYS.has(c.key) }]
        : [],
    );
    checkedColumnsCache.set(config, columns);
  }
  return columns;
}

/** US address rules (state, ZIP) apply to a US address; CMS takes province and postal code otherwise. */
function isUsAddress(record: OpenPaymentsRecord): boolean {
  return record.country === '' || record.country === 'US';
}

function columnProblem(
  column: CheckedColumn,
  record: OpenPaymentsRecord,
  context: OpenPaymentsContext,
): FieldProblem | null {
  const { config, period } = context;
  const { target } = column;
  const raw = record[column.key];
  const cell = cellOf(column, record, config);
  const usOnly = (column.key === 'state' || column.key === 'zipCode') && !isUsAddress(record);
  if (cell === '') return column.required && !usOnly ? requiredTextProblem(target, '') : null;
  if (usOnly) return null;
  const formatProblem = ((): FieldProblem | null => {
    switch (column.format) {
      case 'npi':
        return npiFieldProblem(target, String(raw));
      case 'state':
        return usStateProblem(target, String(raw));
      case 'zip':
        return zipProblem(target, String(raw));
      case 'country':
        return countryProblem(target, String(raw));
      case 'amount':
        return typeof raw === 'number' ? amountProblem(target, raw) : null;
      case 'date':
        return dateInPeriodProblem(target, String(raw), period);
      case 'integer':
        return /^\d+$/.test(cell)
          ? null
          : {
              field: column.name,
              value: cell,
              problem: `${column.name} is not a whole number.`,
              fix: `Correct ${target.source}.`,
            };
      default:
        return null;
    }
  })();
  if (formatProblem) return formatProblem;
  if (column.allowed) {
    const allowed = allowedValueProblem(target, cell, config.allowedValues[column.allowed]);
    if (allowed) return allowed;
  }
  return column.maxLength === null ? null : textLengthProblem(target, cell, column.maxLength);
}

/** Travel and Lodging needs where the HCP travelled to: city and country, and the state for US travel. */
function travelProblems(record: OpenPaymentsRecord, config: OpenPaymentsConfig): FieldProblem[] {
  if (record.nature !== config.natures[TRAVEL_NATURE]) return [];
  const columnName = (key: OpenPaymentsRecordKey) => config.columns.find((c) => c.key === key)?.name ?? key;
  const needed: OpenPaymentsRecordKey[] = ['travelCity', 'travelCountry'];
  if (record.travelCountry === 'US') needed.push('travelState');
  const problems: FieldProblem[] = [];
  for (const key of needed) {
    const field = columnName(key);
    const problem = requiredTextProblem({ field, source: SOURCES[key] }, String(record[key]));
    if (problem) problems.push({ ...problem, problem: `${field} is required for Travel and Lodging and is blank.` });
  }
  return problems;
}

function currencyProblem(record: OpenPaymentsRecord, config: OpenPaymentsConfig): FieldProblem | null {
  if (record.currency === 'USD') return null;
  const field = config.columns.find((c) => c.key === 'totalAmount')?.name ?? 'totalAmount';
  return {
    field,
    value: `${record.totalAmount} ${record.currency}`,
    problem: `The amount is in ${record.currency}; Open Payments reports US dollars.`,
    fix: "Set the currency of the event's rule pack to USD, or move the event to a US rule pack.",
  };
}

/**
 * What CMS would refuse in a record: each column against the data file (required, format, allowed
 * values, length), the travel fields of a travel line, and the currency. File-level elements are
 * checked once for the file (openPaymentsFileProblems), not on every record.
 */
export function openPaymentsRecordProblems(record: OpenPaymentsRecord, context: OpenPaymentsContext): RecordProblem[] {
  return recordProblemsOf(record, context, new Map());
}

/**
 * openPaymentsRecordProblems, with the problems of the columns the HCP fills kept in `ofDoctor` (by
 * column position) from the HCP's first record: they cannot differ between the HCP's records.
 */
function recordProblemsOf(
  record: OpenPaymentsRecord,
  context: OpenPaymentsContext,
  ofDoctor: Map<number, FieldProblem | null>,
): RecordProblem[] {
  const { config } = context;
  const found: Array<FieldProblem | null> = [];
  checkedColumnsOf(config).forEach((column, i) => {
    if (!column.ofDoctor) return found.push(columnProblem(column, record, context));
    let problem = ofDoctor.get(i);
    if (problem === undefined) ofDoctor.set(i, (problem = columnProblem(column, record, context)));
    return found.push(problem);
  });
  found.push(...travelProblems(record, config), currencyProblem(record, config));
  const ids: RecordIds = { recordId: record.recordId, doctorId: record.doctorId, eventId: record.eventId };
  return recordProblems(ids, found);
}

/** The file-level elements' problems (a blank entity name or registration ID), once for the file. */
export function openPaymentsFileProblems(
  config: OpenPaymentsConfig,
  reportingEntity: ReportingEntity,
): RecordProblem[] {
  const sample = {
    reportingEntityName: reportingEntity.name,
    reportingEntityRegistrationId: reportingEntity.registrationId,
  };
  const found: Array<FieldProblem | null> = [];
  for (const column of config.columns) {
    if (!config.fileElements.includes(column.name) || column.key === null) continue;
    if (column.key !== 'reportingEntityName' && column.key !== 'reportingEntityRegistrationId') continue;
    const target = { field: column.name, source: SOURCES[column.key] };
    const value = sample[column.key];
    found.push(
      column.required && value === '' ? requiredTextProblem(target, value) : null,
      column.maxLength === null ? null : textLengthProblem(target, value, column.maxLength),
    );
  }
  return recordProblems({ recordId: '', doctorId: null, eventId: null }, found);
}

// ---- one HCP ------------------------------------------------------------------------------------

/** What an HCP gives every record of theirs: the columns, and those columns' problems by position. */
interface DoctorPart {
  columns: DoctorColumns;
  problems: Map<number, FieldProblem | null>;
}

/**
 * An HCP's part, made once per run: an HCP's lines come to openPaymentsForHcp in many calls (a call per
 * slice of events), and their columns and checks cost more than the line's own (measured at 1M lines).
 * Keyed by the doctor object (the reading's, one per HCP) within the run's context; bounded by HCPs.
 */
const doctorParts = new WeakMap<OpenPaymentsContext, WeakMap<DisclosureDoctor, DoctorPart>>();

function doctorPartOf(doctor: DisclosureDoctor, coverage: Coverage, context: OpenPaymentsContext): DoctorPart {
  let parts = doctorParts.get(context);
  if (!parts) doctorParts.set(context, (parts = new WeakMap()));
  let part = parts.get(doctor);
  if (!part)
    parts.set(doctor, (part = { columns: doctorColumns(doctor, coverage, context.config), problems: new Map() }));
  return part;
}

/**
 * An HCP's general-payment records, excluded lines and record problems. `lines` are the HCP's Actual
 * allocations of US events dated in the period (conference buffets already left out by the
 * allocation, and listed by the command); every line ends up either in a record or excluded.
 */
export function openPaymentsForHcp(
  doctor: DisclosureDoctor | undefined,
  lines: readonly DisclosureLine[],
  context: OpenPaymentsContext,
): OpenPaymentsHcpResult {
  const { config, period } = context;
  const coverage = coverageOf(doctor, config);
  if (!doctor || coverage.notCovered) {
    const detail = coverage.notCovered ?? '';
    return {
      records: [],
      excluded: lines.map((l) => excludedLineOf(l, 'not-a-covered-recipient', detail)),
      problems: [],
    };
  }
  const { item, aggregate } = config.thresholds;
  let smallTotal = 0;
  for (const line of lines) smallTotal += smallPaymentCents(line, item) ?? 0;
  const smallReported = smallPaymentsReportable(smallTotal, aggregate);
  // The same for each of the HCP's small payments: worded once.
  const why = smallReported
    ? ''
    : ` is below the ${period.label} item threshold of ${usd(item)}, and this HCP's small payments total ` +
      `${usd(fromCents(smallTotal))}, not above the ${usd(aggregate)} aggregate threshold (42 CFR 403.904(i)(1)).`;
  const result: OpenPaymentsHcpResult = { records: [], excluded: [], problems: [] };
  let part: DoctorPart | undefined;
  for (const line of lines) {
    if (!smallReported && smallPaymentCents(line, item) !== null) {
      result.excluded.push(excludedLineOf(line, 'below-threshold', `${usd(line.amount)}${why}`));
      continue;
    }
    part ??= doctorPartOf(doctor, coverage, context);
    const record = buildRecord(part.columns, line, context);
    result.records.push(record);
    result.problems.push(...recordProblemsOf(record, context, part.problems));
  }
  return result;
}

// ---- the CSV ------------------------------------------------------------------------------------

export function openPaymentsHeader(config: OpenPaymentsConfig): string[] {
  return config.columns.map((c) => c.name);
}

function cellOf(column: OpenPaymentsColumn, record: OpenPaymentsRecord, config: OpenPaymentsConfig): string {
  if (column.constant !== undefined) return column.constant;
  if (column.key === null) return '';
  const value = record[column.key];
  if (typeof value === 'boolean') return value ? config.indicator.yes : config.indicator.no;
  if (typeof value === 'number') return column.format === 'amount' ? (toCents(value) / 100).toFixed(2) : String(value);
  if (value === '') return '';
  switch (column.format) {
    case 'date':
      return config.dateFormat === 'MM/DD/YYYY' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? mmddyyyy(value) : value;
    case 'country':
      return config.countryNames[value] ?? value;
    default:
      return value;
  }
}

/** A record's CSV cells in the data file's column order (the header is openPaymentsHeader). */
export function openPaymentsCells(record: OpenPaymentsRecord, config: OpenPaymentsConfig): string[] {
  return config.columns.map((column) => cellOf(column, record, config));
}
